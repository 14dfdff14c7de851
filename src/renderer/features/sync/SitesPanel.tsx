import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { can } from '../../../shared/auth/permissions';
import { formatTimeInZone } from '../../../shared/domain/time';
import { SyncPanel } from './SyncPanel';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useSessionStore } from '../signin/public';

const DAYS = 14;

export type WorkstationSeen = {
  workstationId: string;
  workstation: string;
  siteId: string;
  /** The newest of its entries that reached this workstation: it had synced at least up to then. */
  lastHeardAt: string;
  lastClose: { date: string; at: string; by: string; complete: boolean; detail: string } | null;
};

/** Every workstation heard from in the entries, with its latest day close. */
export function workstationsSeen(entries: readonly AuditEntry[]): WorkstationSeen[] {
  const byWorkstation = new Map<string, WorkstationSeen>();
  for (const e of [...entries].sort((a, b) => (a.at < b.at ? 1 : -1))) {
    let seen = byWorkstation.get(e.workstationId);
    if (!seen) {
      seen = { workstationId: e.workstationId, workstation: e.workstationId.slice(0, 8), siteId: e.siteId, lastHeardAt: e.at, lastClose: null };
      byWorkstation.set(e.workstationId, seen);
    }
    if (!seen.lastClose && e.action === 'create' && e.subject.startsWith('day close ')) {
      const value = (field: string) => e.changes.find((c) => c.field === field)?.after;
      const prefix = value('workstation');
      if (typeof prefix === 'string') seen.workstation = prefix;
      seen.lastClose = { date: e.subject.slice('day close '.length), at: e.at, by: e.actorName, complete: value('complete') === true, detail: e.detail };
    }
  }
  return [...byWorkstation.values()].sort((a, b) => a.siteId.localeCompare(b.siteId) || a.workstation.localeCompare(b.workstation));
}

/** For managers: each site's workstations, when they were last heard from and how their day closed. */
export function SitesPanel() {
  const desk = useDesk();
  const settings = useSettings();
  const staff = useSessionStore((s) => s.staff);
  const allowed = Boolean(staff && can(staff.roles, 'audit.read'));
  const [rows, setRows] = useState<WorkstationSeen[] | null>(null);
  const [refreshed, setRefreshed] = useState(0);
  const zone = settings.clinic.timeZone;

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const since = new Date(Date.now() - DAYS * 86_400_000).toISOString();
    void desk.auditTrail.since(since, '').then((entries) => {
      if (live) setRows(workstationsSeen(entries));
    });
    return () => {
      live = false;
    };
  }, [allowed, desk, refreshed]);

  if (!allowed) return null;
  const when = (at: string) => `${new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric' }).format(new Date(at))}, ${formatTimeInZone(at, zone)}`;
  return (
    <SyncPanel
      title="Sites and workstations"
      description={<>What has reached this workstation in the last {DAYS} days. A workstation is heard from once its changes have synced here.</>}
      action={
        <Button variant="default" onClick={() => setRefreshed((n) => n + 1)}>
            Refresh
          </Button>
      }
    >
        {rows && rows.length === 0 && <Text size="sm">No workstation has been heard from yet.</Text>}
        {rows && rows.length > 0 && (
          <Table aria-label="Sites and workstations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Site</Table.Th>
                <Table.Th>Workstation</Table.Th>
                <Table.Th>Last heard from</Table.Th>
                <Table.Th>Last close of day</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.workstationId}>
                  <Table.Td>{r.siteId}</Table.Td>
                  <Table.Td>
                    {r.workstation}
                    {r.workstationId === settings.workstationId && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (this one)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{when(r.lastHeardAt)}</Table.Td>
                  <Table.Td>
                    {r.lastClose ? (
                      <Group gap="xs">
                        <Badge color={r.lastClose.complete ? 'teal' : 'red'} variant="light">
                          {r.lastClose.complete ? 'Confirmed' : 'Not confirmed'}
                        </Badge>
                        <Text size="sm" title={r.lastClose.detail}>
                          {r.lastClose.date}, {formatTimeInZone(r.lastClose.at, zone)} by {r.lastClose.by}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No close in {DAYS} days
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </SyncPanel>
  );
}
