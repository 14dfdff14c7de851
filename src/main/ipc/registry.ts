import { z } from 'zod';
import { contract, isChannel, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { AppError, type Envelope, type ErrorCode } from '../../shared/ipc/envelope';

/** Who made a request: used by handlers that audit or scope by caller. */
export interface CallContext {
  /** `electron` for the desktop window, `web` for a WebSocket client of the Node host. */
  readonly transport: 'electron' | 'web';
}

/**
 * One handler per channel. Being a mapped type over the contract, a channel without a handler
 * (or a handler returning the wrong shape) is a compile error.
 */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** The handlers of one feature's channel map: `Pick<Handlers, ...>` of exactly its channels. */
export type FeatureHandlers<M> = Pick<Handlers, keyof M & Channel>;

export interface DispatchLogger {
  error(message: string, detail?: unknown): void;
}

/**
 * Turns the handler map into one function that both hosts (Electron IPC and the WebSocket of the
 * Node host) call with whatever arrived on the wire. Nothing is trusted: the channel must exist, the
 * request must parse, the handler's answer must match its schema, and every failure becomes an
 * error envelope with a code instead of a thrown Error (which would not survive the hop).
 */
export function createDispatcher(handlers: Handlers, logger: DispatchLogger = console) {
  return async function dispatch(
    channel: unknown,
    payload: unknown,
    ctx: CallContext,
  ): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', `Unknown request: ${describe(channel)}`);
    }
    const entry = contract[channel];
    const parsed = entry.request.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail('INVALID_REQUEST', `Invalid ${channel} request: ${z.prettifyError(parsed.error)}`);
    }
    let value: unknown;
    try {
      const handler = handlers[channel] as (req: unknown, ctx: CallContext) => unknown;
      value = await handler(parsed.data, ctx);
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message);
      logger.error(`Handler for ${channel} failed`, error);
      return fail('INTERNAL', `Something went wrong while handling ${channel}. The details are in the log.`);
    }
    const checked = entry.response.safeParse(value);
    if (!checked.success) {
      logger.error(`Handler for ${channel} answered outside its schema`, checked.error);
      return fail('INVALID_RESPONSE', `The answer to ${channel} was not valid.`);
    }
    return { ok: true, value: checked.data };
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function fail(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : typeof value;
}
