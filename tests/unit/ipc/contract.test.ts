import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { joinChannelMaps } from '../../../src/shared/ipc/channelMap';
import { CHANNELS, contract } from '../../../src/shared/ipc/contract';

const entry = { request: z.object({}), response: z.object({}) };

describe('the contract is the union of the features channel maps', () => {
  it('joins distinct maps', () => {
    const joined = joinChannelMaps([{ 'a:one': entry }, { 'b:one': entry, 'b:two': entry }]);
    expect(Object.keys(joined)).toEqual(['a:one', 'b:one', 'b:two']);
  });

  it('refuses a name declared by two features, at build time and at run time', () => {
    const first = { 'a:one': entry };
    const second = { 'a:one': entry };
    // @ts-expect-error -- the build fails: the call asks for an argument naming the duplicate
    expect(() => joinChannelMaps([first, second])).toThrow('Two features declare the channel a:one');
  });

  it('has every channel named feature:verb', () => {
    expect(CHANNELS.length).toBeGreaterThan(20);
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });
});
