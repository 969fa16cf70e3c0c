// The scripted chat: a customer and an agent talk through the local emulator, covering messages both ways, typing,
// read receipts, an attachment, a dropped socket recovered without losing anything, and the end of the chat.
import { EventContentType, type Item, type ParticipantApi } from '@connect-chat/core';
import { createFetchParticipantApi } from '@connect-chat/transport';
import { startEmulator } from '@connect-chat/transport/testing';
import { type ParticipantStatus, ScriptedParticipant } from './participant';

export interface ScriptedChatSummary {
  /** Messages each side sent, by text. */
  sent: { customer: string[]; agent: string[] };
  /** Messages that never reached the other side. Always empty on success. */
  lost: string[];
  /** Message ids delivered to an app more than once. Always empty on success. */
  duplicated: string[];
  /** Messages the customer recovered from the transcript after the dropped socket. */
  filledFromTranscript: number;
  reconnects: number;
  attachmentBytesIntact: boolean;
  readReceiptSeenByAgent: boolean;
  typingSeenByAgent: boolean;
  ended: { customer: boolean; agent: boolean };
  durationMs: number;
}

export interface ScriptedChatOptions {
  /** Where the narration goes, one line at a time. */
  print(line: string): void;
}

const controlHeaders = { 'content-type': 'application/json' };

async function control<T>(endpoint: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${endpoint}/__emulator${path}`, {
    method: 'POST',
    headers: controlHeaders,
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator control ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function runScriptedChat({ print }: ScriptedChatOptions): Promise<ScriptedChatSummary> {
  const startedAt = Date.now();
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(3).padStart(7)}s`;
  const step = (text: string) => print(`${elapsed()}  ── ${text}`);
  const onStatus = (name: string, from: ParticipantStatus, to: ParticipantStatus, reason: string) =>
    print(`${elapsed()}  ${name.padEnd(8)} ${from} → ${to} (${reason})`);
  const onItem = (name: string, item: Item, via: 'socket' | 'transcript') =>
    print(
      `${elapsed()}  ${name.padEnd(8)} ⇠ ${describeItem(item)}${via === 'transcript' ? ' [from transcript]' : ''}`,
    );

  await using emulator = await startEmulator();
  step(`emulator listening at ${emulator.endpoint}`);
  const api: ParticipantApi = createFetchParticipantApi({ region: 'us-west-2', endpoint: emulator.endpoint });

  const contact = await control<{ ContactId: string; ParticipantId: string; ParticipantToken: string }>(
    emulator.endpoint,
    '/contacts',
    {
      DisplayName: 'Casey',
    },
  );
  const agentSeat = await control<{ ParticipantToken: string }>(
    emulator.endpoint,
    `/contacts/${contact.ContactId}/participants`,
    { Role: 'AGENT', DisplayName: 'Ada' },
  );
  step('chat started (customer Casey), agent Ada assigned');

  const customer = new ScriptedParticipant({
    name: 'customer',
    participantToken: contact.ParticipantToken,
    api,
    onStatus,
    onItem,
  });
  const agent = new ScriptedParticipant({
    name: 'agent',
    participantToken: agentSeat.ParticipantToken,
    api,
    acknowledge: true,
    onStatus,
    onItem,
  });
  await Promise.all([customer.connect(), agent.connect()]);
  const isMine = (me: ScriptedParticipant) => (item: Item) =>
    item.ParticipantRole === (me === customer ? 'CUSTOMER' : 'AGENT');

  const sent = { customer: [] as string[], agent: [] as string[] };
  const say = async (who: ScriptedParticipant, text: string) => {
    (who === customer ? sent.customer : sent.agent).push(text);
    await api.sendMessage({ ConnectionToken: who.connectionToken, ContentType: 'text/plain', Content: text });
  };

  step('customer types, then writes');
  await api.sendEvent({ ConnectionToken: customer.connectionToken, ContentType: EventContentType.typing });
  await agent.waitFor(
    'customer typing',
    (i) => i.ContentType === EventContentType.typing && isMine(customer)(i),
  );
  await say(customer, 'Hi! My order #1042 has not arrived.');
  const question = await agent.waitFor('customer message', (i) => i.Content === sent.customer[0]);

  step('agent reads it and answers');
  await api.sendEvent({
    ConnectionToken: agent.connectionToken,
    ContentType: EventContentType.messageRead,
    Content: JSON.stringify({ messageId: question.Id }),
  });
  await say(agent, 'Sorry about that, Casey. Could you send me the receipt?');
  const answer = await customer.waitFor('agent answer', (i) => i.Content === sent.agent[0]);
  await api.sendEvent({
    ConnectionToken: customer.connectionToken,
    ContentType: EventContentType.messageRead,
    Content: JSON.stringify({ messageId: answer.Id }),
  });
  await agent.waitFor(
    'read receipt from the customer',
    (i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata?.MessageId === answer.Id,
  );

  step('customer uploads an attachment');
  const bytes = new TextEncoder().encode('Order #1042, paid 2026-11-01, total 42.00 EUR\n');
  const upload = await api.startAttachmentUpload({
    ConnectionToken: customer.connectionToken,
    ContentType: 'text/plain',
    AttachmentName: 'receipt.txt',
    AttachmentSizeInBytes: bytes.byteLength,
  });
  const put = await fetch(upload.UploadMetadata?.Url ?? '', {
    method: 'PUT',
    headers: upload.UploadMetadata?.HeadersToInclude ?? {},
    body: bytes,
  });
  if (!put.ok) throw new Error(`attachment upload answered ${put.status}`);
  await api.completeAttachmentUpload({
    ConnectionToken: customer.connectionToken,
    AttachmentIds: [upload.AttachmentId ?? ''],
  });
  const attachment = await agent.waitFor(
    'approved attachment',
    (i) => i.Type === 'ATTACHMENT' && i.Attachments?.[0]?.Status === 'APPROVED',
  );
  const link = await api.getAttachment({
    ConnectionToken: agent.connectionToken,
    AttachmentId: attachment.Attachments?.[0]?.AttachmentId ?? '',
  });
  const downloaded = new Uint8Array(await (await fetch(link.Url ?? '')).arrayBuffer());
  const attachmentBytesIntact = Buffer.from(downloaded).equals(Buffer.from(bytes));
  print(
    `${elapsed()}  agent    downloaded receipt.txt: ${downloaded.byteLength} bytes, intact=${attachmentBytesIntact}`,
  );

  step("the customer's network drops; the agent keeps writing");
  emulator.addFault({ match: { participantId: contact.ParticipantId }, action: { type: 'drop' } });
  await customer.waitForStatus('reconnecting');
  await say(agent, 'Thanks, I can see the receipt.');
  await say(agent, 'A replacement ships today, tracking follows by email.');
  await agent.waitFor('own last message echo', (i) => i.Content === sent.agent[2]);
  const filledFromTranscript = await customer.reconnectAndFillGap();
  print(`${elapsed()}  customer filled the gap: ${filledFromTranscript} item(s) from the transcript`);
  for (const text of sent.agent) await customer.waitFor(`"${text}"`, (i) => i.Content === text);

  step('customer says goodbye and leaves');
  await say(customer, 'Perfect, thank you!');
  await agent.waitFor('goodbye', (i) => i.Content === sent.customer[1]);
  await api.disconnectParticipant({ ConnectionToken: customer.connectionToken });
  await Promise.all([customer.waitForStatus('ended'), agent.waitForStatus('ended')]);
  customer.close();
  agent.close();

  const received = (me: ScriptedParticipant) => new Set([...me.items.values()].map((i) => i.Content));
  const lost = [
    ...sent.customer.filter((text) => !received(agent).has(text)),
    ...sent.agent.filter((text) => !received(customer).has(text)),
  ];
  const duplicated = [customer, agent].flatMap((me) =>
    me.deliveries.filter((id, index) => me.deliveries.indexOf(id) !== index),
  );
  return {
    sent,
    lost,
    duplicated,
    filledFromTranscript,
    reconnects: customer.reconnects + agent.reconnects,
    attachmentBytesIntact,
    readReceiptSeenByAgent: [...agent.items.values()].some(
      (i) => i.Type === 'MESSAGEMETADATA' && i.MessageMetadata?.Receipts?.[0]?.ReadTimestamp !== undefined,
    ),
    typingSeenByAgent: [...agent.items.values()].some(
      (i) => i.ContentType === EventContentType.typing && i.ParticipantRole === 'CUSTOMER',
    ),
    ended: { customer: customer.status === 'ended', agent: agent.status === 'ended' },
    durationMs: Date.now() - startedAt,
  };
}

function describeItem(item: Item): string {
  const who = item.DisplayName ? `${item.DisplayName}: ` : '';
  if (item.Type === 'MESSAGE') return `message ${who}"${item.Content}"`;
  if (item.Type === 'ATTACHMENT') {
    const attachment = item.Attachments?.[0];
    return `attachment ${who}${attachment?.AttachmentName} (${attachment?.Status})`;
  }
  if (item.Type === 'MESSAGEMETADATA') {
    const receipt = item.MessageMetadata?.Receipts?.[0];
    return `${receipt?.ReadTimestamp ? 'read' : 'delivered'} receipt for ${item.MessageMetadata?.MessageId}`;
  }
  const event = item.ContentType?.replace('application/vnd.amazonaws.connect.event.', '') ?? item.Type;
  return `event ${who}${event}`;
}
