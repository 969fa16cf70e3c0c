// The two participant-API adapters under contract, built the same way for the emulator.
import type { ParticipantApi } from '@connect-chat/core';
import { createAwsSdkParticipantApi, createParticipantClient } from '../../src/aws-sdk';
import { createFetchParticipantApi, type FetchLike } from '../../src/participant-api';

/** Per-test knobs an adapter honours. */
export interface AdapterOptions {
  /** @defaultValue 3 */
  maxAttempts?: number;
  /** Receives the body of every HTTP attempt as it leaves the adapter (retries included). */
  onRequestBody?: (body: string) => void;
}

/** A named way of building a `ParticipantApi` against an endpoint. */
export interface ContractAdapter {
  readonly name: string;
  create(endpoint: string, options?: AdapterOptions): ParticipantApi;
}

// Retries happen without waiting: the delay policy has its own unit tests, the contract is about what is retried.
const noDelay = (): number => 0;

function recordingFetch(onRequestBody: (body: string) => void): FetchLike {
  return (url, init) => {
    onRequestBody(init.body ?? '');
    return fetch(url, init);
  };
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error(`unexpected SDK request body: ${Object.prototype.toString.call(body)}`);
}

/** Both adapters, for `describe.each`. */
export const contractAdapters: readonly ContractAdapter[] = [
  {
    name: 'fetch',
    create: (endpoint, options = {}) =>
      createFetchParticipantApi({
        endpoint,
        maxAttempts: options.maxAttempts,
        retryDelay: noDelay,
        sleep: async () => {},
        fetch: options.onRequestBody === undefined ? undefined : recordingFetch(options.onRequestBody),
      }),
  },
  {
    name: 'aws-sdk',
    create: (endpoint, options = {}) => {
      const clientOptions = {
        endpoint,
        region: 'us-west-2',
        maxAttempts: options.maxAttempts,
        retryDelay: noDelay,
      };
      const { onRequestBody } = options;
      if (onRequestBody === undefined) return createAwsSdkParticipantApi(clientOptions);
      const client = createParticipantClient(clientOptions);
      // The deserialize step runs once per attempt, inside the retry middleware.
      client.middlewareStack.add(
        (next) => async (args) => {
          const body = (args.request as { body?: unknown }).body;
          onRequestBody(bodyText(body));
          return next(args);
        },
        { step: 'deserialize', name: 'contractRecordRequestBody' },
      );
      return createAwsSdkParticipantApi({ client });
    },
  },
];
