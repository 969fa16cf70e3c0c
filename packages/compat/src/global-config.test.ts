import { describe, expect, it } from 'vitest';
import { createGlobalConfig } from './global-config';
import { LogLevel, messageReceiptsFeature } from './legacy-constants';
import { createLogManager } from './log-manager';

function configWithLog() {
  const lines: string[] = [];
  const logs = createLogManager(() => 0);
  const config = createGlobalConfig(logs);
  const loggerConfig = {
    customizedLogger: {
      debug: (line: unknown) => lines.push(String(line)),
      info: (line: unknown) => lines.push(String(line)),
      warn: (line: unknown) => lines.push(String(line)),
      error: (line: unknown) => lines.push(String(line)),
    },
    advancedLogWriter: 'warn',
  };
  return { config, lines, loggerConfig };
}

describe('global configuration (legacy-chatjs §3)', () => {
  it('CFG-01 defaults: us-west-2, receipts on, 5000 ms, no endpoint', () => {
    const { config } = configWithLog();
    expect(config.state).toMatchObject({
      region: 'us-west-2',
      endpoint: undefined,
      receiptThrottleMs: 5_000,
      customUserAgentSuffix: '',
    });
    expect(config.receiptsEnabled()).toBe(true);
    expect(config.effectiveRegion()).toBe('us-west-2');
  });

  it("CFG-02 region, override, and a session's region becoming global", () => {
    const { config } = configWithLog();
    config.apply({ region: 'eu-west-2' });
    expect(config.effectiveRegion()).toBe('eu-west-2');
    config.applySessionOptions({ region: 'ap-southeast-2' });
    expect(config.effectiveRegion()).toBe('ap-southeast-2');
    config.setRegionOverride('ca-central-1');
    config.apply({ region: 'us-east-1' });
    expect(config.effectiveRegion()).toBe('ca-central-1');
  });

  it('CFG-03 the endpoint override sticks; the throttle resets to 5000 ms on a call without throttleTime', () => {
    const { config } = configWithLog();
    config.apply({
      endpoint: 'http://127.0.0.1:1234/prefix',
      features: { messageReceipts: { throttleTime: 900 } },
    });
    expect(config.state.receiptThrottleMs).toBe(900);
    config.apply({ region: 'us-east-1' });
    expect(config.state.endpoint).toBe('http://127.0.0.1:1234/prefix');
    expect(config.state.receiptThrottleMs).toBe(5_000);
    config.apply({ throttleTime: 2_000 });
    expect(config.state.receiptThrottleMs).toBe(2_000);
  });

  it('CFG-04 receipts: off with shouldSendMessageReceipts false, on again otherwise; the legacy features list', () => {
    const { config } = configWithLog();
    config.apply({ features: { messageReceipts: { shouldSendMessageReceipts: false } } });
    expect(config.receiptsEnabled()).toBe(false);
    config.apply({});
    expect(config.receiptsEnabled()).toBe(true);
    config.apply({ features: ['SOMETHING_ELSE'] });
    expect([...config.state.features]).toEqual(['SOMETHING_ELSE', messageReceiptsFeature]);
    config.setFeatureFlag('EXTRA');
    expect(config.state.features.has('EXTRA')).toBe(true);
  });

  it("CFG-05 every call logs ChatJS's receipts WARN once a logger is configured; the probe and suffix are kept", () => {
    const { config, lines, loggerConfig } = configWithLog();
    const probe = () => true;
    config.apply({
      loggerConfig: { ...loggerConfig, level: LogLevel.WARN },
      webSocketManagerConfig: { isNetworkOnline: probe },
      customUserAgentSuffix: 'MyApp/1.2',
    });
    config.apply({ loggerConfig });
    expect(lines).toEqual([
      'WARN ["enabling message-receipts by default; to disable set config.features.messageReceipts.shouldSendMessageReceipts = false"] ',
      'WARN ["enabling message-receipts by default; to disable set config.features.messageReceipts.shouldSendMessageReceipts = false"] ',
    ]);
    expect(config.state.isNetworkOnline).toBe(probe);
    expect(config.state.customUserAgentSuffix).toBe('MyApp/1.2');
  });

  it("CFG-06 only a missing config throws (ChatJS's TypeError from reading loggerConfig off it); the user-agent suffix cannot be cleared", () => {
    const { config } = configWithLog();
    expect(() => config.apply(null as never)).toThrow(
      new TypeError("Cannot read properties of null (reading 'loggerConfig')"),
    );
    expect(() => config.apply(undefined as never)).toThrow(TypeError);
    config.apply({ customUserAgentSuffix: 'MyApp/1.2', throttleTime: 900 });
    // Not an object, yet ChatJS takes it: as a config with nothing set (so the throttle resets).
    config.apply(5 as never);
    expect(config.state.receiptThrottleMs).toBe(5_000);
    config.apply({ customUserAgentSuffix: '' });
    expect(config.state.customUserAgentSuffix).toBe('MyApp/1.2');
  });
});
