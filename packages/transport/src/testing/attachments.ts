/** Local "presigned" upload and download URLs and their routes (§5.6). */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import { readBody, sendXmlError } from './http';
import type { AttachmentRecord, ContactRecord } from './state.types';

/** Finds an attachment on any contact. */
export function findAttachment(
  context: EmulatorContext,
  attachmentId: string,
): { attachment: AttachmentRecord; contact: ContactRecord } | undefined {
  for (const contact of context.store.contacts.values()) {
    const attachment = contact.attachments.get(attachmentId);
    if (attachment) return { attachment, contact };
  }
  return undefined;
}

function signedHeaderParts(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers)
    .map(([name, value]) => `${name.toLowerCase()}=${value}`)
    .sort();
}

/** The upload URL for an attachment, signed over method, id, expiry and every required header. */
export function uploadUrl(context: EmulatorContext, attachment: AttachmentRecord, expiresAt: number): string {
  const parts = [
    'PUT',
    attachment.attachmentId,
    String(expiresAt),
    ...signedHeaderParts(attachment.uploadHeaders),
  ];
  const query = new URLSearchParams({
    'X-Emu-Expires': String(expiresAt),
    'X-Emu-Signature': context.signer.sign(parts),
  });
  return `${context.httpBase()}/__uploads/${encodeURIComponent(attachment.attachmentId)}?${query}`;
}

/** The download URL for an attachment. */
export function downloadUrl(
  context: EmulatorContext,
  attachment: AttachmentRecord,
  expiresAt: number,
): string {
  const signature = context.signer.sign(['GET', attachment.attachmentId, String(expiresAt)]);
  const query = new URLSearchParams({ expires: String(expiresAt), sig: signature });
  return `${context.httpBase()}/__downloads/${encodeURIComponent(attachment.attachmentId)}?${query}`;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `PUT /__uploads/<id>`: checks expiry, signature and exact size, stores the bytes, answers with an ETag. */
export async function handleUpload(
  context: EmulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  attachmentId: string,
  query: URLSearchParams,
): Promise<void> {
  const found = findAttachment(context, attachmentId);
  const expires = query.get('X-Emu-Expires') ?? '';
  const signature = query.get('X-Emu-Signature') ?? '';
  const body = await readBody(request, found?.attachment.size ?? 0);
  if (body.aborted) return;
  if (!found) {
    sendSignatureMismatch(response);
    return;
  }
  const { attachment } = found;
  if (!(Number(expires) > context.now())) {
    sendXmlError(response, 403, 'AccessDenied', 'Request has expired');
    return;
  }
  const sentHeaders: Record<string, string> = {};
  for (const name of Object.keys(attachment.uploadHeaders))
    sentHeaders[name] = headerValue(request, name) ?? '';
  const parts = ['PUT', attachmentId, expires, ...signedHeaderParts(sentHeaders)];
  if (!context.signer.verify(parts, signature)) {
    sendSignatureMismatch(response);
    return;
  }
  if (attachment.status === 'COMPLETING' || attachment.status === 'COMPLETED') {
    sendXmlError(response, 403, 'AccessDenied', 'The upload was already completed');
    return;
  }
  if (body.tooLarge) {
    sendXmlError(response, 400, 'EntityTooLarge', 'Your proposed upload exceeds the declared size');
    return;
  }
  if (body.bytes.length !== attachment.size) {
    sendXmlError(response, 400, 'IncompleteBody', 'You did not provide the number of bytes declared');
    return;
  }
  attachment.bytes = body.bytes;
  attachment.etag = `"${createHash('md5').update(body.bytes).digest('hex')}"`;
  attachment.status = 'UPLOADED';
  response.writeHead(200, { etag: attachment.etag, 'content-length': '0' });
  response.end();
}

/** `GET /__downloads/<id>`: checks expiry and signature, then sends the stored bytes. */
export function handleDownload(
  context: EmulatorContext,
  response: ServerResponse,
  attachmentId: string,
  query: URLSearchParams,
): void {
  const expires = query.get('expires') ?? '';
  if (!(Number(expires) > context.now())) {
    sendXmlError(response, 403, 'AccessDenied', 'Request has expired');
    return;
  }
  if (!context.signer.verify(['GET', attachmentId, expires], query.get('sig') ?? '')) {
    sendSignatureMismatch(response);
    return;
  }
  const bytes = findAttachment(context, attachmentId)?.attachment;
  if (!bytes?.bytes) {
    sendXmlError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
    return;
  }
  response.writeHead(200, {
    'content-type': bytes.contentType,
    'content-length': String(bytes.bytes.length),
    'content-disposition': `attachment; filename="${encodeURIComponent(bytes.name)}"`,
    ...(bytes.etag ? { etag: bytes.etag } : {}),
  });
  response.end(bytes.bytes);
}

/** S3's answer when the URL's signature, or a signed header, does not match. */
function sendSignatureMismatch(response: ServerResponse): void {
  sendXmlError(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match');
}
