// Agent desktops: core's connection in managed mode over the StreamsJS manager double, against the emulator.
import { type Connection, EventContentType, type Item } from '@connect-chat/core';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { createFetchParticipantApi, createWebSocketFactory } from '../../src';
import { invalidTransportReason } from '../../src/testing';
import { type AgentDesktop, agentFixture } from './agent-fixture';
import { recordConnection, untilStatus } from './connection-record';

const statuses = (changes: { current: string }[]) => changes.map((change) => change.current);
const messagesOf = (items: Item[], id: string) => items.filter((item) => item.Id === id);

/** Connects an agent and waits until its manager's aws/chat subscription is confirmed by the emulator. */
async function connectAndSubscribe(agent: AgentDesktop): Promise<void> {
  await agent.connection.connect();
  await vi.waitFor(() => expect(agent.manager.subscribedTopics).toEqual(['aws/chat']));
}

describe('agent connection on the StreamsJS manager (emulator-backed)', () => {
  it('AGT-01 connects with getConnectionToken, acknowledges, and receives a customer message as an item', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada');
    await agent.connection.connect();
    expect(agent.manager.state).toBe('connected');
    expect(agent.tokenRequests()).toBe(1);
    expect(agent.connection.connectionToken).toEqual(expect.any(String));
    await vi.waitFor(() => expect(agent.manager.subscribedTopics).toEqual(['aws/chat']));
    await vi.waitFor(() => {
      const state = f.emulator.getContactState(f.contact.ContactId);
      expect(
        state.Participants.find((p) => p.ParticipantId === agent.participant.ParticipantId)?.Connected,
      ).toBe(true);
    });
    // The acknowledgement is the only CreateParticipantConnection the connection itself made.
    expect(f.connectionCalls()).toBe(1);
    const sent = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello agent',
    });
    await vi.waitFor(() => expect(messagesOf(agent.record.items, sent.Id!)).toHaveLength(1));
    expect(messagesOf(agent.record.items, sent.Id!)[0]).toMatchObject({ Content: 'hello agent' });
    expect(agent.record.established).toBe(1);
    expect(statuses(agent.record.statuses)).toEqual(['connecting', 'connected']);
  });

  it('AGT-02 the connection token it holds works for the participant API (SendMessage as the agent)', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada');
    await connectAndSubscribe(agent);
    const api = createFetchParticipantApi({ endpoint: f.emulator.endpoint, maxAttempts: 1 });
    const reply = await api.sendMessage({
      ConnectionToken: agent.connection.connectionToken!,
      ContentType: 'text/plain',
      Content: 'hi, Ada here',
    });
    await vi.waitFor(() => expect(messagesOf(agent.record.items, reply.Id!)).toHaveLength(1));
  });

  it('AGT-03 a failing getConnectionToken falls back to CreateParticipantConnection with ConnectParticipant', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada', { getConnectionToken: () => Promise.reject(new Error('no media info')) });
    await agent.connection.connect();
    expect(f.connectionCalls()).toBe(1);
    const state = f.emulator.getContactState(f.contact.ContactId);
    expect(
      state.Participants.find((p) => p.ParticipantId === agent.participant.ParticipantId)?.Connected,
    ).toBe(true);
    const api = createFetchParticipantApi({ endpoint: f.emulator.endpoint, maxAttempts: 1 });
    await expect(
      api.sendMessage({
        ConnectionToken: agent.connection.connectionToken!,
        ContentType: 'text/plain',
        Content: 'x',
      }),
    ).resolves.toMatchObject({ Id: expect.any(String) });
  });

  it('AGT-04 a manager loss and its own reconnect: lost once, established again once, messages flow again', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada');
    await agent.connection.connect();
    agent.manager.loseConnection();
    expect(agent.connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryIn: undefined });
    await agent.manager.reconnect();
    await untilStatus(agent.connection, 'connected');
    expect(agent.record.lost).toEqual(['socketClosed']);
    expect(agent.record.established).toBe(2);
    await vi.waitFor(() => expect(agent.manager.subscribedTopics).toEqual(['aws/chat']));
    const sent = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'after the reconnect',
    });
    await vi.waitFor(() => expect(messagesOf(agent.record.items, sent.Id!)).toHaveLength(1));
  });

  it('AGT-05 a controlled manager: loseConnection/gainConnection give lost/established exactly once each', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada', { initialised: false });
    agent.manager.gainConnection();
    await agent.connection.connect();
    agent.manager.loseConnection({ code: 1006 });
    agent.manager.loseConnection({ code: 1006 });
    expect(agent.connection.status).toBe('reconnecting');
    agent.manager.gainConnection();
    agent.manager.gainConnection();
    expect(agent.connection.status).toBe('connected');
    expect(agent.record.lost).toEqual(['socketClosed']);
    expect(agent.record.established).toBe(2);
    expect(statuses(agent.record.statuses)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('AGT-06 a manager that terminates fails the connection with its reason', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada', { initialised: false });
    agent.manager.init(async () => ({
      webSocketTransport: { url: 'ws://localhost/ws', transportLifeTimeInSeconds: 3540 },
    }));
    await expect(agent.connection.connect()).rejects.toMatchObject({
      message: `unable to connect; the socket manager failed: ${invalidTransportReason}`,
    });
    expect(agent.connection.getSnapshot().reason?.code).toBe('nonRetryable');
  });

  it('AGT-07 disconnect() stops listening but leaves the manager and its socket running', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada');
    await agent.connection.connect();
    const registered = agent.manager.callbackCount();
    agent.connection.disconnect();
    expect(agent.connection.status).toBe('ended');
    expect(agent.manager.callbackCount()).toBeLessThan(registered);
    expect(agent.manager.callbackCount()).toBe(0);
    expect(agent.manager.state).toBe('connected');
    expect(f.emulator.getContactState(f.contact.ContactId).Sockets).toHaveLength(1);
  });

  it('AGT-08 chat.ended over the manager ends the connection; the manager stays up', async () => {
    await using f = await agentFixture();
    const agent = f.addAgent('Ada');
    // The manager subscribes on its own schedule; the chat must not end before aws/chat is confirmed.
    await connectAndSubscribe(agent);
    f.emulator.endChat(f.contact.ContactId);
    await untilStatus(agent.connection, 'ended');
    expect(agent.connection.getSnapshot().reason?.code).toBe('chatEnded');
    expect(agent.record.items.filter((item) => item.ContentType === EventContentType.chatEnded)).toHaveLength(
      1,
    );
    expect(agent.manager.state).not.toBe('closed');
  });

  it('AGT-09 a six-participant chat: the customer and five agents each receive the customer message once', async () => {
    await using f = await agentFixture();
    const agents = ['Ada', 'Grace', 'Edsger', 'Barbara', 'Donald'].map((name) => f.addAgent(name));
    await Promise.all(agents.map(connectAndSubscribe));
    const customer: Connection = (await import('@connect-chat/core')).createConnection({
      participantApi: createFetchParticipantApi({ endpoint: f.emulator.endpoint, maxAttempts: 1 }),
      sockets: createWebSocketFactory({ WebSocket }),
      credentials: { participantToken: f.contact.ParticipantToken },
      clock: f.clock,
    });
    try {
      const customerRecord = recordConnection(customer);
      await customer.connect();
      expect(f.emulator.getContactState(f.contact.ContactId).Participants).toHaveLength(6);
      await vi.waitFor(() => expect(f.emulator.getContactState(f.contact.ContactId).Sockets).toHaveLength(6));
      const api = createFetchParticipantApi({ endpoint: f.emulator.endpoint, maxAttempts: 1 });
      const sent = await api.sendMessage({
        ConnectionToken: customer.connectionToken!,
        ContentType: 'text/plain',
        Content: 'hello, everyone',
      });
      await vi.waitFor(() => {
        for (const agent of agents) expect(messagesOf(agent.record.items, sent.Id!)).toHaveLength(1);
        expect(messagesOf(customerRecord.items, sent.Id!)).toHaveLength(1);
      });
      for (const agent of agents) {
        expect(agent.record.established).toBe(1);
        expect(agent.record.lost).toEqual([]);
      }
    } finally {
      customer.disconnect();
    }
  });
});
