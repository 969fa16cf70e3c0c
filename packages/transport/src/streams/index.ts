export type { StreamsFrameDecodeResult } from './streams-frame';
export { decodeStreamsFrame, unknownInitFailureReason } from './streams-frame';
export type { StreamsManagedSocketOptions } from './streams-managed-socket';
export { createStreamsManagedSocket } from './streams-managed-socket';
export type {
  StreamsConnectionClosePayload,
  StreamsConnectionLostPayload,
  StreamsConnectionOpenPayload,
  StreamsDeepHeartbeatFailurePayload,
  StreamsDeepHeartbeatSuccessPayload,
  StreamsInitFailurePayload,
  StreamsManagerSubscriber,
  StreamsSubscriptionFrame,
  StreamsTopicFailurePayload,
  StreamsTopicFrame,
  StreamsTransportHandle,
  StreamsUnsubscribe,
  StreamsWebSocketManager,
  StreamsWebSocketTransport,
} from './streams-websocket-manager.types';
