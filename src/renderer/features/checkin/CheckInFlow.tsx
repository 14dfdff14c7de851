import { Alert, Badge, Button, Group, Image, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  checkinHistory,
  daysSince,
  DEFERRAL_REASONS,
  emptyCheckin,
  formsFor,
  missingSteps,
  needsVerifying,
  PAID_EARLIER,
  VERIFICATION_METHOD_LABEL,
  VERIFICATION_METHODS,
  VERIFICATION_RESULT_LABEL,
  VERIFICATION_RESULTS,
  VerificationInputSchema,
  type Checkin,
  type Verification,
  type VerificationMethod,
  type VerificationResult,
} from '../../../shared/checkin/checkin';
import type { AppointmentId, PatientId } from '../../../shared/domain/ids';
import { formatCents } from '../../../shared/domain/money';
import { dateInZone, formatTimeInZone } from '../../../shared/domain/time';
import { coverageInForce, type Coverage } from '../../../shared/patients/coverage';
import { ageOn, formatAddress, formatPhone, formatUsDate, languageLabel, patientDisplayName, type Patient } from '../../../shared/patients/patient';
import { accountOf, copayPaidFor, overdueOnPlans, standingPayments } from '../../../shared/payments/account';
import { FORM_LABEL, type AppointmentType, type FormKind } from '../../../shared/schedule/scheduling';
import type { DeskRulesInput } from '../../../shared/catalog/deskRules';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useMinute, useToday } from '../../app/useToday';
import { CoveragesPanel, EditPatientForm, useDocumentImage, usePatient } from '../patients/public';
import { PaymentForm } from '../payments/public';
import type { VisitStart } from './visitsRepo';
import { guarantorLine } from './formPrints';
import type { Visit } from '../../../shared/checkin/visit';
import type { LedgerEntry } from '../../../shared/payments/ledger';
import { combineLatest, map, of } from 'rxjs';
import { Detail } from '../../components/Detail';
import { RefusalNotice } from '../../components/RefusalNotice';
import { SignFormDialog } from './SignFormDialog';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useGuardedAction } from '../../components/useGuardedAction';


/** What the desk is checking a patient in for: an appointment today, or a walk-in. */
export interface CheckInTarget extends VisitStart {
  /** The appointment's status when the flow opened ('' for a walk-in): only a booked one is marked arrived. */
  appointmentStatus: string;
  /** What the flow's title says the visit is ("9:30 Follow-up", "Walk-in"). */
  label: string;
}

/**
 * Checking a patient in, keyboard first on one screen: identity read back, demographics confirmed
 * (one action when nothing changed), insurance verified or accepted, the forms due signed, the
 * co-pay collected or deferred; then the visit starts with the arrival time and who did it. Each
 * step's main action has the focus when its turn comes, so Enter walks a returning patient
 * through; Ctrl+Enter completes.
 */
export function CheckInFlow({ target, onClose, onDone }: { target: CheckInTarget | null; onClose: () => void; onDone: (name: string) => void }) {
  return (
    <Modal opened={target !== null} onClose={onClose} size={1120} title={target ? <FlowTitle target={target} /> : ''} closeOnClickOutside={false}>
      {target && <FlowForPatient key={`${target.patientId}|${target.appointmentId}`} target={target} onDone={onDone} />}
    </Modal>
  );
}

/** "Check in · Ruiz, Ana · 9:30 AM Follow-up": who and for what. */
function FlowTitle({ target }: { target: CheckInTarget }) {
  const patient = usePatient(target.patientId);
  const name = patient ? patientDisplayName(patient) : '';
  return <>{['Check in', name && !target.label.startsWith(name) ? name : '', target.label].filter(Boolean).join(' · ')}</>;
}

interface FlowRecords {
  coverages: Coverage[];
  ledger: LedgerEntry[];
  visits: Visit[];
  types: AppointmentType[];
  rules: DeskRulesInput;
}

/** The flow opens once everything it decides from is read: a coverage still loading must not look like none. */
function FlowForPatient({ target, onDone }: { target: CheckInTarget; onDone: (name: string) => void }) {
  const desk = useDesk();
  const patient = usePatient(target.patientId);
  const identities = useObservable(() => desk.patients.observeIdentities(target.patientId), null, [desk, target.patientId]);
  const key = identities?.join(',') ?? '';
  const records = useObservable(
    () =>
      identities
        ? combineLatest({ coverages: desk.coverages.observeForPatients(identities).pipe(map((c) => desk.coverages.sort(c))), ledger: desk.ledger.observeForPatients(identities), visits: desk.visits.observeForPatients(identities),
            types: desk.catalog.observeAppointmentTypes(),
            rules: desk.catalog.observeDeskRules(),
          })
        : of(null),
    null as FlowRecords | null,
    [desk, key],
  );
  if (!patient || !records) return <Text c="dimmed">Opening the patient’s record…</Text>;
  return <Flow patient={patient} records={records} target={target} onDone={onDone} />;
}

function Flow({ patient, records, target, onDone }: { patient: Patient; records: FlowRecords; target: CheckInTarget; onDone: (name: string) => void }) {
  const desk = useDesk();
  const today = useToday();
  const now = useMinute();
  const { visits, types, rules } = records;
  const type = types.find((t) => t.id === target.typeId);
  const [arrivedAt] = useState(() => desk.ctx.now().toISOString());
  const [checkin, setCheckin] = useState<Checkin>(emptyCheckin);
  const [editing, setEditing] = useState<'demographics' | 'coverages' | null>(null);
  const [signing, setSigning] = useState<FormKind | null>(null);
  // Through the guard: a check-in refused by role offers a manager's approval, then runs again.
  const guard = useGuardedAction();
  const { busy, error, setError, submit } = useFormSubmit(guard);
  const name = patientDisplayName(patient);
  const guarantorPatient = usePatient(patient.guarantor.kind === 'patient' ? (patient.guarantor.patientId as PatientId) : null);
  const by = desk.ctx.actor().name;
  const stamp = () => ({ at: desk.ctx.now().toISOString(), by });

  // The forms print filled in with what is on file (through main; kept as PDFs there): several as one packet, one job.
  const printForms = async (kinds: readonly FormKind[]) => {
    const what = kinds.length === 1 ? FORM_LABEL[kinds[0]!] : `${kinds.length} forms`;
    try {
      const result = kinds.length === 1 ? await desk.formPrints.print(kinds[0]!, patient, coverage ?? null) : await desk.formPrints.printPacket(kinds, patient, coverage ?? null);
      notifications.show({ color: result.sentToPrinter ? 'teal' : 'blue', title: `${what} printed`, message: `${result.printerMessage} (${result.document.fileName})` });
    } catch (e) {
      notifications.show({ color: 'red', title: `${what} did not print`, message: (e as Error).message });
    }
  };

  // The flow shows the patient's record: a view, logged once when it opens.
  useEffect(() => {
    void desk.ctx.audit({ action: 'view', patientId: patient.id, subject: 'check-in', detail: `Opened for check-in: ${target.label}` });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // What earlier check-ins confirmed (this visit's own record left out, if it was started already).
  const history = useMemo(() => checkinHistory(visits.filter((v) => !target.appointmentId || v.appointmentId !== target.appointmentId)), [visits, target.appointmentId]);
  const coverage: Coverage | undefined = records.coverages.find((c) => coverageInForce(c, today.date));
  const lastVerified = coverage ? history.verifications.get(coverage.id) : undefined;
  const verifiedHere = checkin.verification.at && checkin.verification.coverageId === coverage?.id ? checkin.verification : undefined;
  const standing = verifiedHere ?? lastVerified;
  const mustVerify = coverage !== undefined && !verifiedHere && needsVerifying(lastVerified, rules.verifyEveryDays, now, today.timeZone);
  const payerSaysInactive = standing !== undefined && standing.result !== '' && standing.result !== 'active';
  // Accepted without a click: a coverage verified recently enough (the rule), found active.
  const insuranceReady = checkin.insurance.at !== '' || (coverage !== undefined && !mustVerify && !payerSaysInactive);
  // Billed to: the coverage accepted, or the one in force unless the payer said it is not active (then self-pay).
  const billedTo = checkin.insurance.at ? checkin.insurance.coverageId : coverage && !payerSaysInactive ? coverage.id : '';

  const forms = formsFor(type?.formsDue ?? [], rules, history, today.date, today.timeZone);
  const formsDue = forms.filter((f) => f.due).map((f) => f.form);
  const signedNow = (form: FormKind) => checkin.forms.find((f) => f.form === form);
  const formsReady = formsDue.every((f) => signedNow(f));

  const copayCents = billedTo ? (type?.copayHintCents ?? 0) : 0;
  const account = accountOf(records.ledger);
  const copayPaid = target.appointmentId ? copayPaidFor(account, target.appointmentId) : { cents: 0, receipts: [], paymentIds: [] };
  const paidCents = copayPaid.cents;
  const owedCents = Math.max(0, copayCents - paidCents);
  const balance = account.totals.balanceCents;
  const overdueCents = overdueOnPlans(account, today.date);
  // A walk-in has no appointment to tie a payment to: what the patient paid today without one is shown, so it is not taken twice.
  const paidTodayLoose = target.appointmentId ? [] : standingPayments(account, (e) => e.appointmentId === null && dateInZone(new Date(e.createdAt), today.timeZone) === today.date).map((p) => p.entry);
  const moneyReady = checkin.money.at !== '' || (insuranceReady && owedCents === 0);

  const steps = [
    { key: 'identity', done: checkin.identity.at !== '' },
    { key: 'demographics', done: checkin.demographics.at !== '' },
    { key: 'insurance', done: insuranceReady },
    { key: 'forms', done: formsReady },
    { key: 'money', done: moneyReady },
  ] as const;
  const current = steps.find((s) => !s.done)?.key ?? 'finish';

  // The main action of the step whose turn it is takes the focus.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const section = root.current?.querySelector(`[data-step="${current}"]`);
    section?.querySelector<HTMLElement>('[data-primary]:not([disabled]), button[type="submit"]:not([disabled])')?.focus();
  }, [current]);

  // One check-in per press (useFormSubmit): a second Ctrl+Enter before the first is saved does not start a second visit.
  const finish = () => {
    if (busy) return;
    const at = stamp();
    const final: Checkin = {
      ...checkin,
      insurance: checkin.insurance.at ? checkin.insurance : insuranceReady && coverage ? { ...at, coverageId: coverage.id } : checkin.insurance,
      money: checkin.money.at ? checkin.money : moneyReady ? { ...at, copayCents, paymentId: copayPaid.paymentIds[0] ?? '', deferredReason: '' } : checkin.money,
    };
    const missing = missingSteps(final, formsDue);
    if (missing.length > 0) {
      setError(`Still to do: ${missing.join('; ')}.`);
      return;
    }
    void submit(async () => {
      const visit = await desk.visits.checkIn({ patientId: target.patientId, appointmentId: target.appointmentId, providerId: target.providerId, typeId: target.typeId, arrivedAt, checkin: final, formsDue });
      if (target.appointmentId && target.appointmentStatus === 'booked') await desk.appointments.checkIn(target.appointmentId as AppointmentId);
      // A co-pay not collected goes on the account, owed until it is paid (at check-out or later).
      const { money } = final;
      const owedCopay = money.paymentId ? 0 : Math.max(0, money.copayCents - paidCents);
      if (money.deferredReason && money.deferredReason !== PAID_EARLIER && owedCopay > 0) {
        await desk.ledger.postCopayDue({ patientId: visit.patientId, appointmentId: target.appointmentId || null, visitId: visit.id, amountCents: owedCopay }).catch((error: Error) =>
          notifications.show({ color: 'orange', title: 'Checked in; the co-pay was not put on the account', message: error.message }),
        );
      }
      onDone(name);
    });
  };

  // Ctrl+Enter completes from anywhere in the flow, a field included.
  useHotkeys([['mod+Enter', () => void finish()]], []);

  return (
    <Stack gap="sm" ref={root}>
      <Text size="sm" c="dimmed">
        Arrived {formatTimeInZone(arrivedAt, today.timeZone)}
      </Text>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        <Stack gap="sm">
          <Step n={1} title="Identity" done={steps[0].done} step="identity">
            <Group align="flex-start" justify="space-between" wrap="nowrap">
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={4} style={{ flex: 1 }}>
                <Detail label="Name">
                  {name}
                  {patient.preferredName ? ` (“${patient.preferredName}”)` : ''}
                </Detail>
                <Detail label="Date of birth">
                  {formatUsDate(patient.birthDate)} · {ageOn(patient.birthDate, today.date)} years
                </Detail>
                <Detail label="MRN">{patient.mrn}</Detail>
                <Detail label="Card on file">{coverage ? `${coverage.payerName} · member ${coverage.memberId}` : 'No insurance in force today'}</Detail>
              </SimpleGrid>
              <CardPhoto documentId={coverage?.cardFrontId ?? ''} />
            </Group>
            {checkin.identity.at ? (
              <Confirmed text={`Confirmed by ${checkin.identity.by} at ${formatTimeInZone(checkin.identity.at, today.timeZone)}`} />
            ) : (
              <Group justify="flex-end">
                <Button data-primary data-autofocus onClick={() => setCheckin((c) => ({ ...c, identity: stamp() }))}>
                  Identity confirmed
                </Button>
              </Group>
            )}
          </Step>

          <Step n={2} title="Demographics" done={steps[1].done} step="demographics">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
              <Detail label="Address">{formatAddress(patient.address) || 'None on file'}</Detail>
              <Detail label="Phone">{patient.phones.map((p) => `${formatPhone(p.number)} (${p.type})`).join(', ')}</Detail>
              <Detail label="Email">{patient.email || 'None on file'}</Detail>
              <Detail label="Language">
                {languageLabel(patient.language)}
                {patient.interpreterNeeded ? ' · interpreter needed' : ''}
              </Detail>
              <Detail label="Emergency contact">
                {patient.emergencyContact.name ? `${patient.emergencyContact.name} (${patient.emergencyContact.relationship}) ${formatPhone(patient.emergencyContact.phone)}` : 'None on file'}
              </Detail>
              <Detail label="Guarantor">{guarantorLine(patient, guarantorPatient)}</Detail>
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {history.demographicsConfirmed.at
                ? `Last confirmed ${formatUsDate(dateInZone(new Date(history.demographicsConfirmed.at), today.timeZone))} by ${history.demographicsConfirmed.by}`
                : 'Not confirmed at a check-in before'}{' '}
              · record last changed {formatUsDate(dateInZone(new Date(patient.updatedAt), today.timeZone))}
            </Text>
            {checkin.demographics.at ? (
              <Confirmed text={checkin.demographics.changed ? `Changed and confirmed by ${checkin.demographics.by}` : `Nothing changed: confirmed by ${checkin.demographics.by}`} />
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing('demographics')}>
                  Edit details…
                </Button>
                <Button data-primary onClick={() => setCheckin((c) => ({ ...c, demographics: { ...stamp(), changed: false } }))}>
                  Nothing changed
                </Button>
              </Group>
            )}
          </Step>
        </Stack>
        <Stack gap="sm">

          <Step
            n={3}
            title="Insurance"
            done={steps[2].done}
            step="insurance"
            extra={
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing('coverages')}>
                Coverages and card photos…
              </Button>
            }
          >
            {coverage ? (
              <Stack gap={4}>
                <Text size="sm">
                  <b>{coverage.payerName}</b>
                  {coverage.plan ? ` · ${coverage.plan}` : ''} · member {coverage.memberId}
                  {coverage.groupNumber ? ` · group ${coverage.groupNumber}` : ''} · in force today
                </Text>
                <Text size="sm" c={mustVerify || payerSaysInactive ? 'red.8' : undefined}>
                  {standing ? verificationLine(standing, now, today.timeZone) : 'Never verified'}
                  {mustVerify && !payerSaysInactive ? ` · to verify (the clinic verifies every ${rules.verifyEveryDays === 1 ? 'visit day' : `${rules.verifyEveryDays} days`})` : ''}
                </Text>
              </Stack>
            ) : (
              <Text size="sm">No coverage in force today: the visit is self-pay unless a coverage is added.</Text>
            )}
            {checkin.insurance.at ? (
              <Confirmed text={checkin.insurance.coverageId ? `Billed to ${coverage?.payerName ?? 'the coverage'}: confirmed by ${checkin.insurance.by}` : `Self-pay: confirmed by ${checkin.insurance.by}`} />
            ) : coverage && mustVerify && !payerSaysInactive ? (
              <VerificationForm
                coverageId={coverage.id}
                onRecord={(v) =>
                  setCheckin((c) => ({
                    ...c,
                    verification: { ...v, ...stamp() },
                    insurance: v.result === 'active' ? { ...stamp(), coverageId: v.coverageId } : c.insurance,
                  }))
                }
              />
            ) : null}
            {!checkin.insurance.at && (!coverage || payerSaysInactive) && (
              <Group justify="flex-end">
                <Button data-primary onClick={() => setCheckin((c) => ({ ...c, insurance: { ...stamp(), coverageId: '' } }))}>
                  Self-pay
                </Button>
              </Group>
            )}
          </Step>

          <Step n={4} title="Forms" done={steps[3].done} step="forms">
            {forms.length === 0 ? (
              <Text size="sm">No forms for this visit.</Text>
            ) : (
              <Stack gap={4}>
                {forms.map((f) => {
                  const now = signedNow(f.form);
                  return (
                    <Group key={f.form} justify="space-between" wrap="nowrap">
                      <Text size="sm" style={{ flex: 1 }}>
                        {FORM_LABEL[f.form]} ·{' '}
                        {now ? (
                          <Text span c="teal.9" size="sm">
                            signed today ({now.how === 'paper' ? 'on paper' : 'on screen'})
                          </Text>
                        ) : f.due ? (
                          <Text span c="red.8" size="sm">
                            due: {f.why.toLowerCase()}
                          </Text>
                        ) : (
                          `signed ${formatUsDate(dateInZone(new Date(f.lastSigned!.at), today.timeZone))}`
                        )}
                      </Text>
                      {f.due && !now && (
                        <Button size="compact-sm" variant="subtle" style={{ flexShrink: 0 }} onClick={() => void printForms([f.form])} aria-label={`Print ${FORM_LABEL[f.form]}`}>
                          Print
                        </Button>
                      )}
                      {f.due && !now && (
                        <Button size="compact-sm" variant="light" style={{ flexShrink: 0 }} onClick={() => setSigning(f.form)} aria-label={`Sign on screen: ${FORM_LABEL[f.form]}`}>
                          Sign on screen
                        </Button>
                      )}
                      {f.due && !now && (
                        <Button size="compact-sm" variant="light" style={{ flexShrink: 0 }} onClick={() => setCheckin((c) => ({ ...c, forms: [...c.forms, { form: f.form, how: 'paper', documentId: '', ...stamp() }] }))} aria-label={`${FORM_LABEL[f.form]} signed on paper`}>
                          Signed on paper
                        </Button>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            )}
            {formsDue.filter((f) => !signedNow(f)).length > 1 && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => void printForms(formsDue.filter((f) => !signedNow(f)))}>
                  Print all due
                </Button>
                <Button
                  data-primary
                  onClick={() => setCheckin((c) => ({ ...c, forms: [...c.forms, ...formsDue.filter((f) => !signedNow(f)).map((form) => ({ form, how: 'paper' as const, documentId: '', ...stamp() }))] }))}
                >
                  All signed on paper
                </Button>
              </Group>
            )}
          </Step>

          <Step n={5} title="Co-pay and balance" done={steps[4].done} step="money">
            <Text size="sm">
              Co-pay for this visit: <b>{formatCents(copayCents)}</b>
              {paidCents > 0 ? ` · paid ${formatCents(paidCents)} (receipt ${copayPaid.receipts.join(', ')})` : ''} · account{' '}
              {balance > 0 ? `balance ${formatCents(balance)}` : 'no balance due'}
            </Text>
            {overdueCents > 0 && <OverdueInstalment patientId={target.patientId as PatientId} overdueCents={overdueCents} balanceCents={balance} />}
            {paidTodayLoose.length > 0 && !checkin.money.at && (
              <Text size="sm" c="orange.9" role="status">
                Already paid today: {paidTodayLoose.map((e) => `${formatCents(e.amountCents)} (receipt ${e.receiptNumber})`).join(', ')}. If that was the co-pay, defer it as “{PAID_EARLIER}”.
              </Text>
            )}
            {checkin.money.at ? (
              <Confirmed text={checkin.money.paymentId ? `${formatCents(checkin.money.copayCents)} collected by ${checkin.money.by}` : `Deferred (${checkin.money.deferredReason}) by ${checkin.money.by}`} />
            ) : owedCents > 0 && insuranceReady ? (
              <Stack gap="xs">
                <PaymentForm
                  patientId={target.patientId as PatientId}
                  appointmentId={(target.appointmentId || null) as AppointmentId | null}
                  amountCents={owedCents}
                  submitLabel={`Collect ${formatCents(owedCents)} and print receipt`}
                  onDone={(outcome) => {
                    setCheckin((c) => ({ ...c, money: { ...stamp(), copayCents, paymentId: outcome.entry.id, deferredReason: '' } }));
                    if (outcome.printError) notifications.show({ color: 'orange', title: 'Payment recorded; the receipt did not print', message: `${outcome.printError} Reprint it from Payments.` });
                  }}
                />
                <DeferForm onDefer={(reason) => setCheckin((c) => ({ ...c, money: { ...stamp(), copayCents, paymentId: '', deferredReason: reason } }))} />
              </Stack>
            ) : !insuranceReady ? (
              <Text size="sm" c="dimmed">
                The co-pay follows from the insurance step.
              </Text>
            ) : null}
          </Step>
        </Stack>
      </SimpleGrid>

      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <RefusalNotice guard={guard} />
      <Group justify="flex-end" data-step="finish">
        <Text size="xs" c="dimmed">
          Ctrl+Enter
        </Text>
        <Button data-primary color="teal" loading={busy} disabled={current !== 'finish'} onClick={() => void finish()}>
          Complete check-in
        </Button>
      </Group>

      <Modal opened={editing === 'demographics'} onClose={() => setEditing(null)} title={`Edit ${name}`} size="lg">
        <EditPatientForm
          patient={patient}
          onDone={() => {
            setEditing(null);
            // Saved (the record changed while the form was open) or cancelled.
            void desk.patients.get(patient.id).then((now) => {
              if (now && now.updatedAt !== patient.updatedAt) setCheckin((c) => ({ ...c, demographics: { ...stamp(), changed: true } }));
            });
          }}
        />
      </Modal>
      <Modal opened={editing === 'coverages'} onClose={() => setEditing(null)} title={`Coverages · ${name}`} size="lg">
        <CoveragesPanel patient={patient} coverages={records.coverages} />
      </Modal>
      {signing && (
        <SignFormDialog
          form={signing}
          patient={patient}
          coverage={coverage ?? null}
          onClose={() => setSigning(null)}
          onSigned={(documentId) => {
            const form = signing;
            setSigning(null);
            setCheckin((c) => ({ ...c, forms: [...c.forms, { form, how: 'on-screen', documentId, ...stamp() }] }));
          }}
        />
      )}
    </Stack>
  );
}

function Step({ n, title, done, step, extra, children }: { n: number; title: string; done: boolean; step: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={title} data-step={step} style={done ? undefined : { borderColor: 'var(--mantine-color-blue-4)' }}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {n}. {title}
          </Title>
          <Group gap="xs">
            {extra}
            <Badge color={done ? 'teal' : 'gray'} variant={done ? 'filled' : 'light'}>
              {done ? 'Done' : 'To do'}
            </Badge>
          </Group>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function Confirmed({ text }: { text: string }) {
  return (
    <Text size="sm" c="teal.9" role="status">
      ✓ {text}
    </Text>
  );
}

function CardPhoto({ documentId }: { documentId: string }) {
  const url = useDocumentImage(documentId);
  if (!documentId) return null;
  return url ? <Image src={url} alt="Insurance card (front) on file" h={110} w="auto" fit="contain" radius="sm" /> : <Text size="xs">Loading the card…</Text>;
}

function verificationLine(v: Verification, now: number, timeZone: string): string {
  const days = daysSince(v.at, now, timeZone);
  const when = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  const how = v.method ? VERIFICATION_METHOD_LABEL[v.method] : '';
  return `Verified ${when} (${formatUsDate(dateInZone(new Date(v.at), timeZone))}) by ${v.by}${how ? `, ${how.toLowerCase()}` : ''}${v.reference ? `, ref. ${v.reference}` : ''}: ${v.result ? VERIFICATION_RESULT_LABEL[v.result].toLowerCase() : 'no answer recorded'}`;
}

/** How the coverage was verified and what the payer said. */
function VerificationForm({ coverageId, onRecord }: { coverageId: string; onRecord: (v: { coverageId: string; method: VerificationMethod; reference: string; result: VerificationResult }) => void }) {
  const [method, setMethod] = useState<VerificationMethod>('portal');
  const [reference, setReference] = useState('');
  const [result, setResult] = useState<VerificationResult>('active');
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      aria-label="Record verification"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = VerificationInputSchema.safeParse({ coverageId, method, reference, result });
        if (!parsed.success) {
          setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
          return;
        }
        setErrors({});
        onRecord(parsed.data);
      }}
    >
      <SimpleGrid cols={2} spacing="sm">
        <NativeSelect label="Verified by" value={method} onChange={(e) => setMethod(e.currentTarget.value as VerificationMethod)} data={VERIFICATION_METHODS.map((m) => ({ value: m, label: VERIFICATION_METHOD_LABEL[m] }))} />
        <NativeSelect label="Payer says" value={result} onChange={(e) => setResult(e.currentTarget.value as VerificationResult)} data={VERIFICATION_RESULTS.map((r) => ({ value: r, label: VERIFICATION_RESULT_LABEL[r] }))} />
        <TextInput label={method === 'portal' ? 'Confirmation (optional)' : 'Reference'} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors['reference']} />
        <Button type="submit" style={{ alignSelf: 'end' }}>
          Record verification
        </Button>
      </SimpleGrid>
    </form>
  );
}

/** Why the co-pay is not collected now. */
function DeferForm({ onDefer }: { onDefer: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const text = reason === 'other' ? other.trim() : reason;
  return (
    <Group align="flex-end" gap="sm">
      <NativeSelect
        label="Or defer it"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data={[{ value: '', label: 'Choose why' }, ...DEFERRAL_REASONS.map((r) => ({ value: r, label: r })), { value: 'other', label: 'Another reason…' }]}
        error={error}
      />
      {reason === 'other' && <TextInput label="Reason" value={other} onChange={(e) => setOther(e.currentTarget.value)} maxLength={200} />}
      <Button
        variant="default"
        onClick={() => {
          if (!text) {
            setError('Say why the co-pay is deferred');
            return;
          }
          setError(null);
          onDefer(text);
        }}
      >
        Defer co-pay
      </Button>
    </Group>
  );
}

/** An overdue payment-plan instalment, collected here as a payment on account (its own receipt) when the patient pays it. */
function OverdueInstalment({ patientId, overdueCents, balanceCents }: { patientId: PatientId; overdueCents: number; balanceCents: number }) {
  const [open, setOpen] = useState(false);
  return (
    <Alert color="orange" variant="outline" title={`Payment plan: ${formatCents(overdueCents)} overdue`} data-testid="checkin-overdue">
      {open ? (
        <PaymentForm
          patientId={patientId}
          appointmentId={null}
          amountCents={overdueCents}
          balanceCents={Math.max(0, balanceCents)}
          offerCredit={false}
          submitLabel={`Collect instalment and print receipt`}
          onDone={(outcome) => {
            setOpen(false);
            notifications.show({ color: outcome.printError ? 'orange' : 'teal', message: `Instalment of ${formatCents(outcome.receipt.totalCents)} collected, receipt ${outcome.entry.receiptNumber}${outcome.printError ? `; the receipt did not print: ${outcome.printError}` : ''}` });
          }}
        />
      ) : (
        <Group justify="space-between">
          <Text size="sm">An instalment of the patient’s payment plan is past due. Ask for it with the co-pay.</Text>
          <Button size="xs" variant="light" color="orange" onClick={() => setOpen(true)}>
            Collect instalment…
          </Button>
        </Group>
      )}
    </Alert>
  );
}
