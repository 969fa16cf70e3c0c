// Two real sessions in one chat, a customer and an agent, each over the real fetch adapter and real `ws` sockets,
// against the real emulator. One manual clock drives both sessions' timers and the emulator's notion of time, so
// nothing sleeps: tests step the clock and wait for real I/O through events.
import {
  type ChatSession,
  type ChatSessionEventMap,
  type ChatSessionOptions,
  type ConnectionStatus,
  createChatSession,
  type ParticipantApi,
  reconnectDelay,
} from '@connect-chat/core';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { createFetchParticipantApi, createWebSocketFactory } from '../../src';
import { createAwsSdkParticipantApi } from '../../src/aws-sdk';
import type { AddedParticipant, CreatedContact, Emulator, EmulatorOptions } from '../../src/testing';
import { TestPlatform } from '../connection/connection-fixture';
import { ManualClock, startEmulatorOnClock } from '../connection/manual-clock';

/** Every event a session emitted, by type, in order. */
export type SessionRecord = { [K in keyof ChatSessionEventMap]: ChatSessionEventMap[K][] };

const recordedTypes: (keyof ChatSessionEventMap)[] = [
  'item',
  'message',
  'attachment',
  'attachmentStatus',
  'typing',
  'readReceipt',
  'deliveredReceipt',
  'participantJoined',
  'participantLeft',
  'participantInvited',
  'participantIdle',
  'participantReturned',
  'participantAutoDisconnected',
  'participantDisplayNameUpdated',
  'participantActive',
  'participantInactive',
  'transferSucceeded',
  'transferFailed',
  'chatEnded',
  'chatRehydrated',
  'connectionAcknowledged',
  'workflowCancelled',
  'authenticationInitiated',
  'authenticationSucceeded',
  'authenticationFailed',
  'authenticationTimeout',
  'authenticationExpired',
  'authenticationCancelled',
  'unknownEvent',
  'transcript',
  'status',
  'deepHeartbeat',
  'historyLoaded',
  'gapFilled',
  'receiptSent',
  'error',
];

/** Records every event of a session. */
export function recordSession(session: ChatSession): SessionRecord {
  const record = {} as Record<string, unknown[]>;
  for (const type of recordedTypes) {
    record[type] = [];
    session.on(type, (event) => record[type]!.push(event));
  }
  return record as SessionRecord;
}

/** A participant API that counts the calls of each operation. */
export function countingApi(api: ParticipantApi): { api: ParticipantApi; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = Object.fromEntries(
    Object.entries(api).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (method as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as ParticipantApi;
  return { api: counted, calls };
}

/** One side of the chat. */
export interface Side {
  session: ChatSession;
  record: SessionRecord;
  platform: TestPlatform;
  participantId: string;
  calls: Map<string, number>;
}

export interface ChatFixture extends AsyncDisposable {
  emulator: Emulator;
  contact: CreatedContact;
  agentParticipant: AddedParticipant;
  clock: ManualClock;
  customer: Side;
  agent: Side;
  /** Moves the shared clock forward. */
  advance(ms: number): void;
  /** Resolves once `side`'s status is `status`. */
  untilStatus(side: Side, status: ConnectionStatus): Promise<void>;
  /** Waits for `side`'s scheduled reconnection and fires it. */
  fireRetry(side: Side): Promise<void>;
  /** Emulator activity entries of one operation for one participant. */
  requests(operation: string, participantId: string): number;
}

type SideOptions = Partial<
  Omit<ChatSessionOptions, 'chatDetails' | 'participantApi' | 'sockets' | 'managedSocket'>
>;

export async function chatFixture(
  options: {
    emulator?: Partial<EmulatorOptions>;
    customer?: SideOptions;
    agent?: SideOptions;
    /** Which participant-API adapter both sides use. @defaultValue `'fetch'` */
    adapter?: 'fetch' | 'aws-sdk';
  } = {},
): Promise<ChatFixture> {
  const clock = new ManualClock();
  const emulator = await startEmulatorOnClock(clock, options.emulator);
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const agentParticipant = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });

  const side = (
    participantId: string,
    participantToken: string,
    role: 'CUSTOMER' | 'AGENT',
    extra?: SideOptions,
  ) => {
    const adapter =
      options.adapter === 'aws-sdk'
        ? createAwsSdkParticipantApi({ endpoint: emulator.endpoint, region: 'us-west-2', maxAttempts: 1 })
        : createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
    const { api, calls } = countingApi(adapter);
    const platform = new TestPlatform();
    const session = createChatSession({
      chatDetails: { contactId: contact.ContactId, participantId, participantToken },
      role,
      participantApi: api,
      sockets: createWebSocketFactory({ WebSocket }),
      platform,
      clock,
      reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
      ...extra,
    });
    return { session, record: recordSession(session), platform, participantId, calls };
  };
  const customer = side(contact.ParticipantId, contact.ParticipantToken, 'CUSTOMER', options.customer);
  const agent = side(
    agentParticipant.ParticipantId,
    agentParticipant.ParticipantToken,
    'AGENT',
    options.agent,
  );

  const untilStatus = (target: Side, status: ConnectionStatus): Promise<void> =>
    new Promise((resolve) => {
      if (target.session.status === status) return resolve();
      const stop = target.session.on('status', ({ current }) => {
        if (current !== status) return;
        stop();
        resolve();
      });
    });

  return {
    emulator,
    contact,
    agentParticipant,
    clock,
    customer,
    agent,
    advance: (ms) => clock.increment(ms),
    untilStatus,
    async fireRetry(target) {
      await vi.waitFor(() => {
        if (target.session.getSnapshot().retryIn === undefined) throw new Error('no retry scheduled yet');
      });
      clock.increment(target.session.getSnapshot().retryIn ?? 0);
    },
    requests: (operation, participantId) =>
      emulator
        .getContactState(contact.ContactId)
        .Log.filter(
          (entry) =>
            (entry as { operation?: string }).operation === operation &&
            (entry as { participantId?: string }).participantId === participantId,
        ).length,
    async [Symbol.asyncDispose]() {
      customer.session.close();
      agent.session.close();
      await emulator.close();
    },
  };
}
