/** Service-style errors the emulator answers with, and how they are written on the wire (§1.3). */

/** Error names of the Participant Service, with their HTTP status. */
export const serviceErrorStatus = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

/** An error name the Participant Service defines. */
export type ServiceErrorName = keyof typeof serviceErrorStatus;

/** Where the error name goes in an error response (§1.3 lookup order: header, body `code`, body `__type`). */
export type ErrorTypeLocation = 'header' | 'body__type' | 'bodyCode' | 'none';

/** How error responses are shaped; switches let client parsing be tested on every variant. */
export interface ErrorFormat {
  /**
   * The body key of the message.
   * @defaultValue `'message'`
   */
  messageKey: 'message' | 'Message';
  /**
   * Where the error name is written.
   * @defaultValue `'header'`
   */
  typeIn: ErrorTypeLocation;
}

/** The error format the emulator uses unless told otherwise. */
export const defaultErrorFormat: ErrorFormat = { messageKey: 'message', typeIn: 'header' };

/** An error a handler throws to answer with a service error response. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  /** The error name, e.g. `AccessDeniedException`. */
  readonly errorType: string;
  /** The HTTP status. */
  readonly status: number;
  /** Extra body members (e.g. `ResourceId`, `ResourceType`). */
  readonly extra: Readonly<Record<string, string>>;

  constructor(errorType: string, message: string, status?: number, extra: Record<string, string> = {}) {
    super(message);
    this.errorType = errorType;
    this.status = status ?? serviceErrorStatus[errorType as ServiceErrorName] ?? 400;
    this.extra = extra;
  }
}

/** A 400 `ValidationException`. */
export function validationError(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

/** A 403 `AccessDeniedException`. */
export function accessDenied(message: string): ServiceError {
  return new ServiceError('AccessDeniedException', message);
}

/** A 409 `ConflictException`. */
export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}

/** A 404 `ResourceNotFoundException` naming the missing resource. */
export function resourceNotFound(message: string, resourceId: string, resourceType: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', message, 404, {
    ResourceId: resourceId,
    ResourceType: resourceType,
  });
}

/** A serialised error response. */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes an error the way §1.3 describes, honouring the format switches. */
export function formatServiceError(error: ServiceError, format: ErrorFormat): ErrorResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const body: Record<string, string> = { [format.messageKey]: error.message, ...error.extra };
  if (format.typeIn === 'header') headers['x-amzn-ErrorType'] = error.errorType;
  if (format.typeIn === 'body__type') body.__type = error.errorType;
  if (format.typeIn === 'bodyCode') body.code = error.errorType;
  return { status: error.status, headers, body: JSON.stringify(body) };
}
