// Fakes for the attachment-upload tests: a participant API and a transfer whose every call waits until the test
// answers it, so a test decides exactly when each request finishes and can look at the signal each one was given.
import { SimulatedClock } from 'xstate';
import type {
  CompleteAttachmentUploadInput,
  CompleteAttachmentUploadOutput,
  ParticipantApi,
  StartAttachmentUploadInput,
  StartAttachmentUploadOutput,
} from '../protocol/participant-api.types';
import type { AttachmentTransfer, AttachmentUploadRequest } from './attachment-transfer.types';
import type { AttachmentUploadInput } from './attachment-upload.types';

/** One call a fake received and has not answered yet (or has). */
export interface PendingCall<I, O> {
  input: I;
  signal: AbortSignal | undefined;
  onProgress?: ((sentBytes: number, totalBytes: number) => void) | undefined;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/** Records calls and hands each back to the test to answer. */
export class CallLog<I, O> {
  readonly calls: PendingCall<I, O>[] = [];
  private readonly waiters: ((call: PendingCall<I, O>) => void)[] = [];

  /** Records a call and returns the promise the caller waits on. */
  take(
    input: I,
    signal: AbortSignal | undefined,
    onProgress?: (sentBytes: number, totalBytes: number) => void,
  ): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const call: PendingCall<I, O> = { input, signal, onProgress, resolve, reject };
      this.calls.push(call);
      for (const wake of this.waiters.splice(0)) wake(call);
    });
  }

  /** The call number `index` (0-based), once it has arrived. */
  nth(index: number): Promise<PendingCall<I, O>> {
    const arrived = this.calls[index];
    if (arrived) return Promise.resolve(arrived);
    return new Promise((resolve) => {
      const wait = () => {
        const call = this.calls[index];
        if (call) resolve(call);
        else this.waiters.push(wait);
      };
      this.waiters.push(wait);
    });
  }
}

/** A participant API whose two attachment operations are recorded; any other operation fails the test. */
export function fakeParticipantApi() {
  const start = new CallLog<StartAttachmentUploadInput, StartAttachmentUploadOutput>();
  const complete = new CallLog<CompleteAttachmentUploadInput, CompleteAttachmentUploadOutput>();
  const unexpected = () => Promise.reject(new Error('unexpected participant-API call'));
  const api: ParticipantApi = {
    createParticipantConnection: unexpected,
    sendMessage: unexpected,
    sendEvent: unexpected,
    getTranscript: unexpected,
    disconnectParticipant: unexpected,
    startAttachmentUpload: (input, options) => start.take(input, options?.signal),
    completeAttachmentUpload: (input, options) => complete.take(input, options?.signal),
    getAttachment: unexpected,
    describeView: unexpected,
    getAuthenticationUrl: unexpected,
    cancelParticipantAuthentication: unexpected,
  };
  return { api, start, complete };
}

/** A transfer whose uploads are recorded; downloads are not part of the upload machine. */
export function fakeTransfer() {
  const uploads = new CallLog<AttachmentUploadRequest, { status: number }>();
  const transfer: AttachmentTransfer = {
    upload: (request, options) => uploads.take(request, options?.signal, options?.onProgress),
    download: () => Promise.reject(new Error('unexpected download')),
  };
  return { transfer, uploads };
}

/** A StartAttachmentUpload answer; the URL carries a signature a test can look for in snapshots and errors. */
export function startAnswer(
  overrides: { id?: string; expiresAt?: number; headers?: Record<string, string> } = {},
): StartAttachmentUploadOutput {
  return {
    AttachmentId: overrides.id ?? 'att-1',
    UploadMetadata: {
      Url: `https://bucket.example/uploads/att-1?X-Amz-Signature=${urlSignature}`,
      UrlExpiry: new Date(overrides.expiresAt ?? 300_000).toISOString(),
      HeadersToInclude: overrides.headers ?? { 'Content-Type': 'image/png' },
    },
  };
}

/** The secret part of every fake upload URL. */
export const urlSignature = 'sig-0123456789abcdef';

/** The connection token every fake upload uses. */
export const connectionTokenValue = 'connection-token-secret';

/** A complete machine input over the fakes, timed by a `SimulatedClock` (which starts at 0). */
export function uploadHarness(overrides: Partial<AttachmentUploadInput> = {}) {
  const participant = fakeParticipantApi();
  const bytes = fakeTransfer();
  const clock = new SimulatedClock();
  let tokenRequests = 0;
  let clientTokens = 0;
  const input: AttachmentUploadInput = {
    attachment: {
      name: 'photo.png',
      contentType: 'image/png',
      size: 10,
      body: new Uint8Array(10),
    },
    participantApi: participant.api,
    connectionToken: async () => {
      tokenRequests += 1;
      return connectionTokenValue;
    },
    transfer: bytes.transfer,
    now: () => clock.now(),
    createClientToken: () => `client-token-${++clientTokens}`,
    ...overrides,
  };
  return {
    input,
    ...participant,
    ...bytes,
    clock,
    /** How many times the connection token was asked for. */
    tokenRequests: () => tokenRequests,
    /** Every request made so far, of any kind. */
    requestCount: () =>
      participant.start.calls.length + participant.complete.calls.length + bytes.uploads.calls.length,
  };
}
