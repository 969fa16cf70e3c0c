/**
 * `POST /api/start-chat`: the chat-start backend a customer's site runs (in production it calls StartChatContact
 * with AWS credentials the browser must never hold). It checks the request, calls `startChat`, and returns only
 * the three fields the page needs. Errors never echo what `startChat` threw, which could quote a token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StartChatRequest, StartChatResponse } from '../examples-server';
import { sendJson } from './routes';

/** The largest request body read. */
export const maxStartChatBodyBytes = 16 * 1024;
/** The longest display name accepted (StartChatContact's limit). */
export const maxDisplayNameLength = 256;
/** The name given when a page posts no body (ChatJS's README sample). */
export const defaultDisplayName = 'Customer';

/** How one request is answered. */
export interface StartChatRouteOptions {
  startChat(request: StartChatRequest): Promise<StartChatResponse>;
  /** Accept an empty body, with {@link defaultDisplayName}. */
  allowEmptyBody: boolean;
  policy: string;
}

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is drained rather than abandoned: leaving the loop early would destroy the socket before the
  // 413 could be sent.
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxStartChatBodyBytes) chunks.push(buffer);
  }
  if (size > maxStartChatBodyBytes) throw new RequestProblem(413, 'the request body is too large');
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and checks a start-chat body. Throws a {@link RequestProblem} with a 400 when it is not acceptable. */
function parseRequest(body: string, allowEmptyBody: boolean): StartChatRequest {
  if (body.trim() === '') {
    if (allowEmptyBody) return { displayName: defaultDisplayName };
    throw new RequestProblem(400, 'the request body must be JSON: { "displayName": string }');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RequestProblem(400, 'the request body is not valid JSON');
  }
  const displayName = (parsed as { displayName?: unknown } | null)?.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw new RequestProblem(400, 'displayName must be a non-empty string');
  }
  if (displayName.length > maxDisplayNameLength) {
    throw new RequestProblem(400, `displayName must be at most ${maxDisplayNameLength} characters`);
  }
  return { displayName: displayName.trim() };
}

function isStartChatResponse(value: unknown): value is StartChatResponse {
  const fields = value as Partial<Record<keyof StartChatResponse, unknown>> | null;
  return (
    typeof fields?.ContactId === 'string' &&
    typeof fields.ParticipantId === 'string' &&
    typeof fields.ParticipantToken === 'string'
  );
}

/** Answers one start-chat request. Always settles; failures become JSON errors. */
export async function answerStartChat(
  request: IncomingMessage,
  response: ServerResponse,
  options: StartChatRouteOptions,
): Promise<void> {
  try {
    if (request.method !== 'POST') {
      request.resume();
      throw new RequestProblem(405, 'use POST');
    }
    const input = parseRequest(await readBody(request), options.allowEmptyBody);
    let started: unknown;
    try {
      started = await options.startChat(input);
    } catch {
      throw new RequestProblem(502, 'unable to start chat; the chat-start backend failed');
    }
    if (!isStartChatResponse(started)) {
      throw new RequestProblem(502, 'unable to start chat; the chat-start backend returned no chat details');
    }
    const { ContactId, ParticipantId, ParticipantToken } = started;
    sendJson(response, 200, { ContactId, ParticipantId, ParticipantToken }, options.policy);
  } catch (error) {
    const problem =
      error instanceof RequestProblem
        ? error
        : new RequestProblem(500, 'unable to start chat; unexpected error');
    if (problem.status === 405) response.setHeader('allow', 'POST');
    if (!response.headersSent)
      sendJson(response, problem.status, { message: problem.message }, options.policy);
    else response.destroy();
  }
}
