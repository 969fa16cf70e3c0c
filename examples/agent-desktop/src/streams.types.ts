/**
 * The part of Amazon Connect StreamsJS's `connect` global this desktop uses (StreamsJS 2.18.1 or later, which has
 * multi-party chat). StreamsJS itself is not a dependency: the page loads its script file, as StreamsJS's own
 * documentation describes, and these types describe what it provides.
 */
import type { AgentChatSession, ChatDetailsInput } from '@connect-chat/compat/module';
import type { StreamsManagerSubscriber } from '@connect-chat/transport';

/** `success`/`failure` callbacks, StreamsJS's way of reporting an API call's outcome. */
export interface StreamsCallbacks<T = unknown> {
  success?(data: T): void;
  failure?(error: unknown): void;
}

/** A quick connect (an agent, a queue or a phone number) the agent can add to a contact. */
export interface StreamsEndpoint {
  readonly endpointARN: string;
  readonly type: string;
  readonly name: string;
}

/** One participant's connection on a contact. */
export interface StreamsConnection {
  getConnectionId(): string;
  getType(): string;
  /** For chat: the chat details of this connection (contact, participant, `getConnectionToken`). */
  getMediaInfo(): ChatDetailsInput;
  /** For chat: the ChatJS agent session StreamsJS created and connected (`undefined` if it could not). */
  getMediaController(): Promise<AgentChatSession | undefined>;
  /** Ends this connection: the agent leaves the chat. */
  destroy(callbacks?: StreamsCallbacks): void;
}

/** A contact routed to the agent. */
export interface StreamsContact {
  getContactId(): string;
  getType(): string;
  getStatus(): { type: string };
  getConnections(): StreamsConnection[];
  accept(callbacks?: StreamsCallbacks): void;
  onAccepted(handler: (contact: StreamsContact) => void): void;
  onConnected(handler: (contact: StreamsContact) => void): void;
  onEnded(handler: (contact: StreamsContact) => void): void;
  /** Multi-party chat: adds the participant behind a quick connect. */
  addParticipant(endpoint: StreamsEndpoint, callbacks?: StreamsCallbacks): void;
}

/** The logged-in agent. */
export interface StreamsAgent {
  getAllQueueARNs(): string[];
  getEndpoints(queueARNs: string[], callbacks: StreamsCallbacks<{ endpoints: StreamsEndpoint[] }>): void;
  getContacts(contactType?: string): StreamsContact[];
  onRefresh(handler: (agent: StreamsAgent) => void): void;
}

/** What `connect.core.initCCP` takes (the options this desktop sets). */
export interface InitCcpOptions {
  ccpUrl: string;
  region: string;
  loginPopup?: boolean;
  softphone?: { allowFramedSoftphone?: boolean };
}

/** The `connect` global as StreamsJS defines it (the parts used here). */
export interface StreamsGlobal {
  core: {
    initCCP(container: HTMLElement, options: InitCcpOptions): void;
    /** The WebSocket manager chat sessions subscribe to. */
    getWebSocketManager(): StreamsManagerSubscriber;
  };
  contact(handler: (contact: StreamsContact) => void): void;
  agent(handler: (agent: StreamsAgent) => void): void;
  ContactType: { CHAT: string };
  ConnectionType: { AGENT: string };
  ContactStateType: { INCOMING: string; CONNECTING: string; CONNECTED: string; ENDED: string };
}
