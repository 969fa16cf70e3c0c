/** What a compat session remembers between calls and events. */

/** The mutable state of one compat session. */
export interface SessionState {
  /** `connect()` was called. */
  connectCalled: boolean;
  /**
   * `connect()` fetched the connection details (ChatJS's connection helper exists from then on): calls made before
   * reject with the "No active connection" string, or throw where ChatJS has no such check.
   */
  detailsFetched: boolean;
  /** `connect()` resolved once. */
  connected: boolean;
  /** The connection was established at least once (later establishments are reconnections). */
  everEstablished: boolean;
  /** The chat ended and every `onEnded` handler ran: the session serves no more calls. */
  participantDisconnected: boolean;
  /** The chat-ended handling started (it runs once). */
  endHandled: boolean;
  /** The chat ended and no connection was established since: receipts still waiting are not sent. */
  chatEnded: boolean;
  /** An agent's chat was transferred away: ChatJS stops its real-time events (REST calls still work). */
  realtimeMuted: boolean;
  /** `onTranscriptUpdated` has a subscriber: the transcript view is kept and reported. */
  transcriptMode: boolean;
  /** The latest deep heartbeat failed (ChatJS then reports the connection as `Broken`). */
  deepHeartbeatFailed: boolean;
  /** The `metadata` of the `connect()` call in flight, echoed by the first `onConnectionEstablished`. */
  connectMetadata: unknown;
  /** What connect() resolved with as `_debug.websocketStatus`; the first established event repeats it. */
  connectWebsocketStatus: 'Starting' | 'Connected';
}

/** A fresh state. */
export function initialSessionState(transcriptMode: boolean): SessionState {
  return {
    connectCalled: false,
    detailsFetched: false,
    connected: false,
    everEstablished: false,
    participantDisconnected: false,
    endHandled: false,
    chatEnded: false,
    realtimeMuted: false,
    transcriptMode,
    deepHeartbeatFailed: false,
    connectMetadata: null,
    connectWebsocketStatus: 'Connected',
  };
}
