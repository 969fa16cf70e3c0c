/**
 * How ChatJS hands a result to the caller (legacy-chatjs §5.3): it writes the call's `metadata` onto whatever the
 * request resolved or rejected with, and returns that same object. Where several calls share one request (the
 * typing throttle, receipts sent for several calls at once), they share one object, and the `metadata` on it is
 * that of the call that settled last, exactly as in ChatJS. A result that cannot hold a property (no result at all,
 * or a string) turns into the `TypeError` ChatJS's wrapper throws, with the `metadata` written on that.
 */
import { propertyWriteRefused } from './legacy-errors';

/** Writes `metadata` onto `value` and returns it; throws ChatJS's `TypeError` when `value` cannot hold it. */
export function withMetadata<T>(value: T, metadata: unknown): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function'))
    throw propertyWriteRefused(value, 'metadata');
  (value as { metadata?: unknown }).metadata = metadata;
  return value;
}

/** Settles like ChatJS's `request.then(success).catch(failure)`: `metadata` on the result, or on the failure. */
export function settledWithMetadata<T>(request: Promise<T>, metadata: unknown): Promise<T> {
  return request
    .then((value) => withMetadata(value, metadata))
    .catch((error: unknown) => {
      throw withMetadata(error, metadata);
    });
}
