/**
 * `@connect-chat/transport/testing`: a local Amazon Connect Participant Service emulator (Node only) for tests and
 * demos. REST, WebSocket, attachments, a control API and fault injection on one port.
 */

export type { ActivityLogEntry, FrameLogEntry, HttpLogEntry, SocketLogEntry } from './activity-log';
export { defaultControlContentTypes, startEmulator } from './emulator';
export type {
  AddedFault,
  AddedParticipant,
  AddParticipantInput,
  AttachmentSnapshot,
  ContactState,
  CreateContactInput,
  CreatedContact,
  Emulator,
  InjectItemInput,
  ParticipantSnapshot,
  ReceiptInput,
} from './emulator.types';
export type { ErrorFormat, ErrorTypeLocation, ServiceErrorName } from './errors';
export { defaultErrorFormat, serviceErrorStatus } from './errors';
export type {
  ActiveFault,
  FaultAction,
  FaultMatch,
  FaultRule,
  HttpFaultAction,
  LifecycleFaultAction,
  SocketBehaviourFaultAction,
  SocketEventFaultAction,
  TokenFaultAction,
} from './faults.types';
export { maxParticipantsPerChat } from './lifecycle';
export type {
  AttachmentScanning,
  EmulatorAttachmentOptions,
  EmulatorClock,
  EmulatorLifetimes,
  EmulatorOptions,
  EmulatorScheduler,
  ViewFixture,
} from './options';
export {
  defaultEmulatorAttachmentOptions,
  defaultEmulatorLifetimes,
  defaultViewFixtures,
} from './options';
export type { RehydrationType } from './state.types';
export type {
  DeepHeartbeatFailureInput,
  StreamsCallbackKind,
  StreamsLoseConnectionInput,
  StreamsManagerDoubleOptions,
  StreamsManagerDoubleState,
  StreamsWebSocketManagerDouble,
} from './streams';
export { createStreamsWebSocketManagerDouble, invalidTransportReason } from './streams';
export { defaultTranscriptPageSize } from './transcript';
