import { describe, expect, it } from 'vitest';
import { createSyncSchedule, type SyncTriggerReason } from '../../../src/main/sync/syncSchedule';
import { describeSyncMode, nextScheduledSync, SyncModeSchema, type SyncMode } from '../../../src/shared/sync/mode';

const zone = 'America/Chicago';

function harness(mode: SyncMode, start: string) {
  let now = new Date(start);
  let online = true;
  let tick: () => void = () => undefined;
  const triggers: SyncTriggerReason[] = [];
  const schedule = createSyncSchedule({
    mode: () => mode,
    timeZone: () => zone,
    now: () => now,
    isOnline: () => online,
    trigger: (reason) => triggers.push(reason),
    setTimer: (callback) => {
      tick = callback;
      return 1;
    },
    clearTimer: () => undefined,
  });
  schedule.start();
  return {
    schedule,
    triggers,
    at(instant: string) {
      now = new Date(instant);
      tick();
    },
    setOnline(value: boolean) {
      online = value;
    },
  };
}

describe('sync at set times', () => {
  it('finds the next set time in the clinic’s zone, tomorrow’s first once today’s are over', () => {
    // 11:00 in Chicago (UTC-6 in December).
    expect(nextScheduledSync(['17:00', '12:30'], new Date('2026-12-04T17:00:00Z'), zone)?.toISOString()).toBe('2026-12-04T18:30:00.000Z');
    expect(nextScheduledSync(['12:30', '17:00'], new Date('2026-12-04T23:30:00Z'), zone)?.toISOString()).toBe('2026-12-05T18:30:00.000Z');
    // Across the spring DST change (8 March 2026 in Chicago): 12:30 is then UTC-5.
    expect(nextScheduledSync(['12:30'], new Date('2026-03-07T20:00:00Z'), zone)?.toISOString()).toBe('2026-03-08T17:30:00.000Z');
  });

  it('refuses times that are not a 24-hour clock or repeat, and sorts the rest', () => {
    expect(SyncModeSchema.safeParse({ kind: 'scheduled', times: ['5pm'] }).success).toBe(false);
    expect(SyncModeSchema.safeParse({ kind: 'scheduled', times: ['24:00'] }).success).toBe(false);
    expect(SyncModeSchema.safeParse({ kind: 'scheduled', times: ['12:30', '12:30'] }).success).toBe(false);
    expect(SyncModeSchema.safeParse({ kind: 'scheduled', times: [] }).success).toBe(false);
    expect(SyncModeSchema.parse({ kind: 'scheduled', times: ['17:00', '08:15'] })).toEqual({ kind: 'scheduled', times: ['08:15', '17:00'] });
    expect(describeSyncMode({ kind: 'scheduled', times: ['08:15', '12:30', '17:00'] })).toBe('At set times: 08:15, 12:30 and 17:00, on Sync now and at close of day');
  });

  it('asks for a pass when a set time comes, once', () => {
    const h = harness({ kind: 'scheduled', times: ['12:30', '17:00'] }, '2026-12-04T17:00:00Z');
    h.at('2026-12-04T18:29:00Z');
    expect(h.triggers).toEqual([]);
    h.at('2026-12-04T18:30:05Z');
    h.at('2026-12-04T18:30:20Z');
    expect(h.triggers).toEqual(['schedule']);
    expect(h.schedule.nextAt()?.toISOString()).toBe('2026-12-04T23:00:00.000Z');
  });

  it('makes up a set time missed while offline as soon as the server answers, and a reconnect alone is not a pass', () => {
    const h = harness({ kind: 'scheduled', times: ['12:30'] }, '2026-12-04T17:00:00Z');
    h.schedule.onReconnect();
    expect(h.triggers).toEqual([]);
    h.setOnline(false);
    h.at('2026-12-04T18:31:00Z');
    expect(h.triggers).toEqual([]);
    expect(h.schedule.owed()).toBe(true);
    h.setOnline(true);
    h.schedule.onReconnect();
    h.schedule.onReconnect();
    expect(h.triggers).toEqual(['schedule']);
    expect(h.schedule.owed()).toBe(false);
  });

  it('passes on every reconnect when live, and never on the clock', () => {
    const h = harness({ kind: 'live' }, '2026-12-04T17:00:00Z');
    h.at('2026-12-05T17:00:00Z');
    expect(h.schedule.nextAt()).toBeNull();
    h.schedule.onReconnect();
    expect(h.triggers).toEqual(['reconnect']);
  });
});
