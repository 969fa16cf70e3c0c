/**
 * Where the participant-API adapters report what they do. `console` fits. Entries carry the operation, attempt,
 * HTTP status and request id; never a token, a request body or a socket URL.
 */
export interface ParticipantApiLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}
