/**
 * The global configuration of one `connect.ChatSession` object, updated the way ChatJS's `setGlobalConfig` does
 * (legacy-chatjs §3), quirks included: a call without `loggerConfig` turns logging off, a call without
 * `throttleTime` resets the receipts throttle, the endpoint override and the user-agent suffix cannot be cleared,
 * and a session's `options.region` becomes the global region.
 */

import type { ChatFeaturesConfig, ChatGlobalConfig } from './legacy.types';
import {
  defaultLegacyReceiptThrottleMs,
  defaultLegacyRegion,
  messageReceiptsFeature,
} from './legacy-constants';
import { missingValueRead } from './legacy-errors';
import type { LogManager } from './log-manager';

/** The configuration as sessions read it when they are created. */
export interface GlobalConfigState {
  region: string;
  regionOverride: string | undefined;
  endpoint: string | undefined;
  stage: string;
  cell: string;
  reconnect: boolean;
  receiptThrottleMs: number;
  features: ReadonlySet<string>;
  customUserAgentSuffix: string;
  isNetworkOnline: (() => unknown) | undefined;
  widgetType: string;
}

/** The global configuration store. */
export interface GlobalConfig {
  /** The current state (a live view; read it when a session is created). */
  readonly state: Readonly<GlobalConfigState>;
  /** `setGlobalConfig(config)`. */
  apply(config: ChatGlobalConfig): void;
  /** `create({ options })`: ChatJS writes the session's region into the global configuration. */
  applySessionOptions(options: { region?: string | undefined }): void;
  setFeatureFlag(feature: string): void;
  setRegionOverride(region: string): void;
  /** The region a new session talks to: the override, else the global region. */
  effectiveRegion(): string;
  /** Whether read/delivered receipts are sent. */
  receiptsEnabled(): boolean;
  /** Calls `listener` whenever `webSocketManagerConfig.isNetworkOnline` is configured; returns an unsubscribe. */
  onNetworkProbeConfigured(listener: () => void): () => void;
}

/** Creates the store with ChatJS's defaults. */
export function createGlobalConfig(logs: LogManager): GlobalConfig {
  const state: GlobalConfigState = {
    region: defaultLegacyRegion,
    regionOverride: undefined,
    endpoint: undefined,
    stage: 'prod',
    cell: '1',
    reconnect: true,
    receiptThrottleMs: defaultLegacyReceiptThrottleMs,
    features: new Set([messageReceiptsFeature]),
    customUserAgentSuffix: '',
    isNetworkOnline: undefined,
    widgetType: 'CustomChatWidget',
  };
  const features = state.features as Set<string>;
  const probeListeners = new Set<() => void>();
  const log = logs.logger('ChatJS-GlobalConfig');

  return {
    state,
    apply(config) {
      // ChatJS reads `config.loggerConfig` first: only a missing configuration throws.
      if (config === null || config === undefined) throw missingValueRead(config, 'loggerConfig');
      if (config.region) state.region = config.region;
      if (config.endpoint) state.endpoint = config.endpoint;
      if (config.stage) state.stage = config.stage;
      if (config.cell) state.cell = config.cell;
      if (typeof config.reconnect === 'boolean') state.reconnect = config.reconnect;
      if (config.customUserAgentSuffix) state.customUserAgentSuffix = String(config.customUserAgentSuffix);
      state.receiptThrottleMs = config.throttleTime || defaultLegacyReceiptThrottleMs;
      if (Array.isArray(config.features)) {
        features.clear();
        for (const feature of config.features) features.add(feature);
      }
      const probe = config.webSocketManagerConfig?.isNetworkOnline;
      if (typeof probe === 'function') {
        state.isNetworkOnline = probe;
        for (const listener of [...probeListeners]) listener();
      }
      logs.configure(config.loggerConfig);
      if (config.csmConfig?.widgetType) state.widgetType = config.csmConfig.widgetType;
      log.warn(
        'enabling message-receipts by default; to disable set config.features.messageReceipts.shouldSendMessageReceipts = false',
      );
      const receipts = Array.isArray(config.features)
        ? undefined
        : (config.features as ChatFeaturesConfig | undefined)?.messageReceipts;
      if (receipts?.shouldSendMessageReceipts === false) features.delete(messageReceiptsFeature);
      else features.add(messageReceiptsFeature);
      if (receipts?.throttleTime) state.receiptThrottleMs = receipts.throttleTime;
    },
    onNetworkProbeConfigured(listener) {
      probeListeners.add(listener);
      return () => probeListeners.delete(listener);
    },
    applySessionOptions(options) {
      if (options.region) state.region = options.region;
    },
    setFeatureFlag(feature) {
      features.add(feature);
    },
    setRegionOverride(region) {
      state.regionOverride = region;
    },
    effectiveRegion: () => state.regionOverride || state.region || defaultLegacyRegion,
    receiptsEnabled: () => features.has(messageReceiptsFeature),
  };
}
