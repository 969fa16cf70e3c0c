/**
 * `@connect-chat/transport`: adapters that fill `@connect-chat/core`'s slots.
 *
 * - Participant API over plain `fetch` (this entry) or over the AWS SDK (`@connect-chat/transport/aws-sdk`).
 * - The chat WebSocket over any `WebSocket` constructor (this entry).
 * - A local Participant Service emulator for tests and demos (`@connect-chat/transport/testing`, Node only).
 */
export * from './attachments';
export * from './participant-api';
export * from './socket';
export * from './streams';
