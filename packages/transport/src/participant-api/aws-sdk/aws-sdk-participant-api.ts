import {
  CancelParticipantAuthenticationCommand,
  CompleteAttachmentUploadCommand,
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
  DescribeViewCommand,
  DisconnectParticipantCommand,
  GetAttachmentCommand,
  GetAuthenticationUrlCommand,
  GetTranscriptCommand,
  SendEventCommand,
  SendMessageCommand,
  StartAttachmentUploadCommand,
} from '@aws-sdk/client-connectparticipant';
import { ChatError, type ParticipantApi } from '@connect-chat/core';
import { abortedFailure, chatErrorFor } from '../failure';
import { type ParticipantApiMethod, participantApiMethods, participantOperations } from '../operations';
import { defaultMaxAttempts, defaultRetryDelay, type RetryDelay } from '../retry-policy';
import { dropNulls } from '../service-error';
import { connectChatVersion } from '../user-agent';
import { chatErrorFromSdk } from './sdk-error';
import { createSdkRetryStrategy } from './sdk-retry-strategy';

/** Options of {@link createAwsSdkParticipantApi}. */
export interface AwsSdkParticipantApiOptions {
  /**
   * The AWS region of the Amazon Connect instance. With only an `endpoint`, it is just the (ignored) signing region.
   *
   * @defaultValue 'us-east-1' when `endpoint` is set
   */
  region?: string | undefined;
  /** Overrides the endpoint, e.g. the local emulator's `http://127.0.0.1:4010`. */
  endpoint?: string | undefined;
  /** Appended to the SDK's user agent after `connect-chat/<version>`. */
  customUserAgent?: string | undefined;
  /**
   * How many HTTP attempts a call makes at most, the first included.
   *
   * @defaultValue 3
   */
  maxAttempts?: number | undefined;
  /**
   * How long to wait before each retry.
   *
   * @defaultValue {@link defaultRetryDelay}
   */
  retryDelay?: RetryDelay | undefined;
  /**
   * The jitter source handed to `retryDelay`.
   *
   * @defaultValue `Math.random`
   */
  random?: (() => number) | undefined;
  /** A client to use instead of building one; every other option is then ignored. */
  client?: ConnectParticipantClient | undefined;
}

/** The participant API's `Command` classes, one per operation, imported one by one so bundlers can tree-shake. */
const commands = {
  createParticipantConnection: CreateParticipantConnectionCommand,
  sendMessage: SendMessageCommand,
  sendEvent: SendEventCommand,
  getTranscript: GetTranscriptCommand,
  disconnectParticipant: DisconnectParticipantCommand,
  startAttachmentUpload: StartAttachmentUploadCommand,
  completeAttachmentUpload: CompleteAttachmentUploadCommand,
  getAttachment: GetAttachmentCommand,
  describeView: DescribeViewCommand,
  getAuthenticationUrl: GetAuthenticationUrlCommand,
  cancelParticipantAuthentication: CancelParticipantAuthenticationCommand,
} as const satisfies Record<ParticipantApiMethod, unknown>;

type AnyCommandConstructor = new (input: never) => unknown;
type SendCommand = (
  command: unknown,
  options: { abortSignal?: AbortSignal },
) => Promise<Record<string, unknown>>;

/** Options of {@link createParticipantClient}: those of {@link AwsSdkParticipantApiOptions} minus `client`. */
export type ParticipantClientOptions = Omit<AwsSdkParticipantApiOptions, 'client'>;

/**
 * Builds the `ConnectParticipantClient` {@link createAwsSdkParticipantApi} uses: static empty credentials (so the
 * default provider chain, IMDS and a developer's real keys are never touched), no FIPS/dual-stack lookups, the
 * connect-chat user agent, and the same retry decisions as the fetch adapter. Useful to add SDK middleware before
 * passing the client back in as `client`.
 */
export function createParticipantClient(options: ParticipantClientOptions): ConnectParticipantClient {
  if (!options.region && !options.endpoint) {
    throw new ChatError('validation', 'unable to create participant client; pass a region or an endpoint');
  }
  const suffix = options.customUserAgent?.trim();
  return new ConnectParticipantClient({
    region: options.region || 'us-east-1',
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    // The service authorizes on X-Amz-Bearer only. Static empty credentials keep the SDK from walking the default
    // provider chain (env, profile, IMDS) and from signing with a developer's real keys.
    credentials: { accessKeyId: '', secretAccessKey: '' },
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    customUserAgent: suffix
      ? [['connect-chat', connectChatVersion], [suffix]]
      : [['connect-chat', connectChatVersion]],
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? defaultMaxAttempts)),
    retryStrategy: createSdkRetryStrategy({
      maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? defaultMaxAttempts)),
      retryDelay: options.retryDelay ?? defaultRetryDelay,
      random: options.random ?? Math.random,
    }),
  });
}

function withoutMetadata(output: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = output;
  return dropNulls(rest) as Record<string, unknown>;
}

// Field names whose values are secrets or carry one: the tokens, and URLs (socket, upload, download,
// authentication) whose query strings are credentials. The Participant Service model marks none of them sensitive,
// so without this a `logger` on the client would write them in clear.
const secretField = /token|url|headerstoinclude/i;

/** A copy of a command's input or output for logging, with every secret field replaced. */
function redactedForLog(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '<nested too deep to log>';
  if (Array.isArray(value)) return value.map((entry) => redactedForLog(entry, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] =
      secretField.test(key) && field !== undefined ? '<redacted>' : redactedForLog(field, depth + 1);
  }
  return copy;
}

interface LoggingContext {
  inputFilterSensitiveLog?: (value: unknown) => unknown;
  outputFilterSensitiveLog?: (value: unknown) => unknown;
}

/**
 * Makes the SDK's logger middleware (which logs each command's input and output through the client's `logger`)
 * see redacted copies. It reads the filters from the handler context after the call, so setting them on the way
 * in is enough, wherever this runs in the stack.
 */
function redactLoggedFields(command: {
  middlewareStack: { add(middleware: unknown, options: Record<string, unknown>): void };
}): void {
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: LoggingContext) => (args: unknown) => {
      const input = context.inputFilterSensitiveLog;
      const output = context.outputFilterSensitiveLog;
      context.inputFilterSensitiveLog = (value) => redactedForLog(input ? input(value) : value);
      context.outputFilterSensitiveLog = (value) => redactedForLog(output ? output(value) : value);
      return next(args);
    },
    { step: 'initialize', name: 'connectChatRedactLoggedFields', priority: 'high' },
  );
}

/**
 * Creates a {@link ParticipantApi} on `@aws-sdk/client-connectparticipant`, for apps that already ship the AWS SDK.
 * Errors, aborts and outputs match {@link createFetchParticipantApi}'s, except that the SDK drops fields its model
 * does not know (e.g. `InitialContactId` inside transcript items).
 *
 * @example
 * ```ts
 * import { createAwsSdkParticipantApi } from '@connect-chat/transport/aws-sdk';
 *
 * const api = createAwsSdkParticipantApi({ region: 'us-west-2' });
 * ```
 */
export function createAwsSdkParticipantApi(options: AwsSdkParticipantApiOptions): ParticipantApi {
  const client = options.client ?? createParticipantClient(options);
  const send = client.send.bind(client) as unknown as SendCommand;

  const api: Record<string, unknown> = {};
  for (const method of participantApiMethods) {
    const operation = participantOperations[method].name;
    const tokenField = participantOperations[method].token;
    const Command = commands[method] as AnyCommandConstructor;
    api[method] = async (
      input: Record<string, unknown>,
      callOptions?: { signal?: AbortSignal | undefined },
    ) => {
      const signal = callOptions?.signal;
      const token = typeof input[tokenField] === 'string' ? (input[tokenField] as string) : '';
      if (signal?.aborted) throw chatErrorFor(operation, abortedFailure, 0, [token]);
      try {
        const command = new Command(input as never);
        redactLoggedFields(command as never);
        const output = await send(command, signal === undefined ? {} : { abortSignal: signal });
        return withoutMetadata(output);
      } catch (error) {
        throw chatErrorFromSdk(error, operation, signal, [token]);
      }
    };
  }
  return api as unknown as ParticipantApi;
}
