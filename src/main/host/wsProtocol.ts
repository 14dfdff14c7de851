import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const CallIdSchema = z.number().int().nonnegative();

/**
 * A request from the renderer over the Node host's WebSocket. `payload` may be absent: JSON drops
 * an `undefined` request, and the dispatcher reads a missing one as `{}`, as over Electron's IPC.
 */
export const WsCallSchema = z.object({
  type: z.literal('call'),
  id: CallIdSchema,
  channel: z.string().max(100),
  payload: z.unknown().optional(),
});

/**
 * The id of a message that may not be a valid call, so that even a refusal reaches the caller
 * waiting for it; null when there is no usable id to answer.
 */
export function callIdOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const id = CallIdSchema.safeParse(message.id);
  return id.success ? id.data : null;
}

/**
 * Decides whether a WebSocket upgrade may proceed: the Origin header must be the host's own page
 * and the token must be the one minted at this start. Anything else is refused before upgrade,
 * so another site open in the same browser cannot reach main's services.
 */
export function checkUpgrade(
  request: { url?: string | undefined; headers: { origin?: string | undefined } },
  expected: { origin: string; token: string; path: string },
): { ok: true } | { ok: false; status: number; reason: string } {
  const url = new URL(request.url ?? '/', expected.origin);
  if (url.pathname !== expected.path) return { ok: false, status: 404, reason: 'Not found' };
  if (request.headers.origin !== expected.origin) return { ok: false, status: 403, reason: 'Origin not allowed' };
  const token = url.searchParams.get('token') ?? '';
  if (!tokensEqual(token, expected.token)) return { ok: false, status: 401, reason: 'Bad token' };
  return { ok: true };
}

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
