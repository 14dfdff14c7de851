import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/shared/audit/auditEntry';
import { summarizeDayClose } from '../../../src/renderer/features/sync/DayClosePanel';
import { workstationsSeen } from '../../../src/renderer/features/sync/SitesPanel';
import { dayCloseHistory, isComplete, type DayCloseReport } from '../../../src/renderer/features/sync/dayClose';
import { memorySyncMemory } from '../../../src/renderer/features/sync/syncController';

const report = (over: Partial<DayCloseReport> = {}): DayCloseReport => ({
  date: '2026-12-04',
  workstationId: 'ws-1',
  workstationPrefix: 'N1',
  siteId: 'north',
  closedAt: '2026-12-04T23:00:00.000Z',
  closedBy: 'Morgan Lee',
  collections: [{ collection: 'patients', written: 3, confirmed: 3, pending: [] }],
  written: 3,
  confirmed: 3,
  problem: null,
  ...over,
});

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e', workstationId: 'ws-1', seq: 1, at: '2026-12-04T15:00:00.000Z', siteId: 'north', actor: 's1', actorName: 'Morgan Lee', action: 'view',
  patientId: null, subject: 'patients/1', changes: [], detail: '', approvedBy: null, prevHash: '', hash: 'h'.repeat(64), ...over,
});

describe('a day-close report', () => {
  it('says plainly whether everything written here is on the server', () => {
    expect(summarizeDayClose(report())).toBe('All 3 records written at this workstation that day are on the server.');
    expect(summarizeDayClose(report({ confirmed: 1 }))).toBe('2 of 3 records written that day are not confirmed on the server.');
    expect(summarizeDayClose(report({ confirmed: 0, problem: 'The server did not answer which records it has (503).' }))).toBe(
      '0 of 3 records confirmed on the server. The server did not answer which records it has (503).',
    );
    expect(summarizeDayClose(report({ written: 0, confirmed: 0, collections: [] }))).toBe('Nothing was written at this workstation that day.');
    expect(isComplete(report({ confirmed: 2 }))).toBe(false);
  });

  it('is kept newest first, and a damaged memory reads as no reports rather than failing', () => {
    const memory = memorySyncMemory();
    const history = dayCloseHistory(memory, 'k');
    history.keep(report({ date: '2026-12-03' }));
    history.keep(report({ date: '2026-12-04' }));
    expect(history.read().map((r) => r.date)).toEqual(['2026-12-04', '2026-12-03']);
    memory.setItem('k', '{not json');
    expect(history.read()).toEqual([]);
    memory.setItem('k', JSON.stringify([{ date: 5 }]));
    expect(history.read()).toEqual([]);
  });
});

describe('the manager’s list of workstations', () => {
  it('lists each workstation heard from with its latest close of day', () => {
    const rows = workstationsSeen([
      entry({ workstationId: 'ws-2', siteId: 'south', at: '2026-12-04T16:00:00.000Z' }),
      entry({ at: '2026-12-03T23:00:00.000Z', action: 'create', subject: 'day close 2026-12-03', changes: [{ field: 'workstation', before: null, after: 'N1' }, { field: 'complete', before: null, after: false }] }),
      entry({ at: '2026-12-04T23:00:00.000Z', action: 'create', subject: 'day close 2026-12-04', changes: [{ field: 'workstation', before: null, after: 'N1' }, { field: 'complete', before: null, after: true }] }),
      entry({ at: '2026-12-04T12:00:00.000Z' }),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ workstationId: 'ws-1', workstation: 'N1', siteId: 'north', lastHeardAt: '2026-12-04T23:00:00.000Z', lastClose: expect.objectContaining({ date: '2026-12-04', complete: true }) }),
      expect.objectContaining({ workstationId: 'ws-2', siteId: 'south', lastClose: null }),
    ]);
  });
});
