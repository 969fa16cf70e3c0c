// The StreamsJS manager double backed by the emulator, seen through createStreamsManagedSocket: an agent's
// chat frames arrive as managed.frameReceived, exactly as in an agent desktop. Waits on events, never on
// time.
import type { ManagedSocketEvent } from '@connect-chat/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchParticipantApi, createStreamsManagedSocket } from '../../src';
import {
  createStreamsWebSocketManagerDouble,
  type Emulator,
  type StreamsWebSocketManagerDouble,
  startEmulator,
} from '../../src/testing';

/** Records events and resolves a wait as soon as a matching one has arrived (or already had). */
function eventLog() {
  const events: ManagedSocketEvent[] = [];
  const waiters = new Set<() => void>();
  return {
    events,
    record(event: ManagedSocketEvent) {
      events.push(event);
      for (const wake of [...waiters]) wake();
    },
    next(predicate: (event: ManagedSocketEvent) => boolean): Promise<ManagedSocketEvent> {
      return new Promise((resolve) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

let emulator: Emulator;
let manager: StreamsWebSocketManagerDouble;

beforeEach(async () => {
  emulator = await startEmulator();
  manager = createStreamsWebSocketManagerDouble();
});
afterEach(async () => {
  await manager.close();
  await emulator.close();
});

describe('StreamsJS manager double backed by the emulator', () => {
  it('delivers a customer message to the agent as a managed chat frame', async () => {
    const contact = emulator.createContact({ DisplayName: 'Ada' });
    const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Agent Smith' });
    const api = createFetchParticipantApi({ endpoint: emulator.endpoint });
    const connection = await api.createParticipantConnection({
      ParticipantToken: agent.ParticipantToken,
      Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
    });
    const url = connection.Websocket?.Url;
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);

    let transportFetches = 0;
    manager.init(async () => {
      transportFetches += 1;
      return { webSocketTransport: { url: url as string, transportLifeTimeInSeconds: 3540 } };
    });
    const socket = createStreamsManagedSocket(manager);
    const log = eventLog();
    socket.subscribe(['aws/chat']);
    const stop = socket.listen(log.record);

    await log.next((event) => event.type === 'managed.connectionGained');
    const subscribed = await log.next(
      (event) => event.type === 'managed.frameReceived' && event.frame.kind === 'subscribeResult',
    );
    expect(subscribed).toEqual({
      type: 'managed.frameReceived',
      frame: { kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] },
    });
    expect(manager.subscribedTopics).toEqual(['aws/chat']);
    expect(manager.sentFrames).toEqual([{ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }]);

    emulator.injectItem(contact.ContactId, {
      AsParticipantId: contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello agent',
    });
    const received = await log.next(
      (event) =>
        event.type === 'managed.frameReceived' &&
        event.frame.kind === 'chat' &&
        event.frame.item.Content === 'hello agent',
    );
    expect(received).toMatchObject({
      frame: {
        kind: 'chat',
        item: {
          Type: 'MESSAGE',
          ContentType: 'text/plain',
          ParticipantId: contact.ParticipantId,
          ParticipantRole: 'CUSTOMER',
          ContactId: contact.ContactId,
          InitialContactId: contact.ContactId,
        },
      },
    });

    expect(manager.ping()).toBe(true);
    await log.next((event) => event.type === 'managed.deepHeartbeatSucceeded');

    expect(transportFetches).toBe(1);
    const everything = JSON.stringify(log.events);
    expect(everything).not.toContain(agent.ParticipantToken);
    expect(everything).not.toContain(connection.ConnectionCredentials?.ConnectionToken as string);
    stop();
    expect(manager.callbackCount()).toBe(0);
    expect(manager.state).toBe('connected');
  });

  it('reports a socket the server closes as a loss, and reconnects only when the test asks', async () => {
    const contact = emulator.createContact();
    const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT' });
    const api = createFetchParticipantApi({ endpoint: emulator.endpoint });
    let transportFetches = 0;
    manager.init(async () => {
      transportFetches += 1;
      const connection = await api.createParticipantConnection({
        ParticipantToken: agent.ParticipantToken,
        Type: ['WEBSOCKET'],
      });
      return {
        webSocketTransport: { url: connection.Websocket?.Url as string, transportLifeTimeInSeconds: 3540 },
      };
    });
    const socket = createStreamsManagedSocket(manager);
    const log = eventLog();
    socket.subscribe(['aws/chat']);
    socket.listen(log.record);
    await manager.connected();

    const applied = emulator.addFault({
      match: { participantId: agent.ParticipantId },
      action: { type: 'close', code: 4000, reason: 'server restarting' },
    });
    expect(applied.applied).toBe(1);
    const lost = await log.next((event) => event.type === 'managed.connectionLost');
    expect(lost).toEqual({ type: 'managed.connectionLost', code: 4000, reason: 'server restarting' });
    expect(manager.state).toBe('disconnected');
    expect(transportFetches).toBe(1);

    await manager.reconnect();
    expect(transportFetches).toBe(2);
    expect(log.events.filter((event) => event.type === 'managed.connectionGained')).toHaveLength(2);
  });
});
