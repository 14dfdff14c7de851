/** The `reason` (or `error`) CouchDB puts in an error body, if the body is CouchDB's JSON. */
export function couchReason(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const { reason, error } = parsed as { reason?: unknown; error?: unknown };
      if (typeof reason === 'string' && reason) return reason;
      if (typeof error === 'string' && error) return error;
    }
  } catch {
    // Not JSON (a proxy's HTML page, for example): fall through to the trimmed text.
  }
  const trimmed = body.trim().slice(0, 200);
  return trimmed || null;
}

/** The message shown when the server refuses the credentials, with the server's own reason. */
export function authRefusedMessage(status: number, reason: string | null): string {
  if (reason && /locked/i.test(reason)) {
    return `The sync server has locked this workstation's account for a few minutes after failed sign-ins (${status}: ${reason}). Wait, then ask your manager to check the password in Settings.`;
  }
  return `The server refused this workstation's password (${status}${reason ? `: ${reason}` : ''}). Ask your manager to re-enter it in Settings.`;
}

/** CouchDB's 403 reasons that are about the account, not about one document. */
const ACCOUNT_403 = /not allowed to access|locked|authenticat|password|credential|session/i;

/**
 * Whether a 401/403 means the credentials are not accepted. A 403 on a write whose reason is not
 * about the account is a `validate_doc_update` rejection of that one document: RxDB handles it,
 * and pausing all sync for it would stop the clinic for no reason.
 */
export function isAuthRefusal(status: number, method: string, reason: string | null): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  const isWrite = method === 'PUT' || method === 'POST' || method === 'DELETE';
  return !isWrite || reason === null || ACCOUNT_403.test(reason);
}

/** `1500` → `2 s`, `20` → `20 ms`: for messages about timeouts. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** A person-readable reason a request never got an answer, e.g. `the connection was refused (ECONNREFUSED)`. */
export function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  const source = cause instanceof Error ? cause : err instanceof Error ? err : null;
  const rawCode: unknown = source ? (source as Error & { code?: unknown }).code : undefined;
  const code = typeof rawCode === 'string' ? rawCode : null;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the server name was not found',
    EAI_AGAIN: 'the server name could not be looked up',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_SOCKET: 'the connection closed unexpectedly',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  };
  if (code && known[code]) return `${known[code]} (${code})`;
  if (source?.message) return source.message;
  return String(err);
}
