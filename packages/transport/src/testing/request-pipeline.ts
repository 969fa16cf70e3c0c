/**
 * One HTTP request through the emulator, as ordered steps: request id + CORS → preflight → route → HTTP faults →
 * body limit → handler → error shaping → log.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { handleDownload, handleUpload } from './attachments';
import { handleAuthorize } from './authentication';
import { connectErrorFormat, connectRoutes, runConnectOperation } from './connect-api';
import type { EmulatorContext } from './context';
import { controlPrefix, runControlRequest } from './control-api';
import type { Emulator } from './emulator.types';
import { type ErrorFormat, formatServiceError, ServiceError, serviceErrorStatus } from './errors';
import { type FaultTable, httpFaultTypes } from './faults';
import type { HttpFaultAction } from './faults.types';
import { corsHeaders, decodePathSegment, normalisePath, readBody, sendJson, sendXmlError } from './http';
import { bearerOf, matchOperation, participantForBearer, runOperation } from './rest/router';
import { parseJsonObject } from './validation';

/** What the pipeline needs from the emulator. */
export interface PipelineDeps {
  context: EmulatorContext;
  faults: FaultTable;
  emulator: Emulator;
}

type Handler = (rawBody: Buffer) => unknown;

interface RoutedRequest {
  operation: string;
  /** The path as logged: no query, no view token. */
  route: string;
  /** Faults never apply to the control API. */
  faultable: boolean;
  participantId?: string | undefined;
  contactId?: string | undefined;
  errorFormat: ErrorFormat;
  /** A JSON handler (returns the 200 body), or a raw one that writes the response itself. */
  json?: Handler;
  raw?: () => Promise<void> | void;
}

function route(
  deps: PipelineDeps,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  query: URLSearchParams,
): RoutedRequest | undefined {
  const { context, emulator } = deps;
  const method = request.method ?? 'GET';
  const errorFormat = context.options.errorFormat;
  if (path.startsWith(controlPrefix)) {
    return {
      operation: 'Control',
      route: path,
      faultable: false,
      errorFormat,
      json: (raw) => runControlRequest(emulator, method, path, query, parseJsonObject(raw)),
    };
  }
  const [, root, rawId] = path.split('/');
  const id = rawId === undefined ? undefined : decodePathSegment(rawId);
  // S3 answers a key it cannot decode with 400 InvalidURI.
  const invalidUri = async () => {
    await readBody(request, 0);
    sendXmlError(response, 400, 'InvalidURI', 'The specified URI could not be parsed.');
  };
  if (method === 'PUT' && root === '__uploads' && rawId) {
    return {
      operation: 'UploadAttachment',
      route: path,
      faultable: true,
      errorFormat,
      raw: id === undefined ? invalidUri : () => handleUpload(context, request, response, id, query),
    };
  }
  if (method === 'GET' && root === '__downloads' && rawId) {
    return {
      operation: 'DownloadAttachment',
      route: path,
      faultable: true,
      errorFormat,
      raw: id === undefined ? invalidUri : () => handleDownload(context, response, id, query),
    };
  }
  if (method === 'GET' && path === '/__auth/authorize') {
    return {
      operation: 'Authorize',
      route: path,
      faultable: false,
      errorFormat,
      raw: () => handleAuthorize(context, response, query),
    };
  }
  const connectRoute = connectRoutes.find(
    (candidate) => candidate.method === method && candidate.path === path,
  );
  if (connectRoute) {
    return {
      operation: connectRoute.operation,
      route: path,
      faultable: true,
      errorFormat: connectErrorFormat,
      json: (raw) => runConnectOperation(context, connectRoute, parseJsonObject(raw)),
    };
  }
  const matched = matchOperation(method, path);
  if (!matched) return undefined;
  const token = bearerOf(request);
  const participant = participantForBearer(context, matched.operation.bearer, token);
  return {
    operation: matched.operation.name,
    route: matched.operation.label ? `${matched.operation.path}{${matched.operation.label}}` : path,
    faultable: true,
    participantId: participant?.participantId,
    contactId: participant?.contactId,
    errorFormat,
    json: (raw) => runOperation(context, matched.operation, matched.pathParams, token, raw),
  };
}

function sendError(response: ServerResponse, error: ServiceError, format: ErrorFormat): void {
  const formatted = formatServiceError(error, format);
  response.writeHead(formatted.status, {
    ...formatted.headers,
    'content-length': String(Buffer.byteLength(formatted.body)),
  });
  response.end(formatted.body);
}

/** The service error name that goes with a status, for injected errors that name none. */
export function errorNameForStatus(status: number): string {
  if (status >= 500) return 'InternalServerException';
  const known = Object.entries(serviceErrorStatus).find(([, value]) => value === status);
  return known ? known[0] : 'ValidationException';
}

/** Applies an HTTP fault that answers instead of the handler; returns whether it did. */
function answerWithFault(
  request: IncomingMessage,
  response: ServerResponse,
  action: HttpFaultAction,
  format: ErrorFormat,
): boolean {
  switch (action.type) {
    case 'error': {
      const status = action.status ?? 500;
      const error = new ServiceError(
        action.errorType ?? errorNameForStatus(status),
        action.message ?? 'injected fault',
        status,
      );
      sendError(response, error, {
        messageKey: action.casing ?? format.messageKey,
        typeIn: action.typeIn ?? format.typeIn,
      });
      return true;
    }
    case 'dropConnection':
      request.socket.destroy();
      return true;
    case 'malformed':
      if (action.variant === 'html') {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('this is not json {');
      }
      return true;
    default:
      return false;
  }
}

/** Handles one HTTP request end to end. Never throws for a bad request; unexpected failures become a JSON 500. */
export async function handleRequest(
  deps: PipelineDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { context, faults } = deps;
  const requestId = randomUUID();
  response.setHeader('x-amzn-RequestId', requestId);
  const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
  const cors = corsHeaders(origin, Object.keys(context.options.attachments.extraUploadHeaders));
  for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const path = normalisePath(url.pathname);
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') {
    response.writeHead(204, { 'content-length': '0' });
    response.end();
    return;
  }
  const routed = route(deps, request, response, path, url.searchParams);
  let faultName: string | undefined;
  let dropResponse = false;
  response.on('close', () => {
    context.log.add({
      kind: 'http',
      at: context.now(),
      requestId,
      method,
      route: routed?.route ?? path,
      operation: routed?.operation ?? 'Unknown',
      status: response.headersSent ? response.statusCode : 0,
      participantId: routed?.participantId,
      contactId: routed?.contactId,
      fault: faultName,
    });
  });
  if (!routed) {
    await readBody(request, context.options.maxBodyBytes);
    sendError(
      response,
      new ServiceError('UnknownOperationException', `unable to route ${method} ${path}`, 404),
      context.options.errorFormat,
    );
    return;
  }
  if (routed.faultable) {
    const subject = {
      operation: routed.operation,
      route: path,
      participantId: routed.participantId,
      contactId: routed.contactId,
    };
    const types = [...httpFaultTypes] as HttpFaultAction['type'][];
    for (let fired = faults.take(types, subject); fired; fired = faults.take(types, subject)) {
      faultName = fired.action.type;
      types.splice(types.indexOf(fired.action.type), 1);
      if (fired.action.type === 'delay') {
        const ms = fired.action.ms;
        await new Promise<void>((resolve) => context.schedule(ms, resolve));
      } else if (fired.action.type === 'dropResponse') {
        dropResponse = true;
      } else if (fired.action.type === 'skewDate') {
        response.setHeader('date', new Date(Date.now() + fired.action.seconds * 1000).toUTCString());
      } else if (answerWithFault(request, response, fired.action, routed.errorFormat)) {
        return;
      }
    }
  }
  if (routed.raw) {
    await routed.raw();
    return;
  }
  const body = await readBody(request, context.options.maxBodyBytes);
  if (body.aborted) return;
  try {
    if (body.tooLarge) {
      throw new ServiceError(
        'ValidationException',
        `request body exceeds ${context.options.maxBodyBytes} bytes`,
        413,
      );
    }
    const answer = routed.json?.(body.bytes) ?? {};
    if (dropResponse) request.socket.destroy();
    else sendJson(response, answer);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (dropResponse) request.socket.destroy();
    else sendError(response, error, routed.errorFormat);
  }
}

/**
 * Answers a request Node could not parse (bad request line, bad header, bad chunked body, headers too large): Node
 * writes nothing once a `clientError` listener exists, so without this the client would just see the connection
 * drop. 431 for oversized headers, 400 for the rest, a JSON body either way.
 */
export function answerMalformedRequest(
  error: Error & { code?: string },
  socket: Duplex,
  log?: (line: string) => void,
): void {
  log?.(`[connect-chat-emulator] malformed request: ${error.code ?? error.message}`);
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    message: tooLarge ? 'the request headers are too large' : 'the request is not valid HTTP',
  });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The last line of defence: a JSON 500 for anything unexpected (or a reset if the answer already started). */
export function answerUnexpectedFailure(
  response: ServerResponse,
  error: unknown,
  log?: (line: string) => void,
): void {
  log?.(`[connect-chat-emulator] internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(
    response,
    new ServiceError('InternalServerException', 'the emulator failed to handle the request', 500),
    {
      messageKey: 'message',
      typeIn: 'header',
    },
  );
}
