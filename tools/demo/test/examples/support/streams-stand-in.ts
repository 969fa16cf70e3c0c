/**
 * A stand-in for StreamsJS's `connect` global, for driving the agent desktop's wiring in Node: contacts, agent
 * connections, quick connects and `initCCP`, around the transport package's StreamsJS WebSocket-manager double,
 * backed by the emulator. Like StreamsJS, an agent connection's `getMediaController()` creates the ChatJS agent
 * session on `connect.ChatSession` with the manager and connects it; `destroy()` makes the agent leave the chat.
 *
 * One desk, one manager; the manager's socket is the first routed participant's (the emulator has no agent-wide
 * socket), so each stand-in takes one chat.
 */
import type { AgentChatSession, ChatSessionApi } from '@connect-chat/compat/module';
import { createFetchParticipantApi } from '@connect-chat/transport';
import {
  type AddedParticipant,
  createStreamsWebSocketManagerDouble,
  type Emulator,
  type StreamsWebSocketManagerDouble,
} from '@connect-chat/transport/testing';
import type {
  StreamsAgent,
  StreamsCallbacks,
  StreamsConnection,
  StreamsContact,
  StreamsEndpoint,
  StreamsGlobal,
} from '../../../../../examples/agent-desktop/src/streams.types';

/** StreamsJS's contact states, as the stand-in reports them. */
export const standInContactStates = {
  INCOMING: 'incoming',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  ENDED: 'ended',
} as const;

/** Options of {@link createStreamsStandIn}. */
export interface StreamsStandInOptions {
  readonly emulator: Emulator;
  /** `connect.ChatSession`, as compat installs it (here one made with `createChatSessionApi`). */
  readonly ChatSession: ChatSessionApi;
  /** The quick connects `agent.getEndpoints` lists. @defaultValue none */
  readonly quickConnects?: readonly StreamsEndpoint[];
  /** What `contact.addParticipant(endpoint)` does (the test routes the contact to another desk). */
  readonly addParticipant?: (contactId: string, endpoint: StreamsEndpoint) => Promise<void>;
  /** `getMediaController()` resolves `undefined`, as when StreamsJS could not make a session. @defaultValue false */
  readonly withoutMediaController?: boolean;
  /** The clock stamped on the manager double's payloads. @defaultValue `Date.now` */
  readonly now?: () => number;
}

/** The stand-in and its control surface. */
export interface StreamsStandIn extends AsyncDisposable {
  /** The `connect` global the desktop's wiring is given. */
  readonly global: StreamsGlobal;
  readonly manager: StreamsWebSocketManagerDouble;
  /** Routes a chat contact to this agent as `participant`: StreamsJS reports it as incoming. */
  ring(contactId: string, participant: AddedParticipant): void;
  /** Contacts the desktop accepted, in order. */
  readonly accepted: readonly string[];
  /** The sessions `getMediaController()` created. */
  readonly mediaControllers: readonly AgentChatSession[];
}

const settled = <T>(callbacks: StreamsCallbacks<T> | undefined, work: Promise<T>): void => {
  work.then(
    (value) => callbacks?.success?.(value),
    (error: unknown) => callbacks?.failure?.(error),
  );
};

/** Creates the stand-in. */
export function createStreamsStandIn(options: StreamsStandInOptions): StreamsStandIn {
  const { emulator } = options;
  const api = createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
  const manager = createStreamsWebSocketManagerDouble({ now: options.now });
  const contactHandlers: ((contact: StreamsContact) => void)[] = [];
  const contacts: StreamsContact[] = [];
  const accepted: string[] = [];
  const mediaControllers: AgentChatSession[] = [];
  const refreshHandlers: ((agent: StreamsAgent) => void)[] = [];

  const openManager = (participant: AddedParticipant) => {
    if (manager.state !== 'idle') return;
    manager.init(async () => {
      const output = await api.createParticipantConnection({
        ParticipantToken: participant.ParticipantToken,
        Type: ['WEBSOCKET'],
      });
      return { webSocketTransport: { url: output.Websocket?.Url ?? '', transportLifeTimeInSeconds: 3540 } };
    });
  };

  const createContact = (contactId: string, participant: AddedParticipant): StreamsContact => {
    let state: string = standInContactStates.INCOMING;
    const onAccepted: ((contact: StreamsContact) => void)[] = [];
    const onConnected: ((contact: StreamsContact) => void)[] = [];
    const onEnded: ((contact: StreamsContact) => void)[] = [];
    const mediaInfo = {
      contactId,
      initialContactId: contactId,
      participantId: participant.ParticipantId,
      participantToken: participant.ParticipantToken,
      getConnectionToken: async () => {
        const output = await api.createParticipantConnection({
          ParticipantToken: participant.ParticipantToken,
          Type: ['CONNECTION_CREDENTIALS'],
        });
        return {
          chatTokenTransport: {
            participantToken: output.ConnectionCredentials?.ConnectionToken ?? '',
            expiry: output.ConnectionCredentials?.Expiry,
          },
        };
      },
    };
    let controller: Promise<AgentChatSession | undefined> | undefined;
    const connection: StreamsConnection = {
      getConnectionId: () => `agent-connection-${participant.ParticipantId}`,
      getType: () => 'agent',
      getMediaInfo: () => mediaInfo,
      getMediaController() {
        controller ??= (async () => {
          if (options.withoutMediaController) return undefined;
          const session = options.ChatSession.create({
            chatDetails: mediaInfo,
            type: 'AGENT',
            websocketManager: manager,
          });
          mediaControllers.push(session);
          await session.connect();
          return session;
        })();
        return controller;
      },
      destroy(callbacks) {
        settled(
          callbacks,
          (async () => {
            emulator.addFault({
              match: { contactId },
              action: { type: 'agentLeaves', participantId: participant.ParticipantId },
            });
            state = standInContactStates.ENDED;
            for (const handler of onEnded) handler(contact);
          })(),
        );
      },
    };
    const contact: StreamsContact = {
      getContactId: () => contactId,
      getType: () => 'chat',
      getStatus: () => ({ type: state }),
      getConnections: () => [connection],
      accept(callbacks) {
        settled(
          callbacks,
          (async () => {
            if (state !== standInContactStates.INCOMING) throw new Error(`contact ${contactId} is ${state}`);
            state = standInContactStates.CONNECTING;
            accepted.push(contactId);
            openManager(participant);
            await manager.connected();
            state = standInContactStates.CONNECTED;
            for (const handler of onAccepted) handler(contact);
            for (const handler of onConnected) handler(contact);
          })(),
        );
      },
      onAccepted: (handler) => void onAccepted.push(handler),
      onConnected: (handler) => void onConnected.push(handler),
      onEnded: (handler) => void onEnded.push(handler),
      addParticipant(endpoint, callbacks) {
        const adding = options.addParticipant;
        settled(
          callbacks,
          adding ? adding(contactId, endpoint) : Promise.reject(new Error('no quick connects here')),
        );
      },
    };
    return contact;
  };

  const agent: StreamsAgent = {
    getAllQueueARNs: () => ['arn:aws:connect:us-west-2:000000000000:instance/emulator/queue/basic'],
    getEndpoints(_queues, callbacks) {
      callbacks.success?.({ endpoints: [...(options.quickConnects ?? [])] });
    },
    getContacts: () => [...contacts],
    onRefresh: (handler) => void refreshHandlers.push(handler),
  };

  const global: StreamsGlobal = {
    core: {
      initCCP: () => undefined,
      getWebSocketManager: () => manager,
    },
    contact(handler) {
      contactHandlers.push(handler);
      for (const contact of contacts) handler(contact);
    },
    agent: (handler) => handler(agent),
    ContactType: { CHAT: 'chat' },
    ConnectionType: { AGENT: 'agent' },
    ContactStateType: standInContactStates,
  };

  return {
    global,
    manager,
    accepted,
    mediaControllers,
    ring(contactId, participant) {
      const contact = createContact(contactId, participant);
      contacts.push(contact);
      for (const handler of contactHandlers) handler(contact);
    },
    [Symbol.asyncDispose]: () => manager.close(),
  };
}

/**
 * Wraps a `connect.ChatSession` object so every agent session it creates records the content types of the events
 * the desk sends (typing, read receipts), in `sent`.
 */
export function recordingChatSessionApi(api: ChatSessionApi): { api: ChatSessionApi; sent: string[] } {
  const sent: string[] = [];
  const create = ((args: Parameters<ChatSessionApi['create']>[0]) => {
    const session = api.create(args);
    const sendEvent = session.sendEvent.bind(session);
    session.sendEvent = ((event: { contentType: string }) => {
      sent.push(event.contentType);
      return sendEvent(event);
    }) as typeof session.sendEvent;
    return session;
  }) as ChatSessionApi['create'];
  const recording = new Proxy(api, {
    get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)),
  });
  return { api: recording, sent };
}
