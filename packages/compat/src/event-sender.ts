/**
 * `sendEvent`'s requests (typing, receipts, acknowledgements), sent at once and beside anything else the session
 * is sending, as ChatJS sends them: an event never waits behind a slow message in core's ordered outbox.
 *
 * Input the service would refuse is refused here instead, with the shape of the service's answer (a
 * `ValidationException` with status 400) and nothing on the wire. Typing events keep ChatJS's throttle: one request
 * per 10 s per region (ChatJS keeps it on the region's cached HTTP client, so every session of a region shares it),
 * and calls inside the window get the response of the call that opened it.
 */
import { ChatError, ChatErrorCode, sendableEventContentTypes } from '@connect-chat/core';
import { toServiceError } from './legacy-errors';
import type { RecordedCall } from './response-recorder';

/** What SendEvent resolves in ChatJS before the call's `metadata` is written on it. */
export interface EventResponse {
  data: { AbsoluteTime?: unknown; Id?: unknown; $metadata: unknown };
}

/** Calls the participant API with the session's current connection token. */
export type ServiceCall = (
  method: 'sendEvent',
  input: Record<string, unknown>,
) => Promise<{ output: Record<string, unknown>; call: RecordedCall | undefined }>;

/** The typing throttle of one `connect.ChatSession` object: the window each region opened last. */
export type TypingWindows = Map<string, { openedAt: number; response: Promise<EventResponse> }>;

/** ChatJS sends at most one typing event per 10 s (leading edge). */
export const legacyTypingThrottleMs = 10_000;

const maxEventContentLength = 16_384;
const maxClientTokenLength = 500;
const typingContentType = 'application/vnd.amazonaws.connect.event.typing';
const emptyMetadata = { attempts: 0, totalRetryDelay: 0 };

function refused(problem: string): ChatError {
  return new ChatError(ChatErrorCode.validation, `unable to send event; ${problem}`);
}

/** What the service would refuse in a SendEvent, or `undefined` when it may go out. */
function refusal(contentType: string, content: unknown, clientToken: unknown): ChatError | undefined {
  if (!sendableEventContentTypes.includes(contentType))
    return refused(`contentType "${contentType}" is not one of ${sendableEventContentTypes.join(', ')}`);
  if (content !== null && content !== undefined) {
    if (typeof content !== 'string') return refused(`content must be a string, got ${typeof content}`);
    if (content.length > maxEventContentLength)
      return refused(`content is ${content.length} characters long; the limit is ${maxEventContentLength}`);
  }
  if (
    clientToken !== undefined &&
    (typeof clientToken !== 'string' || clientToken.length > maxClientTokenLength)
  )
    return refused(`clientToken must be a string of 1 to ${maxClientTokenLength} characters`);
  return undefined;
}

/** Sends events for one session. */
export interface EventSender {
  /**
   * Sends one event now; resolves `{ data }`, rejects ChatJS's error object (both before `metadata`). Content that
   * is `null` is left out of the request, as the SDK leaves it out.
   */
  send(contentType: string, content: unknown, clientToken: string | undefined): Promise<EventResponse>;
  /** A typing event through the shared throttle. */
  sendTyping(content: unknown, clientToken: string | undefined): Promise<EventResponse>;
}

/** Creates the event sender of one session. */
export function createEventSender(options: {
  call: ServiceCall;
  region: string;
  typingWindows: TypingWindows;
  now: () => number;
}): EventSender {
  const send: EventSender['send'] = (contentType, content, clientToken) => {
    const problem = refusal(contentType, content, clientToken);
    if (problem) return Promise.reject(toServiceError(problem, undefined));
    return options
      .call('sendEvent', {
        ContentType: contentType,
        ...(content !== null && content !== undefined ? { Content: content } : {}),
        ...(clientToken !== undefined ? { ClientToken: clientToken } : {}),
      })
      .then(
        ({ output, call }): EventResponse => ({
          data: {
            AbsoluteTime: output.AbsoluteTime,
            Id: output.Id,
            $metadata: call?.$metadata ?? emptyMetadata,
          },
        }),
        (error: unknown) => {
          throw typeof error === 'string' ? error : toServiceError(error, undefined);
        },
      );
  };
  return {
    send,
    sendTyping(content, clientToken) {
      const at = options.now();
      const last = options.typingWindows.get(options.region);
      if (last && at - last.openedAt < legacyTypingThrottleMs && at >= last.openedAt) return last.response;
      const response = send(typingContentType, content, clientToken);
      // The window's response is handed to every call inside it; a failure is theirs to see, not unhandled here.
      response.catch(() => undefined);
      options.typingWindows.set(options.region, { openedAt: at, response });
      return response;
    },
  };
}
