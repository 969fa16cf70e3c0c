/**
 * The Node side of a browser fidelity test: the emulator's control API (wire-protocol §5.8) and an agent who
 * connects over the plain REST API (§1.4.1) and listens with this package's own WebSocket adapter.
 */
import type { ChatSocketEvent, Item } from '@connect-chat/core';
import { WebSocket } from 'ws';
import { createWebSocketFactory } from '../../src/socket';

/** Calls the emulator's control API under `/__emulator`. Failures name the route and status, never a token. */
export function controlApi(endpoint: string) {
  return async function control<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ) {
    const response = await fetch(`${endpoint}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control API ${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

export type ControlApi = ReturnType<typeof controlApi>;

/** How long the agent waits for an item before the test fails saying what it waited for. */
const itemTimeoutMs = 15_000;

/** An agent on a contact: joined through the control API, connected with the SDK, subscribed to `aws/chat`. */
export interface Agent extends AsyncDisposable {
  readonly participantId: string;
  /** Every item the agent's socket received, in order. */
  readonly items: readonly Item[];
  /** Resolves with the first item (already received or still to come) for which `predicate` holds. */
  waitForItem(what: string, predicate: (item: Item) => boolean): Promise<Item>;
}

/** Adds an agent to `contactId` and opens its chat socket. */
export async function joinAgent(endpoint: string, control: ControlApi, contactId: string): Promise<Agent> {
  const joined = await control<{ ParticipantId: string; ParticipantToken: string }>(
    'POST',
    `/contacts/${contactId}/participants`,
    { Role: 'AGENT', DisplayName: 'Agent Smith' },
  );
  // CreateParticipantConnection by hand: the AWS SDK's ESM build does not load under this package's vitest
  // conditions, and the agent only needs its socket URL.
  const response = await fetch(`${endpoint}/participant/connection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-amz-bearer': joined.ParticipantToken },
    body: JSON.stringify({ ConnectParticipant: true, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }),
  });
  if (!response.ok) throw new Error(`CreateParticipantConnection for the agent answered ${response.status}`);
  const connection = (await response.json()) as { Websocket?: { Url?: string } };
  const url = connection.Websocket?.Url;
  if (!url) throw new Error('CreateParticipantConnection returned no Websocket.Url for the agent');

  const items: Item[] = [];
  const itemWaiters = new Set<(item: Item) => void>();
  let onSubscribed: (outcome: ChatSocketEvent) => void = () => {};
  const listener = (event: ChatSocketEvent) => {
    if (event.type === 'socket.frameReceived' && event.frame.kind === 'chat') {
      items.push(event.frame.item);
      for (const waiter of [...itemWaiters]) waiter(event.frame.item);
    }
    onSubscribed(event);
  };
  const socket = createWebSocketFactory({ WebSocket }).open(url, listener);
  await new Promise<void>((resolve, reject) => {
    onSubscribed = (event) => {
      if (event.type === 'socket.opened')
        socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
      if (event.type === 'socket.frameReceived' && event.frame.kind === 'subscribeResult') {
        if (event.frame.status === 'success') resolve();
        else reject(new Error('the agent socket could not subscribe to aws/chat'));
      }
      if (event.type === 'socket.closed') reject(new Error(`the agent socket closed with ${event.code}`));
    };
  });
  onSubscribed = () => {};

  return {
    participantId: joined.ParticipantId,
    items,
    waitForItem(what, predicate) {
      const found = items.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<Item>((resolve, reject) => {
        // A deadline, not a sleep: it only turns a missing item into a readable failure.
        const deadline = setTimeout(() => {
          itemWaiters.delete(waiter);
          reject(new Error(`the agent did not receive ${what} within ${itemTimeoutMs} ms`));
        }, itemTimeoutMs);
        const waiter = (item: Item) => {
          if (!predicate(item)) return;
          clearTimeout(deadline);
          itemWaiters.delete(waiter);
          resolve(item);
        };
        itemWaiters.add(waiter);
      });
    },
    async [Symbol.asyncDispose]() {
      if (socket.state !== 'closed') {
        const closed = new Promise<void>((resolve) => {
          onSubscribed = (event) => {
            if (event.type === 'socket.closed') resolve();
          };
        });
        socket.close();
        await closed;
      }
    },
  };
}
