export { createStreamsWebSocketManagerDouble, invalidTransportReason } from './streams-manager-double';
export type {
  DeepHeartbeatFailureInput,
  StreamsCallbackKind,
  StreamsLoseConnectionInput,
  StreamsManagerDoubleOptions,
  StreamsManagerDoubleState,
  StreamsWebSocketManagerDouble,
} from './streams-manager-double.types';
