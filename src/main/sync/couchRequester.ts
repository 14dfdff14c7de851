/** The one method of nano's server scope that setup needs (so tests can pass a fake). */
export type CouchRequester = {
  request(opts: {
    db?: string;
    path?: string;
    doc?: string;
    method?: string;
    body?: unknown;
    qs?: Record<string, string>;
  }): Promise<unknown>;
};

/**
 * A refusal of setup itself, worded for the person running it (a workstation name that is a server
 * admin, a user record setup must not touch). The command prints its message as it is.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

/** The HTTP status of a failed CouchDB request, as nano reports it. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Creates a database unless it exists; true when it was created. */
export async function ensureDatabase(server: CouchRequester, db: string): Promise<boolean> {
  try {
    await server.request({ db, method: 'PUT' });
    return true;
  } catch (err) {
    if (statusOf(err) !== 412) throw err;
    return false;
  }
}

/** A document, or null when the server has none under that id. */
export async function getDocOrNull(server: CouchRequester, db: string, doc: string): Promise<Record<string, unknown> | null> {
  try {
    const found = await server.request({ db, doc });
    return found !== null && typeof found === 'object' ? (found as Record<string, unknown>) : null;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/** JSON with object keys sorted, so two documents compare equal whatever order their fields came in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
