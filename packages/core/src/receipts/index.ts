export { type ArrivalGate, createArrivalGate } from './arrival-gate';
export { receiptsMachine } from './receipts.machine';
export type {
  KnownReceipt,
  ReceiptKind,
  ReceiptMessage,
  ReceiptQueue,
  ReceiptRequest,
  ReceiptSender,
  ReceiptSendInput,
  ReceiptSkipReason,
  ReceiptSlots,
  ReceiptsContext,
  ReceiptsDelays,
  ReceiptsEmitted,
  ReceiptsEvent,
  ReceiptsInput,
  ReceiptsInternalEvent,
  ReceiptsTag,
  ReceiptWindowEdge,
  SentMarks,
  SkippedReceipt,
} from './receipts.types';
export { defaultDeliveredHoldMs, defaultReceiptsDelays, defaultReceiptThrottleMs } from './receipts.types';
