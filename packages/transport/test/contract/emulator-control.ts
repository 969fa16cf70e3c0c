// The emulator's control API (wire-protocol §5.8/§5.9) over plain HTTP, as a contract test drives it. Only the
// fields the suite reads are typed.

/** What `POST /__emulator/contacts` returns (the StartChatContact fields). */
export interface CreatedContact {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
}

/** What `POST /__emulator/contacts/{id}/participants` returns. */
export interface AddedParticipant {
  ParticipantId: string;
  ParticipantToken: string;
}

/** A stored item, as the state dump shows it. */
export interface StoredItem {
  Id: string;
  Type: string;
  ContentType?: string;
  Content?: string;
}

/** One HTTP entry of the emulator's request log. */
export interface HttpLogEntry {
  kind: 'http';
  operation: string;
  status: number;
  participantId?: string;
  fault?: string;
}

/** `GET /__emulator/contacts/{id}`, reduced to what the suite checks. */
export interface ContactState {
  Status: string;
  Items: StoredItem[];
}

/** A fault rule (§5.9). */
export interface FaultRule {
  match?: { operation?: string; participantId?: string; contactId?: string };
  action: Record<string, unknown> & { type: string };
  times?: number;
}

/** A typed client for the control API of one emulator. */
export interface EmulatorControl {
  createContact(input?: Record<string, unknown>): Promise<CreatedContact>;
  addParticipant(contactId: string, role: 'AGENT' | 'CUSTOM_BOT' | 'SUPERVISOR'): Promise<AddedParticipant>;
  injectItem(contactId: string, item: Record<string, unknown>): Promise<StoredItem>;
  initiateAuthentication(contactId: string, participantId: string): Promise<string>;
  endChat(contactId: string): Promise<void>;
  addFault(rule: FaultRule): Promise<void>;
  clearFaults(): Promise<void>;
  faultCount(): Promise<number>;
  contactState(contactId: string): Promise<ContactState>;
  /** The HTTP entries of the request log for one participant and operation, oldest first. */
  requests(participantId: string, operation: string): Promise<HttpLogEntry[]>;
}

/** Creates a control-API client for the emulator at `endpoint`. */
export function emulatorControl(endpoint: string): EmulatorControl {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${endpoint}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path} answered ${response.status}: ${text}`);
    return (text === '' ? {} : JSON.parse(text)) as T;
  }
  const contactPath = (contactId: string, rest = ''): string =>
    `contacts/${encodeURIComponent(contactId)}${rest}`;

  return {
    createContact: (input = {}) => call('POST', 'contacts', { DisplayName: 'Customer', ...input }),
    addParticipant: (contactId, role) =>
      call('POST', contactPath(contactId, '/participants'), { Role: role, DisplayName: role }),
    injectItem: (contactId, item) => call('POST', contactPath(contactId, '/items'), item),
    initiateAuthentication: async (contactId, participantId) =>
      (
        await call<{ SessionId: string }>('POST', contactPath(contactId, '/authentication'), {
          AsParticipantId: participantId,
        })
      ).SessionId,
    endChat: async (contactId) => {
      await call('POST', contactPath(contactId, '/end'), {});
    },
    addFault: async (rule) => {
      await call('POST', 'faults', rule);
    },
    clearFaults: async () => {
      await call('DELETE', 'faults');
    },
    faultCount: async () => (await call<{ faults: unknown[] }>('GET', 'faults')).faults.length,
    contactState: (contactId) => call('GET', contactPath(contactId)),
    requests: async (participantId, operation) => {
      const { log } = await call<{ log: Array<HttpLogEntry | { kind: string }> }>('GET', 'log');
      return log.filter(
        (entry): entry is HttpLogEntry =>
          entry.kind === 'http' &&
          (entry as HttpLogEntry).operation === operation &&
          (entry as HttpLogEntry).participantId === participantId,
      );
    },
  };
}
