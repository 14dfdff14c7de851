import { z } from 'zod';

/**
 * Error codes that cross the process boundary. Error objects do not survive IPC, so every failure
 * becomes a code the renderer can act on and a message a person can read.
 */
export const ErrorCodeSchema = z.enum([
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INVALID_REQUEST',
  'INVALID_RESPONSE',
  'NOT_CONFIGURED',
  'ORIGIN_REFUSED',
  'NETWORK',
  'AUTH',
  'FORBIDDEN',
  'RATE_LIMITED',
  'NOT_FOUND',
  'CONFLICT',
  'PRINTER',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const IpcErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorSchema }),
]);

/** An error a service throws on purpose: its code and message reach the renderer unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
