export type { FrameDecodeResult } from './frame-codec';
export { decodeFrame, defaultMaxFrameBytes, encodeFrame } from './frame-codec';
export type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketErrorEventLike,
  WebSocketFactoryOptions,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket.types';
export { createWebSocketFactory } from './websocket-factory';
