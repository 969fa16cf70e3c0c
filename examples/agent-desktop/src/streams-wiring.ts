/**
 * StreamsJS → the desk. StreamsJS routes chat contacts to the agent; once one is accepted, its agent connection
 * hands over the ChatJS agent session StreamsJS created on `connect.ChatSession` (compat), and the desk takes it.
 * The multi-party recipe adds agents with `contact.addParticipant(quickConnect)`; each added agent's own desktop
 * receives the contact like any other and joins the same chat.
 */
import type { AgentDesk } from './agent-desk';
import type {
  StreamsAgent,
  StreamsCallbacks,
  StreamsConnection,
  StreamsContact,
  StreamsEndpoint,
  StreamsGlobal,
} from './streams.types';

/** Options of {@link wireStreams}. */
export interface StreamsWiringOptions {
  /** StreamsJS's `connect` global, after `initCCP`. */
  readonly streams: StreamsGlobal;
  readonly desk: AgentDesk;
  /** Accept incoming chat contacts at once. @defaultValue true */
  readonly autoAccept?: boolean | undefined;
  /** Told about anything that went wrong on its own (a chat that could not be opened). Never a token. */
  readonly onError?: ((message: string) => void) | undefined;
}

/** What the page can ask of StreamsJS. */
export interface StreamsWiring {
  /** The quick connects the agent may add to a chat. */
  listQuickConnects(): Promise<StreamsEndpoint[]>;
  /** Multi-party: adds the participant behind `endpoint` to the chat (at most six participants in all). */
  addParticipant(contactId: string, endpoint: StreamsEndpoint): Promise<void>;
  /** The agent leaves the chat (their connection ends); the chat stays on the desk as ended. */
  leaveChat(contactId: string): Promise<void>;
}

/** StreamsJS's callback pair as a promise. */
function settle<T>(start: (callbacks: StreamsCallbacks<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start({
      success: (data) => resolve(data),
      failure: (error) => reject(error instanceof Error ? error : new Error(String(error))),
    });
  });
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Wires StreamsJS's contact events to the desk. Call it once, after `initCCP`. */
export function wireStreams(options: StreamsWiringOptions): StreamsWiring {
  const { streams, desk } = options;
  const autoAccept = options.autoAccept ?? true;
  const contacts = new Map<string, StreamsContact>();
  let agent: StreamsAgent | undefined;

  const agentConnectionOf = (contact: StreamsContact): StreamsConnection => {
    const connection = contact
      .getConnections()
      .find((each) => each.getType() === streams.ConnectionType.AGENT);
    if (!connection) throw new Error(`contact ${contact.getContactId()} has no agent connection`);
    return connection;
  };

  const openChat = async (contact: StreamsContact): Promise<void> => {
    try {
      const connection = agentConnectionOf(contact);
      const session = await connection.getMediaController();
      await desk.openChat(connection.getMediaInfo(), session);
    } catch (error) {
      options.onError?.(`unable to open chat ${contact.getContactId()}: ${messageOf(error)}`);
    }
  };

  const isLive = (contact: StreamsContact) => {
    const state = contact.getStatus().type;
    return state === streams.ContactStateType.CONNECTING || state === streams.ContactStateType.CONNECTED;
  };

  const track = (contact: StreamsContact) => {
    if (contact.getType() !== streams.ContactType.CHAT) return;
    const contactId = contact.getContactId();
    if (contacts.has(contactId)) return;
    contacts.set(contactId, contact);
    contact.onAccepted(() => void openChat(contact));
    contact.onConnected(() => void openChat(contact));
    contact.onEnded(() => desk.closeChat(contactId));
    if (contact.getStatus().type === streams.ContactStateType.INCOMING && autoAccept) {
      contact.accept({
        failure: (error) => options.onError?.(`unable to accept chat ${contactId}: ${messageOf(error)}`),
      });
    } else if (isLive(contact)) {
      // Already accepted before this page loaded (a reload mid-chat).
      void openChat(contact);
    }
  };

  streams.contact(track);
  streams.agent((current) => {
    agent = current;
    current.onRefresh((refreshed) => {
      agent = refreshed;
      for (const contact of refreshed.getContacts(streams.ContactType.CHAT)) track(contact);
    });
  });

  const contactOf = (contactId: string): StreamsContact => {
    const contact = contacts.get(contactId);
    if (!contact) throw new Error(`no StreamsJS contact ${contactId}`);
    return contact;
  };

  return {
    async listQuickConnects() {
      if (!agent) throw new Error('StreamsJS has not reported the agent yet');
      const current = agent;
      const { endpoints } = await settle<{ endpoints: StreamsEndpoint[] }>((callbacks) =>
        current.getEndpoints(current.getAllQueueARNs(), callbacks),
      );
      return endpoints;
    },
    async addParticipant(contactId, endpoint) {
      const contact = contactOf(contactId);
      await settle<unknown>((callbacks) => contact.addParticipant(endpoint, callbacks));
    },
    async leaveChat(contactId) {
      const connection = agentConnectionOf(contactOf(contactId));
      await settle<unknown>((callbacks) => connection.destroy(callbacks));
      desk.closeChat(contactId);
    },
  };
}
