import { accountOf } from '../../../shared/payments/account';
import { Badge, Button, Group, Menu, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { providerLabel } from '../../../shared/catalog/catalog';
import type { PatientId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import {
  ADMINISTRATIVE_SEX_LABEL,
  ageOn,
  formatAddress,
  formatPhone,
  formatUsDate,
  languageLabel,
  PATIENT_STATUS_LABEL,
  patientDisplayName,
  type Patient,
} from '../../../shared/patients/patient';
import { useDesk } from '../../app/DeskContext';
import { useDeskStore } from '../../app/deskStore';
import { usePatient } from './usePatient';
import { useMinute, useToday } from '../../app/useToday';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useProviders } from '../catalog/public';
import { AppointmentStatusBadge } from '../schedule/public';
import { CheckInFromRecord } from '../checkin/public';
import { AccountPanel } from '../payments/public';
import { CoveragesPanel } from './CoveragesPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { MergeDialog } from './MergeDialog';
import { PatientHistory } from './PatientHistory';
import { usePatientRecords } from './usePatientRecords';
import { Detail } from '../../components/Detail';
import { LabelDialog } from '../printing/public';
import { PrintFormsDialog } from '../checkin/public';

function Overview({ patient }: { patient: Patient }) {
  const providers = useProviders();
  const guarantor = usePatient(patient.guarantor.kind === 'patient' ? (patient.guarantor.patientId as PatientId) : null);
  const provider = providers.find((p) => p.id === patient.primaryProviderId);
  const { address: a, consent: c, emergencyContact: e, guarantor: g } = patient;
  const consentLine = (['call', 'text', 'email'] as const)
    .filter((k) => c[k].recordedOn)
    .map((k) => `${k === 'call' ? 'Calls' : k === 'text' ? 'Texts' : 'Email'}: ${c[k].given ? 'yes' : 'no'} (${formatUsDate(c[k].recordedOn)})`)
    .join(' · ');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
      <Detail label="Phones">
        {patient.phones.map((p) => (
          <span key={p.number} style={{ display: 'block' }}>
            {formatPhone(p.number)} · {p.type}
            {p.texts ? ' · texts OK' : ''}
          </span>
        ))}
      </Detail>
      <Detail label="Email">{patient.email || '—'}</Detail>
      <Detail label="Address">{formatAddress(a) || '—'}</Detail>
      <Detail label="Language">
        {languageLabel(patient.language)}
        {patient.interpreterNeeded ? ' · needs an interpreter' : ''}
      </Detail>
      <Detail label="Contact consent">{consentLine || 'Not asked yet'}</Detail>
      <Detail label="Emergency contact">{e.name ? `${e.name}${e.relationship ? ` (${e.relationship})` : ''} · ${formatPhone(e.phone)}` : '—'}</Detail>
      <Detail label="Guarantor">
        {g.kind === 'self' ? 'The patient' : g.kind === 'person' ? `${g.name} (${g.relationship}) · ${formatPhone(g.phone)}` : guarantor ? `${patientDisplayName(guarantor)} (${guarantor.mrn})` : 'Another patient'}
      </Detail>
      <Detail label="Primary provider">{provider ? providerLabel(provider) : '—'}</Detail>
      <Detail label="Sex · gender identity · pronouns">
        {[ADMINISTRATIVE_SEX_LABEL[patient.sex], patient.genderIdentity, patient.pronouns].filter(Boolean).join(' · ')}
      </Detail>
    </SimpleGrid>
  );
}

/**
 * The patient page for the front desk: who they are, how to reach them, their insurance,
 * visits, money and papers, and what changed on the record, with the next things the desk does.
 */
export function PatientCard({ patient, onEdit }: { patient: Patient; onEdit: () => void }) {
  const desk = useDesk();
  const today = useToday();
  const go = useDeskStore((s) => s.go);
  const selectPatient = useDeskStore((s) => s.selectPatient);
  const takePayment = useDeskStore((s) => s.takePayment);
  const records = usePatientRecords(patient);
  const providers = useProviders();
  const now = useMinute();
  const guard = useGuardedAction();
  const [tab, setTab] = useState<string | null>('overview');
  const [merging, setMerging] = useState(false);
  const [labelling, setLabelling] = useState(false);
  const [printingForms, setPrintingForms] = useState(false);
  const primaryProvider = providers.find((p) => p.id === patient.primaryProviderId);
  const { balanceCents: balance } = accountOf(records.ledger).totals;
  const merged = patient.status === 'merged-into';
  const setStatus = (status: 'active' | 'inactive' | 'deceased') =>
    void guard.run(async () => {
      await desk.patients.setStatus(patient.id, status);
      notifications.show({ message: `Marked ${PATIENT_STATUS_LABEL[status].toLowerCase()}` });
    }).catch((e: unknown) => notifications.show({ color: 'red', title: 'Not changed', message: (e as Error).message }));

  return (
    <Stack gap="sm" aria-label="Selected patient" role="region">
      <RefusalNotice guard={guard} />
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h3">
              {patientDisplayName(patient)}
            </Title>
            {patient.preferredName && <Text c="dimmed">“{patient.preferredName}”</Text>}
            {patient.status !== 'active' && <Badge color={merged ? 'gray' : 'orange'}>{PATIENT_STATUS_LABEL[patient.status]}</Badge>}
          </Group>
          <Text size="sm">
            <span data-testid="patient-mrn">MRN: {patient.mrn || 'not assigned'}</span> · Born {formatUsDate(patient.birthDate)} ({ageOn(patient.birthDate, today.date)}) ·{' '}
            {ADMINISTRATIVE_SEX_LABEL[patient.sex]}
            {patient.pronouns ? ` · ${patient.pronouns}` : ''}
          </Text>
          {(patient.alerts.length > 0 || patient.interpreterNeeded) && (
            <Group gap={6} aria-label="Alerts">
              {patient.interpreterNeeded && <Badge color="grape">Interpreter: {languageLabel(patient.language)}</Badge>}
              {patient.alerts.map((a) => (
                <Badge key={a} color="red" variant="light">
                  {a}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {merged ? (
            <Button variant="light" onClick={() => selectPatient(patient.mergedInto as PatientId)}>
              Open the surviving record
            </Button>
          ) : (
            <>
              {patient.status === 'active' && (
                <CheckInFromRecord
                  patientId={patient.id}
                  name={patientDisplayName(patient)}
                  appointments={records.appointments}
                  today={today.date}
                  now={now}
                  providerName={(id) => {
                    const p = providers.find((x) => x.id === id);
                    return p ? providerLabel(p) : '';
                  }}
                  guard={guard}
                />
              )}
              <Button onClick={() => go('schedule')}>Book appointment</Button>
              <Button variant="light" onClick={() => takePayment(patient.id, null)}>
                Take payment
              </Button>
              <Button variant="default" onClick={onEdit}>
                Edit
              </Button>
              <Menu position="bottom-end" withinPortal={false}>
                <Menu.Target>
                  <Button variant="subtle">More</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setPrintingForms(true)}>Print forms…</Menu.Item>
                  <Menu.Item onClick={() => setLabelling(true)}>Print labels…</Menu.Item>
                  <Menu.Item onClick={() => setMerging(true)}>Merge with a duplicate…</Menu.Item>
                  {patient.status !== 'active' && <Menu.Item onClick={() => setStatus('active')}>Mark active</Menu.Item>}
                  {patient.status !== 'inactive' && <Menu.Item onClick={() => setStatus('inactive')}>Mark inactive</Menu.Item>}
                  {patient.status !== 'deceased' && (
                    <Menu.Item color="red" onClick={() => setStatus('deceased')}>
                      Mark deceased
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            </>
          )}
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="insurance">Insurance ({records.coverages.filter((c) => c.status === 'active').length})</Tabs.Tab>
          <Tabs.Tab value="appointments">Appointments ({records.appointments.length})</Tabs.Tab>
          <Tabs.Tab value="balance">Account{balance > 0 ? ` (${formatCents(balance)} due)` : ''}</Tabs.Tab>
          <Tabs.Tab value="documents">Documents ({records.documents.length})</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="sm">
          <Overview patient={patient} />
        </Tabs.Panel>
        <Tabs.Panel value="insurance" pt="sm">
          <CoveragesPanel patient={patient} coverages={records.coverages} />
        </Tabs.Panel>
        <Tabs.Panel value="appointments" pt="sm">
          {records.appointments.length === 0 ? (
            <Text size="sm">No appointments.</Text>
          ) : (
            <Table aria-label="Appointments">
              <Table.Tbody>
                {records.appointments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{new Date(a.start).toLocaleString('en-US', { timeZone: a.timeZone, dateStyle: 'medium', timeStyle: 'short' })}</Table.Td>
                    <Table.Td>{a.reason || '—'}</Table.Td>
                    <Table.Td>
                      <AppointmentStatusBadge status={a.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="balance" pt="sm">
          <AccountPanel patientId={patient.id} identities={records.identities} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="sm">
          <DocumentsPanel patient={patient} documents={records.documents} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="sm">
          <PatientHistory patient={patient} />
        </Tabs.Panel>
      </Tabs>
      {printingForms && <PrintFormsDialog patient={patient} coverages={records.coverages} onClose={() => setPrintingForms(false)} />}
      {labelling && <LabelDialog patient={patient} providerName={primaryProvider ? providerLabel(primaryProvider) : ''} onClose={() => setLabelling(false)} />}
      <MergeDialog
        patient={patient}
        opened={merging}
        onClose={() => setMerging(false)}
        onMerged={(id) => {
          setMerging(false);
          selectPatient(id);
        }}
      />
    </Stack>
  );
}
