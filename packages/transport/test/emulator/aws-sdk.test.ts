// The real AWS SDK clients against the emulator: Connect (StartChatContact, CreateParticipant) and the
// Participant Service, with dummy credentials and an endpoint override (§1.2). The SDK runs in a child Node process
// (see aws-sdk-driver.mjs for why); the emulator runs here, so its programmatic API checks the effects.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';

interface Step {
  service: 'connect' | 'participant';
  command: string;
  input: Record<string, unknown>;
  maxAttempts?: number;
}
type StepResult =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; error: { name: string; message: string; status?: number; attempts?: number } };

const driver = fileURLToPath(new URL('./aws-sdk-driver.mjs', import.meta.url));

/** Runs SDK steps in order in a plain Node process; resolves with one result per step. */
function runSdk(steps: Step[]): Promise<StepResult[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [driver, JSON.stringify({ endpoint: emulator.endpoint, steps })],
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the SDK driver failed: ${stderr}`));
        else resolve(JSON.parse(stdout) as StepResult[]);
      },
    );
  });
}

const from = (step: number, path: string) => ({ $from: [step, path] });

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.close());

/** The output of a step that must have succeeded. */
function outputOf(result: StepResult | undefined): Record<string, unknown> {
  if (!result?.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.output;
}

describe('@aws-sdk/client-connect', () => {
  it('StartChatContact, CreateParticipant and a persistent StartChatContact work against the emulator', async () => {
    const start = {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-1',
      ParticipantDetails: { DisplayName: 'Ada' },
      SupportedMessagingContentTypes: ['text/plain', 'text/markdown'],
      InitialMessage: { ContentType: 'text/plain', Content: 'first words' },
      ClientToken: 'start-1',
    };
    const results = await runSdk([
      { service: 'connect', command: 'StartChatContactCommand', input: start },
      { service: 'connect', command: 'StartChatContactCommand', input: start },
      {
        service: 'connect',
        command: 'CreateParticipantCommand',
        input: {
          InstanceId: 'instance-1',
          ContactId: from(0, 'ContactId'),
          ParticipantDetails: { ParticipantRole: 'CUSTOM_BOT', DisplayName: 'Bot' },
        },
      },
      {
        service: 'connect',
        command: 'StartChatContactCommand',
        input: {
          InstanceId: 'instance-1',
          ContactFlowId: 'flow-1',
          ParticipantDetails: { DisplayName: 'Ada' },
          PersistentChat: { SourceContactId: from(0, 'ContactId'), RehydrationType: 'ENTIRE_PAST_SESSION' },
        },
      },
    ]);
    const started = outputOf(results[0]);
    expect(started.ContactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.ParticipantToken).toBeTypeOf('string');
    expect(outputOf(results[1]).ContactId).toBe(started.ContactId);
    const added = outputOf(results[2]) as {
      ParticipantId: string;
      ParticipantCredentials: { ParticipantToken: string; Expiry: string };
    };
    expect(added.ParticipantCredentials.ParticipantToken).toBeTypeOf('string');
    expect(Date.parse(added.ParticipantCredentials.Expiry)).toBeGreaterThan(emulator.now());
    const state = emulator.getContactState(started.ContactId as string);
    expect(state.Participants.map((participant) => participant.ParticipantRole)).toEqual([
      'CUSTOMER',
      'CUSTOM_BOT',
    ]);
    expect(state.Items.some((item) => item.Content === 'first words')).toBe(true);
    expect(outputOf(results[3]).ContinuedFromContactId).toBe(started.ContactId);
  });

  it('maps Connect errors: missing contact → ResourceNotFoundException, bad input → InvalidParameterException', async () => {
    const [missing, invalid] = await runSdk([
      {
        service: 'connect',
        command: 'CreateParticipantCommand',
        input: {
          InstanceId: 'i',
          ContactId: 'missing',
          ParticipantDetails: { ParticipantRole: 'AGENT', DisplayName: 'A' },
        },
      },
      {
        service: 'connect',
        command: 'StartChatContactCommand',
        input: { InstanceId: 'i', ContactFlowId: 'f', ParticipantDetails: { DisplayName: '' } },
      },
    ]);
    expect(missing).toMatchObject({ ok: false, error: { name: 'ResourceNotFoundException', status: 404 } });
    expect(invalid).toMatchObject({ ok: false, error: { name: 'InvalidParameterException', status: 400 } });
  });
});

describe('@aws-sdk/client-connectparticipant', () => {
  it('CreateParticipantConnection, SendMessage and GetTranscript round-trip', async () => {
    const contact = emulator.createContact();
    const token = from(0, 'ConnectionCredentials.ConnectionToken');
    const [connection, sent, transcript] = await runSdk([
      {
        service: 'participant',
        command: 'CreateParticipantConnectionCommand',
        input: {
          ParticipantToken: contact.ParticipantToken,
          Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
          ConnectParticipant: true,
        },
      },
      {
        service: 'participant',
        command: 'SendMessageCommand',
        input: { ConnectionToken: token, ContentType: 'text/plain', Content: 'hi from the SDK' },
      },
      {
        service: 'participant',
        command: 'GetTranscriptCommand',
        input: {
          ConnectionToken: token,
          MaxResults: 15,
          ScanDirection: 'BACKWARD',
          SortOrder: 'ASCENDING',
          StartPosition: {},
        },
      },
    ]);
    expect((outputOf(connection).Websocket as { Url: string }).Url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const message = outputOf(sent) as { Id: string; $metadata: { requestId: string } };
    expect(message.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const items = outputOf(transcript).Transcript as { Id: string; Content?: string }[];
    expect(items.at(-1)).toMatchObject({ Id: message.Id, Content: 'hi from the SDK' });
    expect(emulator.getContactState(contact.ContactId).Participants[0]?.Connected).toBe(true);
  });

  it('sees injected errors with the right name, message casing, status and location of the type', async () => {
    const contact = emulator.createContact();
    const variants = [
      { status: 429, errorType: 'ThrottlingException', casing: 'Message', typeIn: 'header' },
      { status: 400, errorType: 'ValidationException', casing: 'message', typeIn: 'body__type' },
      { status: 409, errorType: 'ConflictException', casing: 'message', typeIn: 'bodyCode' },
      { status: 503, errorType: 'InternalServerException', casing: 'message', typeIn: 'none' },
    ] as const;
    for (const variant of variants) {
      emulator.addFault({
        match: { operation: 'CreateParticipantConnection' },
        action: { type: 'error', ...variant, message: `injected ${variant.status}` },
        times: 1,
      });
    }
    const connect = {
      service: 'participant',
      command: 'CreateParticipantConnectionCommand',
      input: { ParticipantToken: contact.ParticipantToken, Type: ['WEBSOCKET'] },
    } as const;
    const results = await runSdk([connect, connect, connect, connect, connect]);
    expect(results.slice(0, 4)).toEqual([
      {
        ok: false,
        error: { name: 'ThrottlingException', message: 'injected 429', status: 429, attempts: 1 },
      },
      {
        ok: false,
        error: { name: 'ValidationException', message: 'injected 400', status: 400, attempts: 1 },
      },
      { ok: false, error: { name: 'ConflictException', message: 'injected 409', status: 409, attempts: 1 } },
      { ok: false, error: { name: 'Unknown', message: 'injected 503', status: 503, attempts: 1 } },
    ]);
    expect(results[4]?.ok).toBe(true);
  });

  it('retries a dropped connection with the same ClientToken, storing one message', async () => {
    const contact = emulator.createContact();
    const token = from(0, 'ConnectionCredentials.ConnectionToken');
    emulator.addFault({ match: { operation: 'SendMessage' }, action: { type: 'dropConnection' }, times: 1 });
    const [, sent] = await runSdk([
      {
        service: 'participant',
        command: 'CreateParticipantConnectionCommand',
        input: { ParticipantToken: contact.ParticipantToken, Type: ['CONNECTION_CREDENTIALS'] },
      },
      {
        service: 'participant',
        command: 'SendMessageCommand',
        input: { ConnectionToken: token, ContentType: 'text/plain', Content: 'resilient' },
        maxAttempts: 3,
      },
    ]);
    expect((outputOf(sent).$metadata as { attempts: number }).attempts).toBe(2);
    const statuses = emulator
      .activity()
      .flatMap((entry) => (entry.kind === 'http' && entry.operation === 'SendMessage' ? [entry.status] : []));
    expect(statuses).toEqual([0, 200]);
    expect(
      emulator.getContactState(contact.ContactId).Items.filter((item) => item.Content === 'resilient'),
    ).toHaveLength(1);
  });

  it('fails to deserialize a malformed 200 and an HTML 502', async () => {
    const contact = emulator.createContact();
    emulator.addFault({ action: { type: 'malformed' }, times: 1 });
    emulator.addFault({ action: { type: 'malformed', variant: 'html' }, times: 1 });
    const connect = {
      service: 'participant',
      command: 'CreateParticipantConnectionCommand',
      input: { ParticipantToken: contact.ParticipantToken, Type: ['WEBSOCKET'] },
    } as const;
    const [json, html] = await runSdk([connect, connect]);
    expect(json).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Deserialization|JSON/) },
    });
    expect(html).toMatchObject({ ok: false, error: { status: 502 } });
  });
});
