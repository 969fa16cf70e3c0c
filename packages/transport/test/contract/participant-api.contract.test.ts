// The participant-API contract: both adapters, against the real emulator over real HTTP (wire-protocol §1, §2,
// §5.3, §5.8, §5.9). Every test uses a fresh contact, and faults are cleared after each one.
import type { ParticipantApi } from '@connect-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/testing';
import { contractAdapters } from './adapters';
import { errorOutcome, joinAsCustomer, rejectionOf } from './chat-fixture';
import { type EmulatorControl, emulatorControl } from './emulator-control';
import { heldDelayMs, heldScheduler } from './held-scheduler';

const extraUploadHeaders = { 'x-amz-meta-contract': 'kept-verbatim' };
const scheduler = heldScheduler();
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let control: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ scheduler, attachments: { extraUploadHeaders, maxPerContact: 2 } });
  control = emulatorControl(emulator.endpoint);
});
afterEach(async () => {
  scheduler.releaseAll();
  await control.clearFaults();
});
afterAll(async () => {
  scheduler.releaseAll();
  await emulator?.close();
});

describe.each(contractAdapters)('participant API contract: $name adapter', (adapter) => {
  let api: ParticipantApi;
  beforeAll(() => {
    api = adapter.create(emulator.endpoint);
  });

  describe('operations', () => {
    it('CreateParticipantConnection returns a socket URL and a connection token', async () => {
      const contact = await control.createContact();
      const connection = await api.createParticipantConnection({
        ParticipantToken: contact.ParticipantToken,
        Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
      });
      expect(connection.Websocket?.Url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
      expect(connection.Websocket?.ConnectionExpiry).toMatch(/Z$/);
      expect(connection.ConnectionCredentials?.ConnectionToken).toEqual(expect.any(String));
      expect(connection.ConnectionCredentials?.Expiry).toMatch(/Z$/);
    });

    it('SendMessage stores one MESSAGE that GetTranscript returns', async () => {
      const customer = await joinAsCustomer(control, api);
      const sent = await api.sendMessage({
        ConnectionToken: customer.connectionToken,
        ContentType: 'text/plain',
        Content: 'hello',
      });
      expect(sent).toEqual({ Id: expect.any(String), AbsoluteTime: expect.stringMatching(/Z$/) });

      const transcript = await api.getTranscript({
        ConnectionToken: customer.connectionToken,
        SortOrder: 'ASCENDING',
      });
      const messages = transcript.Transcript?.filter((item) => item.Type === 'MESSAGE') ?? [];
      expect(messages).toEqual([
        expect.objectContaining({ Id: sent.Id, Content: 'hello', ParticipantRole: 'CUSTOMER' }),
      ]);
      expect(transcript.InitialContactId).toBe(customer.contactId);
    });

    it('SendMessage with a repeated ClientToken stores the message once', async () => {
      const customer = await joinAsCustomer(control, api);
      const input = {
        ConnectionToken: customer.connectionToken,
        ContentType: 'text/plain',
        Content: 'once',
        ClientToken: 'same-token',
      };
      const first = await api.sendMessage(input);
      const second = await api.sendMessage(input);
      expect(second.Id).toBe(first.Id);
      const state = await control.contactState(customer.contactId);
      expect(state.Items.filter((item) => item.Content === 'once')).toHaveLength(1);
    });

    it('SendEvent sends a typing event', async () => {
      const customer = await joinAsCustomer(control, api);
      const output = await api.sendEvent({
        ConnectionToken: customer.connectionToken,
        ContentType: 'application/vnd.amazonaws.connect.event.typing',
      });
      expect(output.AbsoluteTime).toMatch(/Z$/);
    });

    it('GetTranscript pages with NextToken until it is absent', async () => {
      const customer = await joinAsCustomer(control, api);
      for (let index = 0; index < 7; index += 1) {
        await control.injectItem(customer.contactId, {
          AsRole: 'SYSTEM',
          Type: 'MESSAGE',
          ContentType: 'text/plain',
          Content: `m${index}`,
        });
      }
      const seen: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await api.getTranscript({
          ConnectionToken: customer.connectionToken,
          MaxResults: 3,
          ScanDirection: 'FORWARD',
          SortOrder: 'ASCENDING',
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        });
        expect(page.Transcript?.length ?? 0).toBeLessThanOrEqual(3);
        seen.push(
          ...(page.Transcript ?? [])
            .filter((item) => item.Type === 'MESSAGE')
            .map((item) => item.Content ?? ''),
        );
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
      expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    });

    it('attachments: start, PUT with every HeadersToInclude, complete, get, download intact', async () => {
      const customer = await joinAsCustomer(control, api);
      const bytes = new TextEncoder().encode('contract,csv\n1,2\n');
      const started = await api.startAttachmentUpload({
        ConnectionToken: customer.connectionToken,
        ContentType: 'text/csv',
        AttachmentName: 'data.csv',
        AttachmentSizeInBytes: bytes.byteLength,
      });
      const headers = started.UploadMetadata?.HeadersToInclude ?? {};
      expect(headers).toMatchObject({ 'Content-Type': 'text/csv', ...extraUploadHeaders });
      const upload = await fetch(started.UploadMetadata?.Url ?? '', { method: 'PUT', headers, body: bytes });
      expect(upload.status).toBe(200);

      const attachmentId = started.AttachmentId ?? '';
      await expect(
        api.completeAttachmentUpload({
          ConnectionToken: customer.connectionToken,
          AttachmentIds: [attachmentId],
        }),
      ).resolves.toEqual({});
      const download = await api.getAttachment({
        ConnectionToken: customer.connectionToken,
        AttachmentId: attachmentId,
      });
      expect(download.AttachmentSizeInBytes).toBe(bytes.byteLength);
      const fetched = await fetch(download.Url ?? '');
      expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(bytes);
    });

    it('DescribeView returns the view fixture', async () => {
      const customer = await joinAsCustomer(control, api);
      const output = await api.describeView({
        ConnectionToken: customer.connectionToken,
        ViewToken: 'sample-view',
      });
      expect(output.View).toMatchObject({ Id: 'sample-view', Name: 'Sample view', Version: 1 });
    });

    it('GetAuthenticationUrl and CancelParticipantAuthentication accept an issued session', async () => {
      const customer = await joinAsCustomer(control, api);
      const sessionId = await control.initiateAuthentication(customer.contactId, customer.participantId);
      const url = await api.getAuthenticationUrl({
        ConnectionToken: customer.connectionToken,
        SessionId: sessionId,
        RedirectUri: 'https://app.example/after-login',
      });
      expect(url.AuthenticationUrl).toEqual(expect.stringContaining('http'));
      await expect(
        api.cancelParticipantAuthentication({
          ConnectionToken: customer.connectionToken,
          SessionId: sessionId,
        }),
      ).resolves.toEqual({});
    });

    it('DisconnectParticipant ends the customer; later calls are denied', async () => {
      const customer = await joinAsCustomer(control, api);
      await expect(api.disconnectParticipant({ ConnectionToken: customer.connectionToken })).resolves.toEqual(
        {},
      );
      const reconnect = await rejectionOf(
        api.createParticipantConnection({ ParticipantToken: customer.participantToken, Type: ['WEBSOCKET'] }),
      );
      expect(errorOutcome(reconnect)).toMatchObject({ code: 'accessDenied', status: 403, attempts: 1 });
      const send = await rejectionOf(
        api.sendMessage({
          ConnectionToken: customer.connectionToken,
          ContentType: 'text/plain',
          Content: 'x',
        }),
      );
      expect(send.code).toBe('accessDenied');
    });
  });

  describe('errors', () => {
    it('403 AccessDeniedException for an unknown token, without retrying', async () => {
      const error = await rejectionOf(
        api.sendMessage({ ConnectionToken: 'not-a-token', ContentType: 'text/plain', Content: 'x' }),
      );
      expect(errorOutcome(error)).toEqual({
        code: 'accessDenied',
        status: 403,
        serviceErrorName: 'AccessDeniedException',
        operation: 'SendMessage',
        attempts: 1,
      });
      expect(error.requestId).toEqual(expect.any(String));
      expect(error.message).not.toContain('not-a-token');
    });

    it('400 ValidationException for a bad content type, in one attempt', async () => {
      const customer = await joinAsCustomer(control, api);
      const error = await rejectionOf(
        api.sendMessage({
          ConnectionToken: customer.connectionToken,
          ContentType: 'text/bogus',
          Content: 'x',
        }),
      );
      expect(errorOutcome(error)).toMatchObject({ code: 'validation', status: 400, attempts: 1 });
      expect(await control.requests(customer.participantId, 'SendMessage')).toHaveLength(1);
    });

    it('409 ConflictException when an upload is completed twice', async () => {
      const customer = await joinAsCustomer(control, api);
      const started = await api.startAttachmentUpload({
        ConnectionToken: customer.connectionToken,
        ContentType: 'text/plain',
        AttachmentName: 'a.txt',
        AttachmentSizeInBytes: 1,
      });
      await fetch(started.UploadMetadata?.Url ?? '', {
        method: 'PUT',
        headers: started.UploadMetadata?.HeadersToInclude ?? {},
        body: 'a',
      });
      const complete = () =>
        api.completeAttachmentUpload({
          ConnectionToken: customer.connectionToken,
          AttachmentIds: [started.AttachmentId ?? ''],
        });
      await complete();
      expect(errorOutcome(await rejectionOf(complete()))).toMatchObject({
        code: 'conflict',
        status: 409,
        serviceErrorName: 'ConflictException',
        attempts: 1,
      });
    });

    it('402 ServiceQuotaExceededException beyond the per-contact attachment quota', async () => {
      const customer = await joinAsCustomer(control, api);
      const start = () =>
        api.startAttachmentUpload({
          ConnectionToken: customer.connectionToken,
          ContentType: 'text/plain',
          AttachmentName: 'q.txt',
          AttachmentSizeInBytes: 1,
        });
      await start();
      await start();
      expect(errorOutcome(await rejectionOf(start()))).toMatchObject({
        code: 'quotaExceeded',
        status: 402,
        attempts: 1,
      });
    });

    it('404 ResourceNotFoundException for an unknown view', async () => {
      const customer = await joinAsCustomer(control, api);
      const error = await rejectionOf(
        api.describeView({ ConnectionToken: customer.connectionToken, ViewToken: 'no/such view' }),
      );
      expect(errorOutcome(error)).toMatchObject({
        code: 'notFound',
        status: 404,
        serviceErrorName: 'ResourceNotFoundException',
      });
    });

    it.each([
      ['body__type', 'message'],
      ['bodyCode', 'Message'],
    ] as const)('parses an error named in %s with %s', async (typeIn, casing) => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'GetTranscript' },
        action: {
          type: 'error',
          status: 409,
          errorType: 'ConflictException',
          message: 'busy',
          typeIn,
          casing,
        },
        times: 1,
      });
      const error = await rejectionOf(api.getTranscript({ ConnectionToken: customer.connectionToken }));
      expect(errorOutcome(error)).toMatchObject({ code: 'conflict', serviceErrorName: 'ConflictException' });
      expect(error.message).toMatch(/: busy$/);
    });

    it('reports an HTML 502 as invalidResponse after retrying it', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'GetTranscript' },
        action: { type: 'malformed', variant: 'html' },
      });
      const error = await rejectionOf(api.getTranscript({ ConnectionToken: customer.connectionToken }));
      expect(errorOutcome(error)).toMatchObject({ code: 'invalidResponse', status: 502, attempts: 3 });
    });
  });

  describe('retries', () => {
    const sendInput = (connectionToken: string, content: string) => ({
      ConnectionToken: connectionToken,
      ContentType: 'text/plain',
      Content: content,
    });

    it('two 500s then success: same ClientToken on every attempt, one message stored', async () => {
      const customer = await joinAsCustomer(control, api);
      const bodies: string[] = [];
      const recording = adapter.create(emulator.endpoint, { onRequestBody: (body) => bodies.push(body) });
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'SendMessage' },
        action: { type: 'error', status: 500 },
        times: 2,
      });
      const sent = await recording.sendMessage(sendInput(customer.connectionToken, 'retried'));
      expect(sent.Id).toEqual(expect.any(String));

      const clientTokens = bodies.map((body) => JSON.parse(body).ClientToken);
      expect(clientTokens).toHaveLength(3);
      expect(clientTokens[0]).toEqual(expect.any(String));
      expect(new Set(clientTokens).size).toBe(1);
      const statuses = (await control.requests(customer.participantId, 'SendMessage')).map(
        (entry) => entry.status,
      );
      expect(statuses).toEqual([500, 500, 200]);
      const state = await control.contactState(customer.contactId);
      expect(state.Items.filter((item) => item.Content === 'retried')).toHaveLength(1);
      // Replaying that token is idempotent on the service side too.
      const replay = await api.sendMessage({
        ...sendInput(customer.connectionToken, 'retried'),
        ClientToken: clientTokens[0],
      });
      expect(replay.Id).toBe(sent.Id);
    });

    it('three 500s: rejects serviceUnavailable after 3 attempts', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'SendMessage' },
        action: { type: 'error', status: 500 },
        times: 3,
      });
      const error = await rejectionOf(api.sendMessage(sendInput(customer.connectionToken, 'lost')));
      expect(errorOutcome(error)).toMatchObject({ code: 'serviceUnavailable', status: 500, attempts: 3 });
      const state = await control.contactState(customer.contactId);
      expect(state.Items.filter((item) => item.Content === 'lost')).toHaveLength(0);
    });

    it('retries 429 ThrottlingException', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'GetTranscript' },
        action: { type: 'error', status: 429, errorType: 'ThrottlingException' },
        times: 1,
      });
      await expect(api.getTranscript({ ConnectionToken: customer.connectionToken })).resolves.toHaveProperty(
        'InitialContactId',
      );
      expect(
        (await control.requests(customer.participantId, 'GetTranscript')).map((entry) => entry.status),
      ).toEqual([429, 200]);
    });

    it('retries a dropped connection', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'GetTranscript' },
        action: { type: 'dropConnection' },
        times: 1,
      });
      await expect(api.getTranscript({ ConnectionToken: customer.connectionToken })).resolves.toHaveProperty(
        'InitialContactId',
      );
      expect(await control.requests(customer.participantId, 'GetTranscript')).toHaveLength(2);
    });

    it('does not retry an injected 400', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'SendMessage' },
        action: { type: 'error', status: 400, errorType: 'ValidationException' },
        times: 3,
      });
      const error = await rejectionOf(api.sendMessage(sendInput(customer.connectionToken, 'x')));
      expect(errorOutcome(error)).toMatchObject({ code: 'validation', attempts: 1 });
      expect(await control.requests(customer.participantId, 'SendMessage')).toHaveLength(1);
    });

    it('honours maxAttempts: 1', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'SendMessage' },
        action: { type: 'error', status: 503 },
        times: 1,
      });
      const single = adapter.create(emulator.endpoint, { maxAttempts: 1 });
      const error = await rejectionOf(single.sendMessage(sendInput(customer.connectionToken, 'x')));
      expect(errorOutcome(error)).toMatchObject({ code: 'serviceUnavailable', status: 503, attempts: 1 });
    });
  });

  describe('abort', () => {
    it('an already aborted signal sends nothing', async () => {
      const customer = await joinAsCustomer(control, api);
      const error = await rejectionOf(
        api.getTranscript({ ConnectionToken: customer.connectionToken }, { signal: AbortSignal.abort() }),
      );
      expect(errorOutcome(error)).toMatchObject({ code: 'aborted', attempts: 0 });
      expect(await control.requests(customer.participantId, 'GetTranscript')).toHaveLength(0);
    });

    it('aborting while the request is in flight rejects with aborted', async () => {
      const customer = await joinAsCustomer(control, api);
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'GetTranscript' },
        action: { type: 'delay', ms: heldDelayMs },
        times: 1,
      });
      const controller = new AbortController();
      const held = scheduler.nextHeld();
      const call = rejectionOf(
        api.getTranscript({ ConnectionToken: customer.connectionToken }, { signal: controller.signal }),
      );
      await held;
      controller.abort();
      expect(errorOutcome(await call)).toMatchObject({ code: 'aborted', attempts: 1 });
    });
  });
});

describe('both adapters agree', () => {
  const [fetchAdapter, sdkAdapter] = contractAdapters;

  it('give the same outputs and the same errors for the same scenario', async () => {
    async function scenario(api: ParticipantApi) {
      const customer = await joinAsCustomer(control, api);
      const token = customer.connectionToken;
      const outcomes: unknown[] = [];
      const record = async (call: Promise<unknown>) => {
        outcomes.push(
          await call.then(
            (value) => ({ value }),
            (error: unknown) => ({ error: errorOutcome(error as never) }),
          ),
        );
      };
      await record(api.describeView({ ConnectionToken: token, ViewToken: 'sample-view' }));
      await record(api.describeView({ ConnectionToken: token, ViewToken: 'missing' }));
      await record(api.sendMessage({ ConnectionToken: 'bad', ContentType: 'text/plain', Content: 'x' }));
      await record(api.sendMessage({ ConnectionToken: token, ContentType: 'text/bogus', Content: 'x' }));
      await control.addFault({
        match: { participantId: customer.participantId, operation: 'SendEvent' },
        action: { type: 'error', status: 429, errorType: 'ThrottlingException' },
        times: 3,
      });
      await record(
        api.sendEvent({
          ConnectionToken: token,
          ContentType: 'application/vnd.amazonaws.connect.event.typing',
        }),
      );
      await record(api.disconnectParticipant({ ConnectionToken: token }));
      await record(api.disconnectParticipant({ ConnectionToken: token }));
      return outcomes;
    }
    const viaFetch = await scenario(fetchAdapter!.create(emulator.endpoint));
    const viaSdk = await scenario(sdkAdapter!.create(emulator.endpoint));
    expect(viaSdk).toEqual(viaFetch);
    expect(viaFetch).toHaveLength(7);
    expect(viaFetch[4]).toEqual({ error: expect.objectContaining({ code: 'throttled', attempts: 3 }) });
  });

  it('only the fetch adapter keeps unmodeled item fields such as InitialContactId', async () => {
    const outputs = [];
    for (const adapter of contractAdapters) {
      const api = adapter.create(emulator.endpoint);
      const customer = await joinAsCustomer(control, api);
      await api.sendMessage({
        ConnectionToken: customer.connectionToken,
        ContentType: 'text/plain',
        Content: 'fields',
      });
      const transcript = await api.getTranscript({ ConnectionToken: customer.connectionToken });
      outputs.push(transcript.Transcript?.find((item) => item.Content === 'fields'));
    }
    expect(outputs[0]).toHaveProperty('InitialContactId');
    expect(outputs[1]).not.toHaveProperty('InitialContactId');
  });
});
