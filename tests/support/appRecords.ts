import { couchSwapPrimaryToId } from 'rxdb/plugins/replication-couchdb';
import type { ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import { conflictsForReview } from '../../src/renderer/data/conflicts';
import { PATIENT_REVIEW } from '../../src/renderer/features/patients/data/patientsCollection';
import type { Patient } from '../../src/shared/patients/patient';
import { SYNCED_COLLECTIONS, type SyncedCollection } from '../../src/shared/sync/collections';
import { openTestDesk, testClient, testSettings } from './desk';
import { logoPng } from './pictures';

/** A CouchDB document as RxDB's replication pushes it. */
export type PushedDoc = { _id: string; _deleted: boolean; [field: string]: unknown };

/**
 * Writes records of every synced collection the way the desk does, through the features'
 * repositories (an administrator at the desk): a patient with an address and alerts, a checked-in
 * visit, a card payment, a coverage with its card image, a member of staff, a payer, a provider,
 * the scheduling reference data (a visit type, a room, hours, a holiday), a form's wording and the
 * forms' logo, the clinic profile, and
 * the audit entries all of that leaves.
 */
export async function writeOneOfEach(db: ClinicDatabase, options: { now?: () => Date; prefix?: string } = {}): Promise<void> {
  const prefix = options.prefix ?? 'N1';
  const settings = testSettings({ workstationPrefix: prefix });
  // The desk follows a saved clinic profile into the workstation's settings, as main would.
  const client = testClient(prefix, { 'settings:adoptClinicProfile': async (clinic) => ({ ...settings, clinic }) });
  const desk = openTestDesk(db, {
    roles: () => ['administrator'],
    settings,
    client,
    ...(options.now ? { now: options.now } : {}),
  });
  await desk.patients.finderReady();
  await desk.clinicProfile.save(desk.ctx, { ...settings.clinic, npi: '1234567893' });
  const payer = await desk.catalog.savePayer(null, { name: 'Acme Health Plan', payerCode: 'ACME1', phone: '(800) 555-0100', active: true });
  const provider = await desk.catalog.saveProvider(null, { name: 'Robin Patel', credentials: 'MD', npi: '', active: true });
  const visitType = await desk.catalog.saveAppointmentType(null, { name: 'Follow-up', durationMinutes: 20, color: '#2f9e44', providerIds: [provider.id], needsRoom: true, formsDue: ['consent-to-treat'], feeCents: 12000, copayHintCents: 2500, active: true });
  await desk.catalog.saveRoom(null, { name: 'Exam 1', locationId: settings.siteId, active: true });
  await desk.catalog.saveAvailability(null, {
    name: 'Weekday hours',
    providerId: provider.id,
    locationId: settings.siteId,
    effectiveFrom: '2026-01-01',
    effectiveTo: '',
    blocks: [{ weekday: 1, start: '09:00', end: '12:00', typeIds: [visitType.id] }],
  });
  await desk.catalog.saveDeskRules({ cancelNoticeHours: 48, lateAfterMinutes: 10, waitAmberMinutes: 15, waitRedMinutes: 30 });
  await desk.catalog.saveException(null, { name: 'Thanksgiving', providerId: '', locationId: '', fromDate: '2026-11-26', toDate: '2026-11-27', startTime: '', endTime: '', reason: 'holiday', note: '' });
  const patient = await desk.patients.register({
    givenName: 'Zoë',
    familyName: 'Ñúñez-O’Brien',
    birthDate: '1961-03-04',
    phones: [{ number: '5550101234', type: 'mobile', texts: true }],
    email: 'zoe@example.com',
    address: { line1: '1 Main St', line2: 'Apt 2', city: 'Springfield', state: 'IL', postalCode: '62701' },
    primaryProviderId: provider.id,
    alerts: ['Needs a wheelchair'],
  });
  await desk.catalog.saveService(null, { code: '36415', name: 'Blood draw', feeCents: 2_500, active: true });
  await desk.catalog.saveFormWording({ form: 'financial-policy', body: '- **Payment.** Co-pays are due at check-in; call {phone} with questions.', attestation: 'I agree to pay for the care I receive.' });
  await desk.catalog.saveFormLogo(logoPng(300, 90));
  const visit = await desk.appointments.book({ patientId: patient.id, start: '2026-11-23T15:00:00.000Z', end: '2026-11-23T15:20:00.000Z', timeZone: 'America/Chicago', reason: 'Follow-up' });
  await desk.appointments.checkIn(visit.id);
  const atDesk = await desk.visits.start({ patientId: patient.id, appointmentId: visit.id, providerId: provider.id, typeId: visitType.id });
  await desk.visits.advance(atDesk.id, { step: 'roomed', roomId: '0193a000-0000-7000-8000-0000000000c1' });
  await desk.ledger.recordPayment({ patientId: patient.id, appointmentId: visit.id, amountCents: 2500, method: 'card', reference: '4242', authCode: 'A1B2C3' }, async () => `${prefix}-000001`);
  // Every kind of ledger entry and drawer record: cash into an opened drawer, a charge, an adjustment, a refund, a void, the drawer closed and reopened.
  const drawer = await desk.drawers.open({ floatCents: 10_000 });
  const { payment: cash } = await desk.ledger.recordPayment({ patientId: patient.id, appointmentId: null, amountCents: 5_000, method: 'cash', purpose: 'payment', tenderedCents: 6_000 }, async () => `${prefix}-000002`);
  const supplies = await desk.ledger.postCharge({ patientId: patient.id, description: 'Supplies', amountCents: 9_000, serviceDate: '2026-11-23' });
  await desk.ledger.adjust({ patientId: patient.id, chargeId: supplies.id, amountCents: 500, reason: 'discount', note: 'Cash discount' });
  await desk.ledger.refund({ patientId: patient.id, targetId: cash.id, amountCents: 1_000, method: 'cash', note: 'Overpaid' });
  const mistake = await desk.ledger.postCharge({ patientId: patient.id, description: 'Entered twice', amountCents: 100, serviceDate: '2026-11-23' });
  await desk.ledger.void({ patientId: patient.id, targetId: mistake.id, note: 'Entered in error' });
  // A payment plan agreed and cancelled, another agreed, and a statement sent.
  const today = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const plan = await desk.ledger.agreePlan({ patientId: patient.id, amountCents: 3_000, count: 3, frequency: 'monthly', firstDueDate: today, note: 'Agreed by phone' });
  await desk.ledger.void({ patientId: patient.id, targetId: plan.id, note: 'Paying in full instead' });
  await desk.ledger.agreePlan({ patientId: patient.id, amountCents: 2_000, count: 2, frequency: 'every-2-weeks', firstDueDate: today });
  await desk.ledger.sendStatement({ patientId: patient.id, dueDate: today }, async () => null);
  await desk.drawers.close(drawer.sessionId, { counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], checks: [{ number: '1042', amountCents: 4_550 }], note: 'Counted twice' });
  await desk.drawers.reopen(drawer.sessionId, 'A late payment');
  const coverage = await desk.coverages.add(patient.id, {
    rank: 'primary',
    payerId: payer.id,
    plan: 'PPO',
    memberId: 'XAC123456',
    groupNumber: 'G-100',
    relationship: 'self',
    subscriberName: '',
    subscriberBirthDate: '',
    effectiveFrom: '01/01/2026',
    effectiveTo: '',
  });
  const card = await desk.documents.add(patient.id, { kind: 'insurance-card-front', contentType: 'image/jpeg', bytes: new Uint8Array([255, 216, 255, 224, 0, 16, 74, 70]), width: 10, height: 6 });
  await desk.coverages.attachCard(coverage.id, 'front', card.id);
  await desk.staff.add(desk.ctx, { username: 'dana', displayName: 'Dana Reyes', initials: 'dr', roles: ['front-desk', 'billing'], siteIds: ['north'] }, { passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', pinHash: null });
  // Two workstations changed the patient's name and date of birth unseen: both kept for review, one decided.
  const stored = (await db.patients.findOne(patient.id).exec())!.toJSON() as Patient;
  const later = (ms: number) => new Date(Date.parse(stored.updatedAt) + ms).toISOString();
  const input = {
    assumedMasterState: { ...stored, _deleted: false },
    newDocumentState: { ...stored, givenName: 'Zoe', birthDate: '1961-03-05', updatedAt: later(1_000), siteId: 'north', _deleted: false },
    realMasterState: { ...stored, givenName: 'Zoey', birthDate: '1961-04-03', updatedAt: later(2_000), siteId: 'south', _deleted: false },
  };
  const conflicts = await conflictsForReview('patients', input, PATIENT_REVIEW, options.now?.() ?? new Date());
  await db.conflicts.bulkInsert(conflicts);
  await desk.conflicts.resolve(conflicts[0]!.id, 0);
  await desk.log.flush();
}

/** A stored record as RxDB's CouchDB replication pushes it: its id as `_id`, without `_meta`, `_rev` or `_attachments`. */
export function asPushed(json: Record<string, unknown>): PushedDoc {
  return couchSwapPrimaryToId('id', { ...json, _deleted: false }) as PushedDoc;
}

/** Every record of every synced collection of a database, as the replication would push it. */
export async function pushedDocuments(db: ClinicDatabase): Promise<Record<SyncedCollection, PushedDoc[]>> {
  const entries = await Promise.all(
    SYNCED_COLLECTIONS.map(async (name) => {
      const docs = await db[name].find().exec();
      return [name, docs.map((doc) => asPushed(doc.toMutableJSON() as Record<string, unknown>))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SyncedCollection, PushedDoc[]>;
}
