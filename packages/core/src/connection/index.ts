export type {
  ConnectionDiagnostics,
  ConnectionMachineSnapshot,
  ConnectionSnapshot,
  StatusChange,
} from './connection.connect';
export { connectionSnapshotOf, diagnosticsOf, statusChangeBetween, statusOf } from './connection.connect';
export { connectionMachine } from './connection.machine';
export type * from './connection.types';
export { defaultConnectionDelays } from './connection.types';
export type {
  Connection,
  ConnectionClock,
  ConnectionEventMap,
  ConnectionLogger,
  ConnectionOptions,
  ConnectionRuntimeOptions,
} from './create-connection';
export { createConnection } from './create-connection';
export { acknowledgeConnection, fetchConnectionDetails } from './fetch-connection-details';
export type { ManagedSocketLinkInput } from './managed-socket-link';
export { managedLinkReportOf, managedSocketLink, managedTopics } from './managed-socket-link';
export { platformSignals } from './platform-signals';
export type { ReconnectDelay, ReconnectDelayOptions } from './reconnect-delay';
export { defaultReconnectDelayOptions, reconnectDelay } from './reconnect-delay';
export { Secret } from './secret';
export type { SocketLinkInput } from './socket-link';
export { linkCloseReason, socketLink } from './socket-link';
export { maxTimerDelayMs, minTokenRefreshDelayMs, tokenRefreshDelay } from './token-refresh-delay';
