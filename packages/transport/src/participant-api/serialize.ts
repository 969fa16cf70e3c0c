import type { OperationSpec } from './operations';
import { encodePathLabel } from './operations';
import type { ParticipantRequest } from './pipeline';

/** The input of any operation, seen as a record of service fields. */
export type OperationInput = Readonly<Record<string, unknown>>;

/**
 * Serializes one operation's input (wire-protocol §1.4/§1.5): fills path labels, writes the body fields in table
 * order (the bearer token never goes in the body), and generates `ClientToken` when the operation wants one and the
 * caller gave none. Runs once per call, so every retry sends the same bytes.
 */
export function serializeRequest(
  spec: OperationSpec,
  input: OperationInput,
  generateClientToken: () => string,
): ParticipantRequest {
  const path = spec.path.replace(/\{(\w+)\}/g, (_, label: string) => {
    const value = input[label];
    return encodePathLabel(value === undefined ? '' : String(value));
  });
  if (spec.method === 'GET') return { method: 'GET', path, headers: {}, body: undefined };

  const body: Record<string, unknown> = {};
  for (const field of spec.bodyFields) {
    const value = input[field];
    if (value !== undefined) body[field] = value;
  }
  if (spec.autoClientToken && body.ClientToken === undefined) body.ClientToken = generateClientToken();
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
