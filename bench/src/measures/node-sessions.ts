/**
 * Child process of the memory measurement (started with `--expose-gc`): connects BENCH_SESSIONS core sessions to
 * the emulator at BENCH_ENDPOINT and prints one JSON line with the heap before and after.
 */
import { type ChatSession, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { WebSocket } from 'ws';

/** What the child prints. */
export interface NodeSessionsReport {
  sessions: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  nodeVersion: string;
}

const endpoint = process.env.BENCH_ENDPOINT;
const count = Number(process.env.BENCH_SESSIONS);
const collect = (globalThis as { gc?: () => void }).gc;
if (!endpoint || !(count > 0) || !collect)
  throw new Error('run by memory.ts: BENCH_ENDPOINT, BENCH_SESSIONS and --expose-gc');

interface Contact {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
}

async function startContact(index: number): Promise<Contact> {
  const response = await fetch(`${endpoint}/__emulator/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ DisplayName: `Customer ${index}` }),
  });
  if (!response.ok) throw new Error(`the emulator refused a contact: ${response.status}`);
  return (await response.json()) as Contact;
}

const weigh = (): { heap: number; rss: number } => {
  collect();
  collect();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
};

const contacts = await Promise.all(Array.from({ length: count }, (_, index) => startContact(index)));
const sockets = createWebSocketFactory({ WebSocket });
const before = weigh();
const sessions: ChatSession[] = contacts.map((contact) =>
  createChatSession({
    chatDetails: {
      contactId: contact.ContactId,
      participantId: contact.ParticipantId,
      participantToken: contact.ParticipantToken,
    },
    participantApi: createFetchParticipantApi({ endpoint }),
    sockets,
  }),
);
await Promise.all(sessions.map((session) => session.connect()));
// Let every session finish what follows a connection (history load, first heartbeat).
await new Promise((resolve) => setTimeout(resolve, 3_000));
const after = weigh();
const report: NodeSessionsReport = {
  sessions: sessions.filter((session) => session.getSnapshot().status === 'connected').length,
  heapBeforeBytes: before.heap,
  heapAfterBytes: after.heap,
  rssBeforeBytes: before.rss,
  rssAfterBytes: after.rss,
  nodeVersion: process.version,
};
for (const session of sessions) session.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
