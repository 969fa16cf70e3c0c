// A customer connected to a real emulator, ready to upload attachments through core's machine: the fetch
// participant-API adapter for the two REST calls and whichever transfer the test gives for the bytes.
import type {
  AttachmentTransfer,
  AttachmentUploadInput,
  ParticipantApi,
  UploadableAttachment,
} from '@connect-chat/core';
import { createFetchParticipantApi } from '../../src/participant-api';
import {
  type Emulator,
  type EmulatorOptions,
  type EmulatorScheduler,
  type HttpLogEntry,
  startEmulator,
} from '../../src/testing';

/** A started emulator with one connected customer. Dispose it to close the emulator. */
export interface AttachmentFixture extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly participantApi: ParticipantApi;
  readonly connectionToken: string;
  readonly contactId: string;
  /** A complete upload input for `attachment` over `transfer`, on the emulator's clock. */
  input(attachment: UploadableAttachment, transfer: AttachmentTransfer): AttachmentUploadInput;
  /** The HTTP log entries of one operation (e.g. `UploadAttachment`, `CompleteAttachmentUpload`). */
  requests(operation: string): HttpLogEntry[];
}

/** Starts an emulator, creates a chat and connects its customer (CONNECTION_CREDENTIALS only: no socket needed). */
export async function attachmentFixture(options: EmulatorOptions = {}): Promise<AttachmentFixture> {
  const emulator = await startEmulator(options);
  try {
    // Retries of the REST calls happen at once: their delay policy has its own tests.
    const participantApi = createFetchParticipantApi({
      endpoint: emulator.endpoint,
      retryDelay: () => 0,
      sleep: async () => {},
    });
    const contact = emulator.createContact({ DisplayName: 'Ada' });
    const connection = await participantApi.createParticipantConnection({
      ParticipantToken: contact.ParticipantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    });
    const connectionToken = connection.ConnectionCredentials?.ConnectionToken;
    if (!connectionToken) throw new Error('the emulator gave no connection token');
    return {
      emulator,
      participantApi,
      connectionToken,
      contactId: contact.ContactId,
      input: (attachment, transfer) => ({
        attachment,
        participantApi,
        connectionToken: async () => connectionToken,
        transfer,
        now: () => emulator.now(),
      }),
      requests: (operation) =>
        emulator
          .activity()
          .filter((entry): entry is HttpLogEntry => entry.kind === 'http' && entry.operation === operation),
      [Symbol.asyncDispose]: () => emulator.close(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/**
 * An emulator scheduler that parks the callback of one particular delay (the `delay` fault of a test) until the test
 * releases it, and leaves every other timer of the emulator alone. `arrived` resolves once the delay was asked for,
 * i.e. once the delayed request reached the emulator.
 */
export function holdingScheduler(heldMs: number) {
  const parked: (() => void)[] = [];
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const scheduler: EmulatorScheduler = {
    setTimeout: (callback, ms) => {
      if (ms !== heldMs) return setTimeout(callback, ms);
      parked.push(callback);
      arrive();
      return undefined;
    },
    clearTimeout: (handle) => {
      if (handle !== undefined) clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
  return {
    scheduler,
    arrived,
    /** Lets the parked request go on. */
    release: () => {
      for (const callback of parked.splice(0)) callback();
    },
  };
}
