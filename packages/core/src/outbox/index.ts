export { createOutbox, defaultOutboxCapacity, outboxRetryDelay } from './outbox';
export type { Outbox, OutboxOperation, OutboxOptions, OutboxState, OutboxTimers } from './outbox.types';
