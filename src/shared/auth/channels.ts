import { z } from 'zod';
import type { ChannelMap } from '../ipc/channelMap';
import { PermissionSchema, RoleSchema } from './permissions';

const Empty = z.object({}).strict();

export const SecretKindSchema = z.enum(['password', 'pin']);
export type SecretKind = z.infer<typeof SecretKindSchema>;

/** Passwords: at least 10 characters. PINs: 4 to 8 digits. */
export const NewSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), secret: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters') }),
  z.object({ kind: z.literal('pin'), secret: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits') }),
]);

export const VerifySecretRequestSchema = z.object({
  staffId: z.string().min(1).max(64),
  /** The name as typed: attempts are limited per name, known or not. */
  username: z.string().trim().toLowerCase().min(1).max(100),
  kind: SecretKindSchema,
  secret: z.string().min(1).max(200),
  /** The stored hash from the staff record; `null` when no such person or no PIN is set. */
  hash: z.string().max(400).nullable(),
  roles: z.array(RoleSchema).max(4),
  /**
   * `approve`: a manager approving one action at someone else's desk. It is checked and limited
   * like a sign-in, but does not change who is signed in.
   */
  purpose: z.enum(['sign-in', 'unlock', 'approve']).default('sign-in'),
  /** With `approve`: the one action approved; main allows it once for the person signed in. */
  permission: PermissionSchema.optional(),
});

export const VerifySecretResponseSchema = z.object({
  ok: z.boolean(),
  /** When refused because of earlier failures: how long until the next try is allowed. */
  retryAfterMs: z.number().int().min(0),
  message: z.string(),
});
export type VerifySecretResponse = z.infer<typeof VerifySecretResponseSchema>;

/** Signing in: secrets are hashed and checked in main, never stored in clear. */
export const authChannels = {
  /** Hashes a new password or PIN with a slow salted KDF; the clear secret is never stored. */
  'auth:hashSecret': { request: NewSecretSchema, response: z.object({ hash: z.string() }) },
  /**
   * Checks a password or PIN against its stored hash, with growing delays after failures. A PIN
   * only works for someone who signed in with their password on this workstation today. On
   * success main remembers who is signed in, for the permissions of its own services.
   */
  'auth:verify': { request: VerifySecretRequestSchema, response: VerifySecretResponseSchema },
  /** Forgets who was signed in (sign-out or switch user). */
  'auth:signOut': { request: Empty, response: Empty },
} as const satisfies ChannelMap;
