import { FINAL_STEPS, refusedStep, VISIT_STEPS, type VisitStep } from '../../src/shared/checkin/visit';
import { AppointmentSchema, type Appointment } from '../../src/shared/schedule/appointment';
import { newId, type AppointmentId, type PatientId } from '../../src/shared/domain/ids';
import { NO_VERIFICATION, type Checkin } from '../../src/shared/checkin/checkin';
import { FORM_KINDS } from '../../src/shared/schedule/scheduling';
import { PATIENT_FIELDS, type Patient, type PatientInput } from '../../src/shared/patients/patient';
import { DeskError } from '../../src/renderer/data/workContext';
import { accountOf } from '../../src/shared/payments/account';
import { LedgerEntrySchema, type LedgerEntry } from '../../src/shared/payments/ledger';
import { addDays } from '../../src/shared/domain/time';
import type { Random } from '../support/random';
import { logoPng } from '../support/pictures';
import { EDITABLE_FORMS } from '../../src/shared/catalog/formWording';
import type { ChaosDesk } from './desk';
import { stampKey, type Journal } from './journal';

/** What the desk does, and how often relative to the others. */
export const OPERATION_WEIGHTS = {
  register: 3,
  edit: 3,
  status: 1,
  book: 3,
  checkIn: 2,
  /** Changes a visit's reason as a later "edit visit" would: whatever status the local copy has. */
  reason: 1,
  /** Moves a booked visit to another time (refused when it would overlap). */
  move: 1,
  /** Records a reminder call's result on a booked visit. */
  remind: 1,
  cancel: 1,
  /** Puts a patient on the waitlist. */
  waitlist: 1,
  payment: 3,
  /**
   * The rest of the ledger on a patient's account: a charge, an adjustment, a void, a refund, a payment plan, a statement or
   * credit applied, with a manager's approval where it needs one; often on what another
   * workstation wrote, so two offline desks void or refund the same payment.
   */
  money: 2,
  /** The workstation's cash drawer: opened, counted and closed (sometimes over or short), or reopened by a manager. */
  drawer: 1,
  /** A manager saves a new version of a form's wording or of the forms' logo (or takes the logo off). */
  catalog: 1,
  /** A patient arrives: a visit starts at check-in (for a booked visit, or as a walk-in). */
  arrive: 3,
  /** Moves a patient on the flow board: waiting, roomed, with the provider, check-out, done or left. */
  flow: 3,
} as const;
export type OperationKind = keyof typeof OPERATION_WEIGHTS;

/** The outcome of one operation: done, or refused by a rule of the desk (counted, not a failure). */
export type OperationOutcome = { kind: OperationKind; refused: boolean };

const GIVEN = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jun', 'Kofi', 'Lena'];
const FAMILY = ['Alvarez', 'Brown', 'Chen', 'Diallo', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jones'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview'];
const ROOMS = ['0193a000-0000-7000-8000-0000000000c1', '0193a000-0000-7000-8000-0000000000c2'];
const REASONS = ['Follow-up', 'Annual physical', 'Flu shot', 'Bring labs', 'New patient visit', 'Knee pain'];

/** The logos a manager picks from (small, so the runs stay fast). */
const LOGOS = [logoPng(60, 20), logoPng(90, 30), logoPng(120, 40)];

const phone = (random: Random) => `555${String(random.int(0, 9_999_999)).padStart(7, '0')}`;

function newPatientInput(random: Random): PatientInput {
  const year = random.int(1940, 2020);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    givenName: random.pick(GIVEN),
    familyName: random.pick(FAMILY),
    birthDate: `${year}-${month}-${day}`,
    sex: random.pick(['female', 'male', 'other', 'unknown'] as const),
    phones: [{ number: phone(random), type: 'mobile', texts: random.chance(0.5) }],
  };
}

/** The form's fields of a stored patient, to change some of them as the edit form would. */
function inputOf(patient: Patient): PatientInput {
  return Object.fromEntries(PATIENT_FIELDS.map((field) => [field, structuredClone(patient[field])])) as PatientInput;
}

function edited(input: PatientInput, random: Random): PatientInput {
  const next = { ...input };
  switch (random.int(0, 4)) {
    case 0:
      next.phones = [{ number: phone(random), type: 'mobile', texts: random.chance(0.5) }];
      break;
    case 1:
      next.givenName = random.pick(GIVEN);
      break;
    case 2:
      next.email = `${random.pick(GIVEN).toLowerCase()}${random.int(1, 999)}@example.org`;
      break;
    case 3:
      next.address = { line1: `${random.int(1, 9999)} Main St`, line2: '', city: random.pick(CITIES), state: 'IL', postalCode: String(random.int(60000, 62999)) };
      break;
    default:
      next.preferredName = random.pick(GIVEN);
  }
  return next;
}

/**
 * Half the time, one of the records another workstation made or changed last: those are the
 * records two workstations may change without seeing each other's change.
 */
function preferOthers<T>(desk: ChaosDesk, docs: readonly T[], theirs: (doc: T) => boolean): T | null {
  const others = desk.random.chance(0.5) ? docs.filter(theirs) : [];
  return others.length > 0 ? desk.random.pick(others) : docs.length > 0 ? desk.random.pick(docs) : null;
}

async function somePatient(desk: ChaosDesk): Promise<Patient | null> {
  const docs = await desk.ws.db.patients.find({ selector: { status: { $ne: 'merged-into' } } }).exec();
  // The MRN's prefix names the workstation that registered the patient.
  const doc = preferOthers(desk, docs, (d) => !d.mrn.startsWith(desk.site.slice(0, 1).toUpperCase()));
  return doc ? (doc.toJSON() as Patient) : null;
}

/** December 2026, weekdays' office hours in 15-minute slots (UTC instants). */
function visitTime(random: Random) {
  const start = new Date(Date.UTC(2026, 11, random.int(1, 28), random.int(14, 22), random.pick([0, 15, 30, 45])));
  return { start: start.toISOString(), end: new Date(start.getTime() + 20 * 60_000).toISOString() };
}

/**
 * Checks a visit in through the repository, or gives it a new reason on whatever copy this
 * workstation holds (as an "edit visit" screen would), and journals the write.
 */
export async function changeVisit(desk: ChaosDesk, journal: Journal, id: AppointmentId, how: 'checkIn' | 'reason' | 'move' | 'remind' | 'cancel'): Promise<void> {
  const { ws, site, random } = desk;
  let after: Appointment;
  if (how === 'checkIn') after = await ws.appointments.checkIn(id);
  else if (how === 'move') after = await ws.appointments.reschedule(id, visitTime(random));
  else if (how === 'remind') after = await ws.appointments.recordReminder(id, random.pick(['confirmed', 'left-message', 'no-answer', 'wrong-number'] as const));
  else if (how === 'cancel') after = await ws.appointments.cancel(id, random.pick(['patient', 'provider', 'clinic', 'weather'] as const));
  else {
    const visit = await ws.db.appointments.findOne(id).exec();
    if (!visit) throw new Error(`${site} has no visit ${id}`);
    after = AppointmentSchema.parse((await visit.incrementalPatch({ reason: desk.random.pick(REASONS), updatedAt: desk.now().toISOString(), updatedBy: desk.actor, siteId: site })).toJSON());
  }
  journal.appointment(site, after, desk.bases.get(`${after.id}|${stampKey(after)}`) ?? null);
}

/** One of the ledger's other entries on a patient's account (see OPERATION_WEIGHTS.money); what it wrote. */
async function moneyOperation(desk: ChaosDesk, patientId: PatientId): Promise<LedgerEntry[]> {
  const { random, ws, site } = desk;
  const account = accountOf((await ws.db.ledger.find({ selector: { patientId } }).exec()).map((d) => LedgerEntrySchema.parse(d.toJSON())));
  const amount = () => random.int(1, 400) * 25;
  const fromOthers = <T extends { entry: LedgerEntry }>(list: T[]) => preferOthers(desk, list, (x) => x.entry.siteId !== site)?.entry ?? null;
  const what = random.pick(['charge', 'charge', 'adjust', 'void', 'refund', 'credit', 'plan', 'statement'] as const);
  const today = desk.now().toISOString().slice(0, 10);
  if (what === 'plan') {
    // Two offline desks can each agree a plan for one account: both are kept and counted oldest first.
    if (account.totals.balanceCents < 200) throw new DeskError('Too little owed for a plan');
    ws.grant('payment.adjust');
    return [await ws.ledger.agreePlan({ patientId, amountCents: account.totals.balanceCents, count: random.int(2, 6), frequency: random.pick(['weekly', 'monthly'] as const), firstDueDate: today })];
  }
  if (what === 'statement') {
    const { statement } = await ws.ledger.sendStatement({ patientId, dueDate: addDays(today, 30) }, async () => null);
    return [statement];
  }
  if (what === 'charge') {
    ws.grant('payment.adjust');
    return [await ws.ledger.postCharge({ patientId, description: random.pick(['Office visit', 'Lab draw', 'Supplies']), amountCents: amount(), serviceDate: desk.now().toISOString().slice(0, 10) })];
  }
  if (what === 'adjust') {
    const charge = fromOthers([...account.charges.values()].filter((c) => c.openCents > 0));
    if (!charge || charge.kind !== 'charge') throw new DeskError('Nothing owed to adjust');
    ws.grant('payment.adjust');
    return [await ws.ledger.adjust({ patientId, chargeId: charge.id, amountCents: Math.min(account.charges.get(charge.id)!.openCents, amount()), reason: random.pick(['discount', 'small-balance', 'hardship'] as const) })];
  }
  if (what === 'void') {
    const standing = [...account.charges.values(), ...account.payments.values(), ...account.adjustments.values(), ...account.plans.values()].filter((x) => !x.voided);
    const target = fromOthers(standing);
    if (!target) throw new DeskError('Nothing to void');
    ws.grant(target.kind === 'plan' ? 'payment.adjust' : 'payment.voidOrRefund');
    return [await ws.ledger.void({ patientId, targetId: target.id, note: 'Entered in error' })];
  }
  if (what === 'refund') {
    const payment = fromOthers([...account.payments.values()].filter((p) => !p.voided && p.entry.amountCents > p.refundedCents));
    if (!payment || payment.kind !== 'payment') throw new DeskError('Nothing to refund');
    const left = payment.amountCents - account.payments.get(payment.id)!.refundedCents;
    ws.grant('payment.voidOrRefund');
    return [await ws.ledger.refund({ patientId, targetId: payment.id, amountCents: Math.min(left, amount()), method: 'cash', note: 'Overpaid' })];
  }
  return (await ws.ledger.applyCredit(patientId)).written;
}

/**
 * Does one random thing (or the `chosen` one) at the desk through the workstation's repositories, and writes what it
 * saved into the journal. A rule of the desk may refuse it (a check-in of a visit another
 * workstation checked in a moment ago): that is counted, not a failure; any other error is.
 */
export async function runOperation(desk: ChaosDesk, journal: Journal, chosen?: OperationKind): Promise<OperationOutcome> {
  const { random, ws, site } = desk;
  // Workstations that do not open the visits (see chaosCollections) do not check patients in to the flow board.
  const weights = { ...OPERATION_WEIGHTS, ...(desk.collections.includes('visits') ? {} : { arrive: 0, flow: 0 }), ...(desk.collections.includes('drawers') ? {} : { drawer: 0 }), ...(desk.collections.includes('catalog') ? {} : { catalog: 0 }) };
  let kind = chosen ?? random.weighted(weights);
  const patient = kind === 'register' ? null : await somePatient(desk);
  if (!patient) kind = 'register';
  try {
    switch (kind) {
      case 'register':
        journal.patient(site, await ws.patients.register(newPatientInput(random)), null);
        break;
      case 'edit':
      case 'status': {
        const status = random.pick((['active', 'inactive', 'deceased'] as const).filter((s) => s !== patient!.status));
        const after = kind === 'edit' ? await ws.patients.update(patient!.id, edited(inputOf(patient!), random)) : await ws.patients.setStatus(patient!.id, status);
        // Nothing is written when nothing changed (another workstation's copy may have arrived meanwhile).
        const base = after.updatedBy === desk.actor ? desk.bases.get(`${after.id}|${stampKey(after)}`) : undefined;
        if (base) journal.patient(site, after, base);
        else return { kind, refused: true };
        break;
      }
      case 'book':
        journal.appointment(site, await ws.appointments.book({ patientId: patient!.id, ...visitTime(random), timeZone: 'America/Chicago', reason: random.pick(REASONS) }), null);
        break;
      case 'waitlist':
        journal.appointment(site, await ws.appointments.addToWaitlist({ patientId: patient!.id, typeId: '0193a000-0000-7000-8000-0000000000f2', providerId: '', minutes: 20, reason: 'Sooner please', timeZone: 'America/Chicago', wants: { partOfDay: random.pick(['any', 'morning', 'afternoon'] as const), weekdays: random.chance(0.5) ? [1, 3] : [] } }), null);
        break;
      case 'checkIn':
      case 'reason':
      case 'move':
      case 'remind':
      case 'cancel': {
        const visits = (await ws.db.appointments.find(kind === 'reason' ? {} : { selector: { status: 'booked' } }).exec()).filter((d) => !journal.reserved.has(d.id));
        const visit = preferOthers(desk, visits, (d) => d.siteId !== site);
        if (!visit) return { kind, refused: true };
        await changeVisit(desk, journal, visit.id as AppointmentId, kind);
        break;
      }
      case 'arrive': {
        const booked = (await ws.db.appointments.find({ selector: { patientId: patient!.id, status: 'booked' } }).exec()).filter((d) => !journal.reserved.has(d.id));
        const appointment = booked.length > 0 && random.chance(0.7) ? random.pick(booked) : null;
        const start = { patientId: patient!.id as PatientId, appointmentId: appointment?.id ?? '', providerId: appointment?.providerId ?? '', typeId: appointment?.typeId ?? '' };
        if (random.chance(0.5)) {
          journal.visit(site, await ws.visits.start(start));
          break;
        }
        // Through the desk's steps: some forms signed, the co-pay taken or deferred (two desks may check the same appointment in).
        const at = desk.now().toISOString();
        const by = `Desk ${site}`;
        const forms = FORM_KINDS.filter(() => random.chance(0.5));
        const paid = random.chance(0.5);
        const checkin: Checkin = {
          identity: { at, by },
          demographics: { at, by, changed: random.chance(0.2) },
          insurance: { at, by, coverageId: '' },
          verification: { ...NO_VERIFICATION },
          forms: forms.map((form) => ({ form, how: 'paper', documentId: '', at, by })),
          money: { at, by, copayCents: 2500, paymentId: paid ? newId() : '', deferredReason: paid ? '' : 'Cannot pay today' },
        };
        const visit = await ws.visits.checkIn({ ...start, arrivedAt: at, checkin, formsDue: forms });
        journal.visit(site, visit);
        // A co-pay not paid at check-in goes on the account, as the check-in flow does (two desks may do it for one appointment).
        if (!paid) {
          const due = await ws.ledger.postCopayDue({ patientId: visit.patientId, appointmentId: appointment?.id ?? null, visitId: visit.id, amountCents: 2500 });
          if (due) journal.payment(site, due);
        }
        break;
      }
      case 'flow': {
        const open = (await ws.db.visits.find().exec()).filter((d) => !FINAL_STEPS.has(d.step as VisitStep));
        const visit = preferOthers(desk, open, (d) => d.siteId !== site);
        if (!visit) return { kind, refused: true };
        // A step this copy allows (another workstation's steps may have moved it on meanwhile: then refused).
        const extra = { roomId: random.pick(ROOMS), reason: 'Waited too long' };
        const copy = { step: visit.step as VisitStep, timeline: visit.timeline.map((e) => ({ ...e })) };
        const allowed = VISIT_STEPS.filter((s) => refusedStep(copy, { step: s, ...extra }) === null);
        if (allowed.length === 0) return { kind, refused: true };
        journal.visit(site, await ws.visits.advance(visit.id, { step: random.pick(allowed), ...extra }));
        break;
      }
      case 'payment': {
        const visits = await ws.db.appointments.find({ selector: { patientId: patient!.id } }).exec();
        const method = random.pick(['cash', 'card', 'check', 'other'] as const);
        const reference = method === 'card' ? String(random.int(1000, 9999)) : method === 'check' ? String(random.int(100, 99999)) : method === 'other' ? 'HSA card' : '';
        const authCode = method === 'card' ? `A${random.int(10000, 99999)}` : '';
        // The day's first cash or check opens the drawer, as the desk does before taking them.
        if (ws.drawers && (method === 'cash' || method === 'check') && !(await ws.drawers.today())) journal.drawer(site, await ws.drawers.open({ floatCents: 10_000 }));
        const { written } = await ws.ledger.recordPayment(
          {
            patientId: patient!.id as PatientId,
            appointmentId: visits.length > 0 && random.chance(0.7) ? (random.pick(visits).id as AppointmentId) : null,
            amountCents: random.int(1, 400) * 25,
            method,
            reference,
            authCode,
            purpose: random.pick(['copay', 'payment'] as const),
          },
          desk.nextReceipt,
        );
        for (const entry of written) journal.payment(site, entry);
        break;
      }
      case 'drawer': {
        const drawers = ws.drawers!;
        const today = await drawers.today();
        if (!today) journal.drawer(site, await drawers.open({ floatCents: random.pick([5_000, 10_000, 20_000]) }));
        else if (today.status === 'closed') {
          ws.grant('day.reopen');
          journal.drawer(site, await drawers.reopen(today.open.sessionId, 'A late payment'));
        } else {
          const expected = await drawers.expected(today.open.sessionId);
          // Counted as dollar coins and cents, give or take a little.
          const off = random.chance(0.3) ? random.int(-500, 500) : 0;
          const cash = Math.max(0, expected.expectedCashCents + off);
          const counts = [0, 0, 0, 0, 0, 0, Math.floor(cash / 100), 0, 0, 0, 0, cash % 100];
          const checks = expected.checks.map((c) => ({ number: c.reference || 'n/a', amountCents: c.amountCents }));
          journal.drawer(site, await drawers.close(today.open.sessionId, { counts, checks, note: off ? 'Miscounted change' : '' }));
        }
        break;
      }
      case 'catalog': {
        const catalog = ws.catalog!;
        ws.grant('catalog.manage');
        if (random.chance(0.5)) {
          const form = random.pick(EDITABLE_FORMS);
          journal.catalogEntry(site, await catalog.saveFormWording({ form, body: `Wording ${random.int(1, 1_000_000)} of ${form}, written at ${site}.\n\n- Call {phone} with questions.`, attestation: 'I have read this form.' }));
        } else {
          // One of a few logos, or none: saving the logo in use (or taking off none) is refused.
          const png = random.pick(['', ...LOGOS]);
          journal.catalogEntry(site, await catalog.saveFormLogo(png));
        }
        break;
      }
      case 'money': {
        for (const entry of await moneyOperation(desk, patient!.id as PatientId)) journal.payment(site, entry);
        break;
      }
    }
    return { kind, refused: false };
  } catch (error) {
    if (error instanceof DeskError) return { kind, refused: true };
    throw error;
  }
}
