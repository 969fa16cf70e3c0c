/** Fault rules (§5.9): what to break, when and how often. */
import type { ErrorTypeLocation } from './errors';

/** Which requests or sockets a rule applies to. Every given member must match. */
export interface FaultMatch {
  /** Operation name: the 11 of §1.4, `StartChatContact`, `CreateParticipant`, `UploadAttachment`, `DownloadAttachment`, `WebSocketUpgrade`. */
  operation?: string;
  /** A path prefix, e.g. `/participant/`. */
  route?: string;
  participantId?: string;
  contactId?: string;
  socketId?: string;
  /** Socket rules: fire when the client sends a frame with this topic (e.g. `aws/heartbeat`). */
  topic?: string;
}

/** HTTP faults, applied before the request is handled. */
export type HttpFaultAction =
  | {
      type: 'error';
      /** @defaultValue 500 */
      status?: number;
      /** @defaultValue the name that goes with `status` */
      errorType?: string;
      message?: string;
      casing?: 'message' | 'Message';
      /** @defaultValue `'header'` */
      typeIn?: ErrorTypeLocation;
    }
  | { type: 'delay'; ms: number }
  | { type: 'dropConnection' }
  /** Handles the request (the service applies it), then drops the connection instead of answering. */
  | { type: 'dropResponse' }
  /** `json`: a 200 with a non-JSON body; `html`: a 502 HTML page. @defaultValue `'json'` */
  | { type: 'malformed'; variant?: 'json' | 'html' }
  | { type: 'skewDate'; seconds: number };

/** Token faults, applied once when added. */
export type TokenFaultAction =
  | { type: 'expireConnectionTokens'; participantId?: string }
  | { type: 'expireParticipantToken'; participantId?: string }
  | { type: 'expireWebsocketUrls'; participantId?: string };

/** Socket faults that act on open sockets (now, or when `match.topic` arrives). */
export type SocketEventFaultAction =
  | { type: 'drop' }
  | { type: 'close'; code?: number; reason?: string }
  | { type: 'gatewayError'; message?: string }
  | { type: 'badFrame' };

/** Socket faults that change how the server answers or delivers while the rule lasts. */
export type SocketBehaviourFaultAction =
  | { type: 'stopHeartbeats' }
  | { type: 'stopPings' }
  | { type: 'pingStatus'; statusCode: number | string; statusContent?: string }
  | { type: 'subscribeFailure'; times?: number }
  | { type: 'subscribeNoResponse' }
  | { type: 'rejectUpgrades'; times?: number }
  | { type: 'dropFrames'; topic?: string; times?: number }
  | { type: 'delayFrames'; ms: number }
  | { type: 'reorderFrames' }
  | { type: 'duplicateFrames' };

/** Chat lifecycle actions, applied once when added (to `match.contactId`, or every active contact). */
export type LifecycleFaultAction =
  | { type: 'endChat' }
  | { type: 'agentLeaves'; participantId?: string }
  | { type: 'idle' | 'returned' | 'autodisconnect'; participantId?: string }
  | { type: 'transfer'; outcome: 'succeeded' | 'failed' };

/** Any fault action. */
export type FaultAction =
  | HttpFaultAction
  | TokenFaultAction
  | SocketEventFaultAction
  | SocketBehaviourFaultAction
  | LifecycleFaultAction;

/** A fault rule as given to `POST /__emulator/faults` or `emulator.addFault`. */
export interface FaultRule {
  match?: FaultMatch;
  action: FaultAction;
  /** Uses before the rule is removed. @defaultValue unlimited (or the action's own `times`) */
  times?: number;
  /** Chance each matching use fires, from the seeded PRNG. @defaultValue 1 */
  probability?: number;
  /** The rule is dormant until this long (emulator clock) after it was added. @defaultValue 0 */
  afterMs?: number;
}

/** A stored rule. */
export interface ActiveFault extends FaultRule {
  id: string;
  addedAt: number;
  /** Uses left; `undefined` is unlimited. */
  remaining: number | undefined;
}

/** What a request or socket event looks like to the matcher. */
export type FaultSubject = { [K in keyof FaultMatch]?: FaultMatch[K] | undefined };

/** Every fault action `type` the emulator knows; a rule with any other type is rejected. */
export const faultActionTypes: readonly FaultAction['type'][] = [
  'error',
  'delay',
  'dropConnection',
  'dropResponse',
  'malformed',
  'skewDate',
  'expireConnectionTokens',
  'expireParticipantToken',
  'expireWebsocketUrls',
  'drop',
  'close',
  'gatewayError',
  'badFrame',
  'stopHeartbeats',
  'stopPings',
  'pingStatus',
  'subscribeFailure',
  'subscribeNoResponse',
  'rejectUpgrades',
  'dropFrames',
  'delayFrames',
  'reorderFrames',
  'duplicateFrames',
  'endChat',
  'agentLeaves',
  'idle',
  'returned',
  'autodisconnect',
  'transfer',
];
