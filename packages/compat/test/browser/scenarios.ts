/**
 * The scenarios every README page runs, in order, for both libraries. Each drives the app's own session (through
 * the recorder) and the agent (through the emulator), and waits on what it caused before the next step, so the
 * order of what a library reports is fixed by the scenario, not by timing. Nothing sleeps: waits poll the page or
 * the emulator's state until a deadline that only turns a hang into a readable failure.
 */
import type { Item } from '@connect-chat/core';
import type { ActivityLogEntry } from '@connect-chat/transport/testing';
import { expect } from 'vitest';
import { joinAgent } from '../../../transport/test/browser/emulator-peers';
import type { PageKind } from './readme-pages';
import type { ReadmeRun } from './readme-run';
import { pageWaitTimeoutMs, type RecordedEvent, undefinedArgument } from './recorder-driver';
import { renderEvent, renderPaced, type ScenarioRecord, toScenarioRecord } from './scenario-record';

/** A named step of the comparison. */
export interface Scenario {
  name: string;
  /** The README pages it runs on. @defaultValue both */
  pages?: readonly PageKind[];
  run(run: ReadmeRun): Promise<void>;
  /** Where the records are not compared line for line. @defaultValue every field, as recorded */
  comparison?: ScenarioComparison;
}

/** How one scenario's records are compared. */
export interface ScenarioComparison {
  /** Fields left out of the comparison (the scenario checks what matters in them itself). */
  skip: readonly (keyof ScenarioRecord)[];
  /** Rewrites a line of either library's record before the comparison. */
  normalise(line: string): string;
}

/** Both records as compared: normalised, and the skipped fields emptied. */
export function comparable(
  record: ScenarioRecord,
  comparison: ScenarioComparison | undefined,
): ScenarioRecord {
  if (!comparison) return record;
  const fields = Object.keys(record) as (keyof ScenarioRecord)[];
  return Object.fromEntries(
    fields.map((field) => [
      field,
      comparison.skip.includes(field) ? [] : record[field].map((line) => comparison.normalise(line)),
    ]),
  ) as unknown as ScenarioRecord;
}

/** A refusal's `{message:"...",` in a rendered rejection of status 400 (`ValidationException`). */
const refusalMessage = /\{message:"(?:[^"\\]|\\.)*",(?=.*statusCode:400,type:"ValidationException"\})/g;

const eventType = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;

/** Bytes of the attachment round trip: 3000 bytes, every value present. */
export const attachmentBytes = Uint8Array.from({ length: 3000 }, (_, index) => (index * 7 + 3) % 256);

/** Resolves like `promise`, or fails naming `what` after `ms`: a deadline, not a sleep. */
export async function withDeadline<T>(promise: Promise<T>, what: string, ms = pageWaitTimeoutMs): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function agentOf(run: ReadmeRun) {
  if (!run.state.agent) throw new Error(`${run.label}: the agent has not joined yet`);
  return run.state.agent;
}

function itemOf(event: RecordedEvent): Item {
  return (event.payload as { data: Item }).data;
}

/** Waits until the emulator holds a customer socket subscribed to `aws/chat` (so broadcasts reach the page). */
async function customerSubscribed(run: ReadmeRun): Promise<void> {
  await expect
    .poll(
      () =>
        run.environment.emulator
          .getContactState(run.contact.ContactId)
          .Sockets.some(
            (socket) =>
              socket.ParticipantId === run.contact.ParticipantId && socket.Topics.includes('aws/chat'),
          ),
      { timeout: pageWaitTimeoutMs, message: `${run.label}: the customer socket subscribing to aws/chat` },
    )
    .toBe(true);
}

/** Waits until the emulator holds no socket of the customer (after the chat ended). */
async function customerSocketClosed(run: ReadmeRun): Promise<void> {
  await expect
    .poll(
      () =>
        run.environment.emulator
          .getContactState(run.contact.ContactId)
          .Sockets.some((socket) => socket.ParticipantId === run.contact.ParticipantId),
      { timeout: pageWaitTimeoutMs, message: `${run.label}: the customer socket closing` },
    )
    .toBe(false);
}

/** The callbacks recorded for the session being driven. */
async function latestSessionEvents(run: ReadmeRun): Promise<RecordedEvent[]> {
  const { events } = await run.recorder.recorded();
  const latest = Math.max(...events.map((event) => event.session));
  return events.filter((event) => event.session === latest);
}

/** How often `name` fired for the session being driven. */
async function countOf(run: ReadmeRun, name: string): Promise<number> {
  return (await latestSessionEvents(run)).filter((event) => event.name === name).length;
}

/** Index of the first recorded call of `method`, from `from` on. */
async function callIndexOf(run: ReadmeRun, method: string, from = 0): Promise<number> {
  const index = (await run.recorder.recorded()).calls.findIndex(
    (call, position) => position >= from && call.method === method,
  );
  if (index < 0) throw new Error(`${run.label}: no ${method}() call was recorded`);
  return index;
}

function typingRequests(run: ReadmeRun): number {
  return run.backend.wire.filter(
    (request) =>
      request.operation === 'SendEvent' &&
      (request.body as { ContentType?: string }).ContentType === eventType('typing'),
  ).length;
}

/** Sends a text message as the customer and waits for its echo on the page and its arrival at the agent. */
async function customerSays(run: ReadmeRun, text: string): Promise<string> {
  const sent = await run.recorder.call('sendMessage', { contentType: 'text/plain', message: text });
  expect(sent.outcome, `${run.label}: sendMessage("${text}")`).toBe('resolved');
  const echo = itemOf(await run.recorder.waitForEvent({ name: 'onMessage', data: { Content: text } }));
  if (run.state.agent) await run.state.agent.waitForItem(`"${text}"`, (item) => item.Id === echo.Id);
  return echo.Id as string;
}

/** Sends a text message as the agent and waits for the page to report it. */
async function agentSays(run: ReadmeRun, text: string): Promise<string> {
  const item = run.environment.emulator.injectItem(run.contact.ContactId, {
    AsParticipantId: agentOf(run).participantId,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: text,
  });
  await run.recorder.waitForEvent({ name: 'onMessage', data: { Id: item.Id as string } });
  return item.Id as string;
}

/** Routed events the session must sort into their callbacks (legacy-chatjs §8.2), sent as the system. */
const routedEvents: readonly { suffix: string; callback: string }[] = [
  { suffix: 'participant.idle', callback: 'onParticipantIdle' },
  { suffix: 'participant.returned', callback: 'onParticipantReturned' },
  { suffix: 'participant.invited', callback: 'onParticipantInvited' },
  { suffix: 'participant.autodisconnection', callback: 'onAutoDisconnection' },
  { suffix: 'participant.displayname.updated', callback: 'onParticipantDisplayNameUpdated' },
  { suffix: 'chat.rehydrated', callback: 'onChatRehydrated' },
  { suffix: 'authentication.succeeded', callback: 'onAuthenticationSuccessful' },
  { suffix: 'authentication.failed', callback: 'onAuthenticationFailed' },
  { suffix: 'authentication.timeout', callback: 'onAuthenticationTimeout' },
  { suffix: 'authentication.expired', callback: 'onAuthenticationExpired' },
  { suffix: 'authentication.cancelled', callback: 'onAuthenticationCanceled' },
  { suffix: 'transfer.failed', callback: 'onMessage' },
];

/** A session id of the length the service issues, for the authentication calls. */
const sessionIdLike = 'a1b2c3d4-0000-4000-8000-00000000beef';

/** Calls made before `connect()` and while it is fetching the connection details. */
const callsBeforeConnecting: readonly (readonly [string, unknown])[] = [
  ['sendMessage', { contentType: 'text/plain', message: 'too early' }],
  ['getTranscript', {}],
  ['describeView', { viewToken: 'sample-view' }],
  ['getAuthenticationUrl', { sessionId: sessionIdLike, redirectUri: 'https://example.com/back' }],
  ['cancelParticipantAuthentication', { sessionId: sessionIdLike }],
  ['describeView', undefinedArgument],
];

/** Input a connected session is given that ChatJS or the service refuses, and arguments ChatJS reads loosely. */
const badInputCalls: readonly (readonly [string, unknown])[] = [
  ['sendMessage', { contentType: 'text/plain', message: '' }],
  ['sendMessage', { contentType: 'text/plain', message: 'x'.repeat(1025) }],
  ['sendMessage', { contentType: 'text/csv', message: 'a,b' }],
  ['sendMessage', { contentType: 'text/plain' }],
  ['sendMessage', { contentType: 'text/html', message: '<p>' }],
  ['sendMessage', undefinedArgument],
  ['sendEvent', { contentType: eventType('participant.joined') }],
  ['sendEvent', { contentType: eventType('typing'), content: '{oops' }],
  ['sendEvent', { contentType: eventType('connection.acknowledged'), content: '' }],
  ['getTranscript', { maxResults: 500 }],
  ['getTranscript', { scanDirection: 'SIDEWAYS' }],
  ['getTranscript', { maxResults: 1, metadata: '' }],
  ['sendAttachment', {}],
  ['sendAttachment', { attachment: { name: 'tool.exe', type: 'application/x-msdownload', bytes: [77, 90] } }],
  ['getAttachmentURL', {}],
  ['downloadAttachment', {}],
  ['describeView', {}],
  ['describeView', { viewToken: '' }],
  ['describeView', { viewToken: 404 }],
  ['describeView', { viewToken: 'no-such-view', metadata: 0 }],
  ['getAuthenticationUrl', { sessionId: 'short', redirectUri: 'https://example.com/back' }],
  ['cancelParticipantAuthentication', { sessionId: 'short' }],
];

/** The scenarios, in the order they run on one page. */
export const scenarios: readonly Scenario[] = [
  {
    name: 'README code as written',
    pages: ['esm'],
    async run(run) {
      // The snippet as written: connect, "Hello World!", typing, its handlers, then disconnectParticipant().
      await run.page.goto(run.url);
      await run.recorder.waitForSession();
      const firstMessage = run.state.heldFirstMessage!;
      await withDeadline(firstMessage.arrived, `${run.label}: the snippet's sendMessage()`);
      await customerSubscribed(run);
      firstMessage.release();
      await run.recorder.waitForEvent({ name: 'onMessage', data: { Content: 'Hello World!' } });
      await run.recorder.waitForEvent({ name: 'onTyping', data: { ParticipantRole: 'CUSTOMER' } });
      await run.recorder.waitForEvent({ name: 'onEnded' });
      const disconnect = await run.recorder.waitForCall(await callIndexOf(run, 'disconnectParticipant'));
      expect(disconnect.outcome, `${run.label}: the snippet's disconnectParticipant()`).toBe('resolved');
      await customerSocketClosed(run);
    },
  },
  {
    name: 'connect',
    async run(run) {
      if (run.kind === 'esm') {
        // The snippet's chat is over; the rest runs on a new session created the README's way in the same page.
        const contact = run.startContact();
        await run.recorder.createSession({
          contactId: contact.ContactId,
          participantId: contact.ParticipantId,
          participantToken: contact.ParticipantToken,
        });
        // Before connect(), and while it fetches the connection details: ChatJS's guarded methods reject with
        // its "No active connection" string, the three without the guard throw.
        for (const [method, args] of callsBeforeConnecting) await run.recorder.call(method, args);
        const fetching = run.backend.hold('CreateParticipantConnection');
        const connecting = await run.recorder.invoke('connect');
        await withDeadline(fetching.arrived, `${run.label}: connect()'s CreateParticipantConnection`);
        for (const [method, args] of callsBeforeConnecting) await run.recorder.call(method, args);
        fetching.release();
        const connected = await run.recorder.waitForCall(connecting);
        expect(connected.outcome, `${run.label}: connect()`).toBe('resolved');
      } else {
        // The sample connects and subscribes its handlers on load.
        await run.page.goto(run.url);
        await run.recorder.waitForSession();
        expect((await run.recorder.waitForCall(0)).outcome, `${run.label}: the sample's connect()`).toBe(
          'resolved',
        );
      }
      await run.recorder.waitForEvent({ name: 'onConnectionEstablished' });
      await customerSubscribed(run);
      await run.recorder.waitForEvent({ name: 'onDeepHeartbeatSuccess' });
      // Its key set only: the values are tokens.
      await run.recorder.call('getChatDetails');
    },
  },
  {
    name: 'messages both ways',
    async run(run) {
      const { environment } = run;
      run.state.agent = await joinAgent(
        environment.emulator.endpoint,
        environment.control,
        run.contact.ContactId,
      );
      await run.recorder.waitForEvent({
        name: 'onMessage',
        data: { ContentType: eventType('participant.joined'), ParticipantRole: 'AGENT' },
      });
      run.state.customerMessageId = await customerSays(run, 'can anyone hear me?');
      run.state.agentMessageId = await agentSays(run, 'hello from the agent');
    },
  },
  {
    name: 'typing',
    async run(run) {
      const agent = agentOf(run);
      run.environment.emulator.sendTyping(run.contact.ContactId, agent.participantId);
      await run.recorder.waitForEvent({ name: 'onTyping', data: { ParticipantRole: 'AGENT' } });
      const typingBefore = agent.items.filter((item) => item.ContentType === eventType('typing')).length;
      const ownEchoesBefore = (await latestSessionEvents(run)).filter(
        (event) => event.name === 'onTyping' && itemOf(event).ParticipantRole === 'CUSTOMER',
      ).length;
      const requestsBefore = typingRequests(run);
      for (let round = 0; round < 2; round += 1) {
        const typed = await run.recorder.call('sendEvent', { contentType: eventType('typing') });
        expect(typed.outcome, `${run.label}: typing #${round + 1}`).toBe('resolved');
      }
      // Whatever the throttle let through must reach the agent and come back to the page as the customer's own.
      const sent = typingRequests(run) - requestsBefore;
      await agent.waitForItem(
        `${sent} customer typing event(s)`,
        () =>
          agent.items.filter((item) => item.ContentType === eventType('typing')).length >=
          typingBefore + sent,
      );
      if (sent > 0) {
        await run.recorder.waitForEvent({
          name: 'onTyping',
          data: { ParticipantRole: 'CUSTOMER' },
          count: ownEchoesBefore + sent,
        });
      }
    },
  },
  {
    name: 'read/delivered receipts',
    async run(run) {
      const agent = agentOf(run);
      const messageId = run.state.agentMessageId!;
      const content = JSON.stringify({ messageId });
      // A UI marks a message delivered when it arrives and read when it is shown: both at once here.
      const delivered = await run.recorder.invoke('sendEvent', {
        contentType: eventType('message.delivered'),
        content,
      });
      const read = await run.recorder.invoke('sendEvent', {
        contentType: eventType('message.read'),
        content,
      });
      await agent.waitForItem(
        'the customer read receipt',
        (item) =>
          item.Type === 'MESSAGEMETADATA' &&
          item.MessageMetadata?.MessageId === messageId &&
          item.MessageMetadata.Receipts?.[0]?.ReadTimestamp !== undefined,
      );
      expect((await run.recorder.waitForCall(read)).outcome, `${run.label}: read receipt`).toBe('resolved');
      if (run.library === 'compat') {
        // compat-decisions Fix 12: a superseded receipt still settles (ChatJS leaves it pending forever).
        await run.recorder.waitForCall(delivered);
      }
      const again = await run.recorder.call('sendEvent', { contentType: eventType('message.read'), content });
      expect(again.outcome, `${run.label}: a second read receipt`).toBe('resolved');

      const { emulator } = run.environment;
      const customerMessage = run.state.customerMessageId!;
      emulator.sendReceipt(run.contact.ContactId, {
        AsParticipantId: agent.participantId,
        MessageId: customerMessage,
        Kind: 'delivered',
      });
      await run.recorder.waitForEvent({ name: 'onDeliveredReceipt' });
      emulator.sendReceipt(run.contact.ContactId, {
        AsParticipantId: agent.participantId,
        MessageId: customerMessage,
        Kind: 'read',
      });
      await run.recorder.waitForEvent({ name: 'onReadReceipt' });
    },
  },
  {
    name: 'attachment round trip',
    async run(run) {
      const agent = agentOf(run);
      const sent = await run.recorder.call('sendAttachment', {
        attachment: { name: 'pixels.png', type: 'image/png', bytes: Array.from(attachmentBytes) },
      });
      expect(sent.outcome, `${run.label}: sendAttachment`).toBe('resolved');
      const item = itemOf(
        await run.recorder.waitForEvent({ name: 'onMessage', data: { Type: 'ATTACHMENT' } }),
      );
      await agent.waitForItem('the ATTACHMENT item', (candidate) => candidate.Id === item.Id);
      const attachmentId = item.Attachments?.[0]?.AttachmentId as string;
      const download = await run.recorder.call('downloadAttachment', { attachmentId });
      expect(download.outcome, `${run.label}: downloadAttachment`).toBe('resolved');
      expect(Uint8Array.from(await run.recorder.blobBytes(download.index))).toEqual(attachmentBytes);
      const url = await run.recorder.call('getAttachmentURL', { attachmentId });
      expect(url.outcome, `${run.label}: getAttachmentURL`).toBe('resolved');
    },
  },
  {
    name: 'service failures',
    async run(run) {
      const { emulator } = run.environment;
      const refuseMessages = (times: number, action: { status: number; errorType?: string }) =>
        emulator.addFault({
          match: { operation: 'SendMessage', participantId: run.contact.ParticipantId },
          action: { type: 'error', message: 'try later', ...action },
          times,
        });
      // A send refused as often as the AWS SDK tries (three times, one ClientToken) rejects; no later retry sends
      // it a fourth time, which would find the service willing again.
      for (const action of [{ status: 500 }, { status: 429, errorType: 'ThrottlingException' }]) {
        refuseMessages(3, action);
        const refused = await run.recorder.call('sendMessage', {
          contentType: 'text/plain',
          message: `refused with ${action.status}`,
          metadata: 'M',
        });
        expect(refused.outcome, `${run.label}: sendMessage refused ${action.status} three times`).toBe(
          'rejected',
        );
      }
      refuseMessages(2, { status: 500 });
      await customerSays(run, 'accepted on the third attempt');

      // The storage service refuses the PUT: the upload goes on to CompleteAttachmentUpload all the same.
      const started = run.backend.holdResponse('StartAttachmentUpload');
      const sending = await run.recorder.invoke('sendAttachment', {
        attachment: { name: 'refused.png', type: 'image/png', bytes: [1, 2, 3] },
        metadata: 'A',
      });
      await withDeadline(started.arrived, `${run.label}: StartAttachmentUpload answered`);
      const pending = run.environment.emulator
        .getContactState(run.contact.ContactId)
        .Attachments.find((attachment) => attachment.AttachmentName === 'refused.png');
      if (!pending) throw new Error(`${run.label}: no attachment was started for refused.png`);
      emulator.addFault({
        match: { route: `/__uploads/${encodeURIComponent(pending.AttachmentId)}` },
        action: { type: 'error', status: 403, errorType: 'AccessDenied', message: 'Request has expired' },
        times: 1,
      });
      started.release();
      const upload = await run.recorder.waitForCall(sending);
      expect(run.backend.wire.at(-1)?.operation, `${run.label}: the request after a refused PUT`).toBe(
        'CompleteAttachmentUpload',
      );
      // The service refuses to complete a file it never received.
      expect(upload, `${run.label}: sendAttachment after a refused PUT`).toMatchObject({
        outcome: 'rejected',
        value: { type: 'ValidationException', statusCode: 400, metadata: 'A' },
      });

      // The storage service refuses the GET: the download resolves with whatever body came back.
      const stored = run.environment.emulator
        .getContactState(run.contact.ContactId)
        .Attachments.find((attachment) => attachment.AttachmentName === 'pixels.png');
      if (!stored) throw new Error(`${run.label}: the round trip's attachment is missing`);
      emulator.addFault({
        match: { route: `/__downloads/${encodeURIComponent(stored.AttachmentId)}` },
        action: { type: 'error', status: 403, errorType: 'AccessDenied', message: 'Request has expired' },
        times: 1,
      });
      const download = await run.recorder.call('downloadAttachment', {
        attachmentId: stored.AttachmentId,
        metadata: 'D',
      });
      expect(download.outcome, `${run.label}: downloadAttachment after a refused GET`).toBe('resolved');
      const body = new TextDecoder().decode(Uint8Array.from(await run.recorder.blobBytes(download.index)));
      expect(body, `${run.label}: the refused GET's body`).toContain('Request has expired');
    },
  },
  {
    name: 'getTranscript',
    async run(run) {
      const first = await run.recorder.call('getTranscript', {});
      expect(first.outcome, `${run.label}: getTranscript()`).toBe('resolved');
      const page = await run.recorder.call('getTranscript', { maxResults: 2, metadata: 'page 1' });
      const nextToken = (page.value as { data?: { NextToken?: string } }).data?.NextToken;
      expect(nextToken, `${run.label}: a NextToken after two items`).toEqual(expect.any(String));
      const next = await run.recorder.call('getTranscript', {
        maxResults: 2,
        nextToken,
        metadata: { page: 2 },
      });
      expect(next.outcome, `${run.label}: getTranscript({ nextToken })`).toBe('resolved');
    },
  },
  {
    name: 'bad input',
    async run(run) {
      for (const [method, args] of badInputCalls) {
        const sentBefore = run.backend.wire.length;
        const call = await run.recorder.call(method, args);
        const refused =
          call.outcome === 'rejected' && (call.value as { statusCode?: unknown }).statusCode === 400;
        if (!refused) continue;
        // ChatJS sends what it does not check itself and the service refuses it; compat refuses the same input
        // before the wire, with the same rejection shape (compat brief, item 2).
        expect(run.backend.wire.length, `${run.label}: what went on the wire for ${method}`).toBe(
          run.library === 'chatjs' ? sentBefore + 1 : sentBefore,
        );
      }
    },
    comparison: {
      skip: ['wire', 'requests'],
      // The wording of a refusal is the service's (the emulator's here) or, before the wire, compat's own.
      normalise: (line) => line.replace(refusalMessage, '{message:<the refusal, in its own words>,'),
    },
  },
  {
    name: 'read receipt, then a delivered receipt of a later message',
    async run(run) {
      const agent = agentOf(run);
      const first = await agentSays(run, 'the first of two');
      const second = await agentSays(run, 'the second of two');
      const read = await run.recorder.invoke('sendEvent', {
        contentType: eventType('message.read'),
        content: JSON.stringify({ messageId: first }),
      });
      const delivered = await run.recorder.invoke('sendEvent', {
        contentType: eventType('message.delivered'),
        content: JSON.stringify({ messageId: second }),
        metadata: 'delivered',
      });
      await agent.waitForItem(
        'the delivered receipt of the second message',
        (item) =>
          item.Type === 'MESSAGEMETADATA' &&
          item.MessageMetadata?.MessageId === second &&
          item.MessageMetadata.Receipts?.[0]?.DeliveredTimestamp !== undefined,
      );
      expect((await run.recorder.waitForCall(read)).outcome, `${run.label}: read receipt`).toBe('resolved');
      expect((await run.recorder.waitForCall(delivered)).outcome, `${run.label}: delivered receipt`).toBe(
        'resolved',
      );
      if (run.library === 'compat') {
        // ChatJS sends this read with the `ClientToken` of the earlier one, so the service takes it for a retry
        // and applies nothing; with a token of its own (compat-decisions Fix 7) it reaches the agent.
        await agent.waitForItem(
          'the read receipt of the first message',
          (item) =>
            item.Type === 'MESSAGEMETADATA' &&
            item.MessageMetadata?.MessageId === first &&
            item.MessageMetadata.Receipts?.[0]?.ReadTimestamp !== undefined,
        );
      }
      // A delivered receipt that asks to skip the throttle.
      const third = await agentSays(run, 'the third');
      const quick = await run.recorder.call('sendEvent', {
        contentType: eventType('message.delivered'),
        content: JSON.stringify({ messageId: third, disableThrottle: true }),
      });
      expect(quick.outcome, `${run.label}: a delivered receipt with disableThrottle`).toBe('resolved');
    },
  },
  {
    name: 'routed events',
    async run(run) {
      const { emulator } = run.environment;
      for (const { suffix } of routedEvents) {
        emulator.injectItem(run.contact.ContactId, {
          AsRole: 'SYSTEM',
          Type: 'EVENT',
          ContentType: eventType(suffix),
        });
      }
      emulator.initiateAuthentication(run.contact.ContactId);
      await run.recorder.waitForEvent({ name: 'onAuthenticationInitiated' });
      for (const { suffix, callback } of routedEvents) {
        await run.recorder.waitForEvent({ name: callback, data: { ContentType: eventType(suffix) } });
      }
    },
  },
  {
    name: 'dropped socket and reconnect',
    async run(run) {
      const { emulator } = run.environment;
      const lost = await countOf(run, 'onConnectionLost');
      const established = await countOf(run, 'onConnectionEstablished');
      // The reconnection's CreateParticipantConnection is held while the agent talks to a customer who is away.
      const reconnect = run.backend.hold('CreateParticipantConnection');
      emulator.addFault({
        match: { participantId: run.contact.ParticipantId },
        action: { type: 'drop' },
        times: 1,
      });
      await run.recorder.waitForEvent({ name: 'onConnectionLost', count: lost + 1 });
      await withDeadline(reconnect.arrived, `${run.label}: CreateParticipantConnection after the drop`);
      const missed = ['are you still there?', 'I will wait'].map(
        (text) =>
          emulator.injectItem(run.contact.ContactId, {
            AsParticipantId: agentOf(run).participantId,
            Type: 'MESSAGE',
            ContentType: 'text/plain',
            Content: text,
          }).Id as string,
      );
      reconnect.release();
      await run.recorder.waitForEvent({ name: 'onConnectionEstablished', count: established + 1 });
      await customerSubscribed(run);
      if (run.library === 'compat') {
        // compat-decisions Fix 6: what the agent said meanwhile arrives after reconnecting.
        for (const id of missed) await run.recorder.waitForEvent({ name: 'onMessage', data: { Id: id } });
      }
      await customerSays(run, 'back again');
    },
  },
  {
    name: 'disconnect → onEnded',
    async run(run) {
      const agent = agentOf(run);
      const disconnect = await run.recorder.call('disconnectParticipant', {});
      expect(disconnect.outcome, `${run.label}: disconnectParticipant()`).toBe('resolved');
      await run.recorder.waitForEvent({ name: 'onEnded' });
      await agent.waitForItem('chat.ended', (item) => item.ContentType === eventType('chat.ended'));
      const late = await run.recorder.call('sendMessage', { contentType: 'text/plain', message: 'anyone?' });
      expect(late.outcome, `${run.label}: sendMessage after the end`).toBe('rejected');
      await customerSocketClosed(run);
    },
  },
  {
    name: 'onTranscriptUpdated',
    pages: ['esm'],
    async run(run) {
      const { environment } = run;
      const contact = run.startContact();
      await run.recorder.createSession(
        {
          contactId: contact.ContactId,
          participantId: contact.ParticipantId,
          participantToken: contact.ParticipantToken,
        },
        { transcript: true },
      );
      const connected = await run.recorder.call('connect');
      expect(connected.outcome, `${run.label}: connect()`).toBe('resolved');
      await run.recorder.waitForEvent({ name: 'onConnectionEstablished' });
      await customerSubscribed(run);
      // The page both fetch when the connection is established comes first.
      await run.recorder.waitForEvent({ name: 'onTranscriptUpdated' });
      await run.state.agent?.[Symbol.asyncDispose]();
      run.state.agent = await joinAgent(
        environment.emulator.endpoint,
        environment.control,
        contact.ContactId,
      );
      await run.recorder.waitForEvent({
        name: 'onMessage',
        data: { ContentType: eventType('participant.joined'), ParticipantRole: 'AGENT' },
      });
      // The echo of the customer's message comes before the answer to SendMessage, always.
      const answer = run.backend.holdResponse('SendMessage');
      const sending = await run.recorder.invoke('sendMessage', {
        contentType: 'text/plain',
        message: 'for the transcript',
      });
      await withDeadline(answer.arrived, `${run.label}: SendMessage answered`);
      const echo = itemOf(
        await run.recorder.waitForEvent({ name: 'onMessage', data: { Content: 'for the transcript' } }),
      );
      answer.release();
      expect((await run.recorder.waitForCall(sending)).outcome, `${run.label}: sendMessage`).toBe('resolved');
      await agentSays(run, 'noted');
      environment.emulator.sendReceipt(contact.ContactId, {
        AsParticipantId: agentOf(run).participantId,
        MessageId: echo.Id as string,
        Kind: 'read',
      });
      await run.recorder.waitForEvent({ name: 'onReadReceipt' });
      const page = await run.recorder.call('getTranscript', {});
      expect(page.outcome, `${run.label}: getTranscript()`).toBe('resolved');
      // One report per change: the connection's fetch, joins, the message (sending, echo, sent), the reply, the
      // receipt and the page at least.
      expect(
        await countOf(run, 'onTranscriptUpdated'),
        `${run.label}: transcript reports`,
      ).toBeGreaterThanOrEqual(8);
      await run.recorder.call('getChatDetails');
    },
  },
];

/** What one page reported, scenario by scenario. */
export interface RunRecords {
  /** By scenario name, in run order. */
  scenarios: Map<string, ScenarioRecord>;
  /** The deep-heartbeat callbacks over the whole run, by distinct payload. */
  paced: string[];
  /** Origins the page tried to reach besides the emulator, its own server and the Participant Service. */
  strayOrigins: string[];
  /** Callbacks whose payload lacks `chatDetails` or `data`, the documented `{ chatDetails, data }` shape. */
  undocumentedPayloads: string[];
}

/** The scenarios of one README page, in order. */
export function scenariosFor(kind: PageKind): Scenario[] {
  return scenarios.filter((scenario) => !scenario.pages || scenario.pages.includes(kind));
}

/** Runs every scenario of the page on `run` and slices what happened into one record per scenario. */
export async function recordScenarios(run: ReadmeRun): Promise<RunRecords> {
  const records = new Map<string, ScenarioRecord>();
  const attributed = new WeakSet<ActivityLogEntry>();
  let eventsFrom = 0;
  let appFrom = 0;
  let wireFrom = 0;
  let callsFrom = 0;
  let pendingBefore: number[] = [];
  for (const scenario of scenariosFor(run.kind)) {
    try {
      await scenario.run(run);
    } catch (error) {
      throw new Error(`${run.label}: scenario "${scenario.name}" failed`, { cause: error });
    }
    const recording = await run.recorder.recorded();
    // Calls made now, and calls from earlier scenarios that settled only now, so a late settlement is not lost.
    const settledEarlier = pendingBefore.filter((index) => recording.calls[index]?.outcome !== 'pending');
    const calls = [
      ...settledEarlier.map((index) => ({
        ...recording.calls[index]!,
        method: `${recording.calls[index]!.method} (called earlier)`,
      })),
      ...recording.calls.slice(callsFrom),
    ];
    const attachmentIds = new Set(
      run.environment.emulator.getContactState(run.contact.ContactId).Attachments.map((a) => a.AttachmentId),
    );
    const log = run.environment.emulator.activity().filter((entry) => {
      if (attributed.has(entry)) return false;
      const ours =
        entry.participantId === run.contact.ParticipantId ||
        (entry.kind === 'http' &&
          (entry.operation === 'UploadAttachment' || entry.operation === 'DownloadAttachment') &&
          [...attachmentIds].some((id) => entry.route.includes(id)));
      if (ours) attributed.add(entry);
      return ours;
    });
    records.set(
      scenario.name,
      toScenarioRecord({
        events: recording.events.slice(eventsFrom),
        calls,
        appHandlerCalls: recording.appHandlerCalls.slice(appFrom),
        log,
        wire: run.backend.wire.slice(wireFrom),
      }),
    );
    pendingBefore = [
      ...pendingBefore.filter((index) => recording.calls[index]?.outcome === 'pending'),
      ...[...recording.calls.keys()].filter(
        (index) => index >= callsFrom && recording.calls[index]?.outcome === 'pending',
      ),
    ];
    eventsFrom = recording.events.length;
    appFrom = recording.appHandlerCalls.length;
    wireFrom = run.backend.wire.length;
    callsFrom = recording.calls.length;
  }
  const { events } = await run.recorder.recorded();
  return {
    scenarios: records,
    paced: renderPaced(events),
    strayOrigins: [...run.backend.strayOrigins],
    undocumentedPayloads: events
      .filter((event) => {
        const payload = event.payload;
        return (
          !event.missing &&
          (typeof payload !== 'object' ||
            payload === null ||
            !('chatDetails' in payload) ||
            !('data' in payload))
        );
      })
      .map(renderEvent),
  };
}
