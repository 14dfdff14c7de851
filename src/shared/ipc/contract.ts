import type { z } from 'zod';
import { auditChannels } from '../audit/channels';
import { authChannels } from '../auth/channels';
import { demoChannels } from '../demo/channels';
import { printChannels, printEvents } from '../print/channels';
import { settingsChannels } from '../settings/channels';
import { syncChannels, syncEvents } from '../sync/channels';
import { joinChannelMaps } from './channelMap';

/**
 * Every request the renderer can make of main: the union of the features' channel maps (each in
 * `src/shared/<feature>/channels.ts`). Channel names are `feature:verb`; each has a request and a
 * response schema, both checked at run time. A name declared twice fails the build.
 */
export const contract = joinChannelMaps([settingsChannels, syncChannels, authChannels, printChannels, auditChannels, demoChannels]);

/** Events main pushes to the renderer. Names are `feature:noun`. */
export const events = joinChannelMaps([syncEvents, printEvents]);

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
