/** A promise that did not settle within its bound. */
export class BoundExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not resolve within ${ms} ms`);
    this.name = 'BoundExceeded';
  }
}

/** Waits for `work` at most `ms`; answers how long it took, or throws BoundExceeded. */
export async function within(work: Promise<unknown>, ms: number, what: string): Promise<number> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      work,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new BoundExceeded(what, ms)), ms);
      }),
    ]);
    return Math.round(performance.now() - start);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Collects unhandled rejections and uncaught exceptions while installed, so that a run in which
 * one happened fails instead of passing (or of ending the process without saying which run).
 */
export function watchProcessErrors() {
  const seen: string[] = [];
  const describe = (kind: string, error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error);
    seen.push(`${kind}: ${text}`);
  };
  const onRejection = (reason: unknown) => describe('unhandled rejection', reason);
  const onException = (error: unknown) => describe('uncaught exception', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    /** What happened since the last call. */
    drain(): string[] {
      return seen.splice(0);
    },
    stop(): void {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
