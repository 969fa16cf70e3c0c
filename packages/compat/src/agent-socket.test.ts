import type { ManagedSocketEvent } from '@connect-chat/core';
import { createStreamsWebSocketManagerDouble } from '@connect-chat/transport/testing';
import { describe, expect, it } from 'vitest';
import { agentManagedSocket, belongsToChat } from './agent-socket';

const chat = { contactId: 'contact-2', initialContactId: 'contact-1' };
const frame = (item: Record<string, unknown>) => ({
  topic: 'aws/chat',
  contentType: 'application/json',
  content: JSON.stringify({ Type: 'MESSAGE', Id: String(item.Id), ...item }),
});

describe("agent socket: one chat out of StreamsJS's shared manager (legacy-chatjs §8.1 step 2)", () => {
  it('AGS-01 keeps items of the chat (by InitialContactId or ContactId) and every receipt, drops the rest', () => {
    expect(belongsToChat({ InitialContactId: 'contact-1' }, chat)).toBe(true);
    expect(belongsToChat({ ContactId: 'contact-2' }, chat)).toBe(true);
    expect(belongsToChat({ ContactId: 'other', Type: 'MESSAGEMETADATA' }, chat)).toBe(true);
    expect(belongsToChat({ ContactId: 'other', InitialContactId: 'other' }, chat)).toBe(false);
    expect(belongsToChat({}, chat)).toBe(false);
  });

  it('AGS-02 filters chat frames and passes every other manager event through', () => {
    const manager = createStreamsWebSocketManagerDouble({ now: () => 0 });
    const socket = agentManagedSocket(manager, chat, () => 0);
    const events: ManagedSocketEvent[] = [];
    socket.subscribe(['aws/chat']);
    const stop = socket.listen((event) => events.push(event));
    manager.gainConnection();
    manager.deliver(frame({ Id: 'mine', ContactId: 'contact-2', InitialContactId: 'contact-1' }));
    manager.deliver(frame({ Id: 'theirs', ContactId: 'other', InitialContactId: 'other' }));
    manager.deepHeartbeatSucceeded();
    const chatIds = events.flatMap((event) =>
      event.type === 'managed.frameReceived' && event.frame.kind === 'chat' ? [event.frame.item.Id] : [],
    );
    expect(chatIds).toEqual(['mine']);
    expect(events.map((event) => event.type)).toEqual([
      'managed.connectionGained',
      'managed.frameReceived',
      'managed.deepHeartbeatSucceeded',
    ]);
    stop();
    expect(manager.callbackCount()).toBe(0);
  });
});
