import { contract, events, type Channel, type EventName, type EventOf, type RequestOf, type ResponseOf } from '../../shared/ipc/contract';
import type { ErrorCode } from '../../shared/ipc/envelope';
import type { PlatformTransport } from './transport';

/** A failed call to main, with the contract's error code. */
export class PlatformError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** The typed face of the contract for the renderer. */
export function createPlatformClient(transport: PlatformTransport) {
  return {
    host: transport.host,
    async call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      const envelope = await transport.invoke(channel, request);
      if (!envelope.ok) throw new PlatformError(envelope.error.code, envelope.error.message);
      return contract[channel].response.parse(envelope.value) as ResponseOf<C>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventOf<E>) => void): () => void {
      return transport.on(name, (raw) => {
        const parsed = events[name].safeParse(raw);
        if (parsed.success) listener(parsed.data as EventOf<E>);
        else console.warn(`Ignored a malformed ${name} event`);
      });
    },
  };
}

export type PlatformClient = ReturnType<typeof createPlatformClient>;
