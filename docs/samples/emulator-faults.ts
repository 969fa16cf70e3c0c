// Fault rules for the emulator: what to break, for whom, how often.
import type { Emulator } from '@connect-chat/transport/testing';

export function faultExamples(emulator: Emulator, customerId: string, contactId: string): void {
  // The next two SendMessage calls answer 503 (the adapters and the outbox retry them).
  emulator.addFault({
    match: { operation: 'SendMessage' },
    action: { type: 'error', status: 503 },
    times: 2,
  });
  // The customer's socket drops now, without a close frame.
  emulator.addFault({ match: { participantId: customerId }, action: { type: 'drop' } });
  // The server stops answering heartbeats until the rule is cleared: the client must notice a silent socket.
  const silence = emulator.addFault({
    match: { participantId: customerId },
    action: { type: 'stopHeartbeats' },
  });
  if (silence.id) emulator.clearFaults(silence.id); // clearFaults() with no id clears every rule
  // The service applies the next SendMessage, then drops the connection before answering.
  emulator.addFault({ match: { operation: 'SendMessage' }, action: { type: 'dropResponse' }, times: 1 });
  // One GetTranscript call in four is throttled, drawn from the seeded PRNG (startEmulator({ seed })).
  emulator.addFault({
    match: { operation: 'GetTranscript' },
    action: { type: 'error', status: 429 },
    probability: 0.25,
  });
  // Every connection token of the customer stops working at once.
  emulator.addFault({ action: { type: 'expireConnectionTokens', participantId: customerId } });
  // The chat ends 30 s (emulator time) from now.
  emulator.addFault({ match: { contactId }, action: { type: 'endChat' }, afterMs: 30_000 });
  // Socket URLs issued before now are expired, as if 101 s had passed.
  emulator.advanceClock(101_000);
}
