import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../shared/audit/auditEntry';
import { formatChainReport, verifyChains } from '../../../shared/audit/chain';
import type { Staff } from '../../../shared/auth/staff';
import { dayRangeInZone } from '../../../shared/domain/time';
import { useDesk } from '../../app/DeskContext';
import { usePatientNames } from '../patients/public';
import { useSettings } from '../../app/settingsStore';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { webCryptoSha256 } from './auditLog';
import { auditToCsv } from './auditCsv';

type Filters = { patient: string; staffId: string; from: string; to: string };

/**
 * The audit log for managers: who did what, on which workstation, to which patient. Entries from
 * other workstations appear once they have synced. Reading it is itself audited.
 */
export function AuditScreen() {
  const desk = useDesk();
  const settings = useSettings();
  const guard = useGuardedAction();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [filters, setFilters] = useState<Filters>({ patient: '', staffId: '', from: '', to: '' });
  const [report, setReport] = useState<string | null>(null);
  const names = usePatientNames((entries ?? []).flatMap((e) => (e.patientId ? [e.patientId] : [])));

  const open = () =>
    guard.run(async () => {
      await desk.ctx.authorize('audit.read');
      await desk.ctx.audit({ action: 'view', subject: 'audit log', detail: 'Opened the audit log' });
      setEntries(await desk.auditTrail.all());
      setStaff(await desk.staff.listActive());
    });
  useEffect(() => {
    void open();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = useMemo(() => {
    if (!entries) return [];
    const zone = settings.clinic.timeZone;
    const from = filters.from ? dayRangeInZone(filters.from, zone).start.toISOString() : '';
    const to = filters.to ? dayRangeInZone(filters.to, zone).end.toISOString() : '';
    const patient = filters.patient.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (!filters.staffId || e.actor === filters.staffId) &&
        (!from || e.at >= from) &&
        (!to || e.at < to) &&
        (!patient || (e.patientId !== null && (names.get(e.patientId) ?? '').toLowerCase().includes(patient))),
    );
  }, [entries, filters, names, settings.clinic.timeZone]);

  const exportCsv = () =>
    guard.run(async () => {
      await desk.ctx.authorize('data.export');
      const { path } = await desk.client.call('files:saveExport', { kind: 'audit-csv', content: auditToCsv([...shown].reverse()) });
      await desk.ctx.audit({ action: 'export', subject: 'audit log', detail: `${shown.length} entries to ${path}` });
      notifications.show({ color: 'teal', title: 'Audit log exported', message: path });
    });

  const verify = async () => {
    if (!entries) return;
    const result = await verifyChains(entries, webCryptoSha256);
    setReport(formatChainReport(result));
  };

  return (
    <Stack>
      <Title order={2}>Audit log</Title>
      <RefusalNotice guard={guard} />
      {entries && (
        <>
          <Group align="end">
            <TextInput label="Patient name" value={filters.patient} onChange={(e) => setFilters({ ...filters, patient: e.currentTarget.value })} />
            <NativeSelect
              label="Staff member"
              value={filters.staffId}
              onChange={(e) => setFilters({ ...filters, staffId: e.currentTarget.value })}
              data={[{ value: '', label: 'Anyone' }, ...staff.map((s) => ({ value: s.id, label: s.displayName }))]}
            />
            <TextInput label="From" type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.currentTarget.value })} />
            <TextInput label="To" type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.currentTarget.value })} />
            <Button variant="default" onClick={() => void verify()}>
              Check the chains
            </Button>
            <Button variant="default" onClick={() => void exportCsv()}>
              Export CSV
            </Button>
          </Group>
          {report && (
            <Alert color={report.includes('BROKEN') ? 'red' : 'teal'} title="Chain check" role="status">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {report}
              </Text>
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {shown.length} of {entries.length} entries
          </Text>
          <Table aria-label="Audit entries" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Workstation</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.slice(0, 500).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{new Date(e.at).toLocaleString('en-US', { timeZone: settings.clinic.timeZone })}</Table.Td>
                  <Table.Td>{e.actorName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={e.action.includes('refused') || e.action.includes('failed') ? 'red' : e.action === 'manager-override' ? 'orange' : 'gray'}>
                      {e.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.patientId ? (names.get(e.patientId) ?? '…') : ''}</Table.Td>
                  <Table.Td>{[e.subject, e.detail].filter(Boolean).join(' — ')}</Table.Td>
                  <Table.Td>
                    {e.workstationId.slice(0, 8)} #{e.seq}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
