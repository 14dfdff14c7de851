import type { RxCollection } from 'rxdb';
import { z } from 'zod';
import { DEFAULT_SEED, SeedCountSchema } from '../../../shared/demo/seedRequest';
import { CatalogEntrySchema, type CatalogEntry } from '../../../shared/catalog/catalog';
import type { Appointment } from '../../../shared/schedule/appointment';
import { CLINIC_PROFILE_ID, ClinicProfileSchema } from '../../../shared/catalog/clinic';
import { CoverageSchema, type Coverage } from '../../../shared/patients/coverage';
import type { PatientId } from '../../../shared/domain/ids';
import { PatientSchema, type Patient } from '../../../shared/patients/patient';
import { addDays, dateInZone, dayRangeInZone, zonedTimeToInstant } from '../../../shared/domain/time';
import type { AppointmentsRepo } from '../schedule/public';
import { DeskError, type WorkContext } from '../../data/workContext';
import { planDemoSchedule, type PlannedVisit } from './demoSchedule';

/** Records are written this many at a time, with the desk free to repaint in between. */
const BATCH = 1_000;
/** Generating is the slow part (faker), so it yields more often than it writes. */
const GENERATE_SLICE = 200;

/** Made-up patients were about to go into a clinic that is not the demo clinic. */
export class NotADemoClinic extends DeskError {
  constructor(readonly clinicName: string | null) {
    super(
      clinicName === null
        ? 'This workstation has no demo clinic. ClinicDesk loads made-up patients only into the demo clinic, so nothing was loaded.'
        : `“${clinicName}” is not a demo clinic. ClinicDesk loads made-up patients only into the demo clinic, so nothing was loaded.`,
    );
    this.name = 'NotADemoClinic';
  }
}

export interface SeedProgress {
  phase: 'patients' | 'appointments';
  /** Patients and appointments handled so far, of `total`: one bar for the whole load. */
  done: number;
  total: number;
}

export interface SeedOptions {
  patients: number;
  seed?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedResult {
  patientsAdded: number;
  /** Asked-for patients that were already in the clinic from an earlier load. */
  patientsPresent: number;
  coveragesAdded: number;
  appointmentsBooked: number;
  /** Visits of weekly series booked, and patients put on the waitlist (on the first load only). */
  repeatingBooked: number;
  waitlisted: number;
}

/** The collections the demo clinic fills. */
export interface DemoCollections {
  catalog: RxCollection<CatalogEntry>;
  patients: RxCollection<Patient>;
  coverages: RxCollection<Coverage>;
  appointments: RxCollection<Appointment>;
}

/** What loading needs: the collections it fills, the work context, and booking through the schedule. */
export interface SeedTarget {
  db: DemoCollections;
  ctx: WorkContext;
  appointments: Pick<AppointmentsRepo, 'book' | 'bookSeries' | 'addToWaitlist'>;
}

/**
 * Loads a synthetic clinic into the demo clinic: payers and providers, visit types, rooms, the
 * providers' hours and a holiday, `patients` made-up patients with their insurance, and a few days
 * of appointments (each with a provider and a type) for some of them. Records already present
 * (same seed, deterministic ids) are skipped, so loading twice, or a larger clinic over a smaller
 * one, never makes two of anyone. The loading is audited as one entry; each appointment is booked
 * and audited like any other.
 *
 * Refuses, before writing anything, when the clinic is not a demo clinic.
 */
export async function seedSyntheticClinic({ db, ctx, appointments }: SeedTarget, options: SeedOptions): Promise<SeedResult> {
  const count = SeedCountSchema.safeParse(options.patients);
  if (!count.success) throw new DeskError(count.error.issues[0]?.message ?? 'Not a number of patients');
  const patients = count.data;
  const seed = options.seed ?? DEFAULT_SEED;
  await requireDemoClinic(db);
  await ctx.authorize('patient.register');

  // Loaded only here, so faker's locales stay out of the desk's own bundle.
  const generator = await import('../../../shared/demo/syntheticClinic');
  const now = ctx.now();
  const timeZone = ctx.timeZone();
  const today = dateInZone(now, timeZone);
  const stamp = ctx.created();
  const generate = { seed, asOf: today, siteId: stamp.siteId, by: stamp.updatedBy };

  const visits = await visitsToBook(db, planDemoSchedule({ today, patients, seed }), timeZone);
  const wanted = new Set(visits.map((v) => v.patientIndex));
  const patientIds = new Map<number, PatientId>();
  const total = patients + visits.length;
  const report = (phase: SeedProgress['phase'], done: number) => options.onProgress?.({ phase, done, total });
  report('patients', 0);

  const scheduling = generator.syntheticScheduling(generate);
  const catalog = [
    ...generator.syntheticPayers(generate),
    ...generator.syntheticProviders(generate),
    ...generator.syntheticServices(generate),
    ...scheduling.types,
    ...scheduling.rooms,
    ...scheduling.templates,
    scheduling.holiday,
  ].map((entry) => CatalogEntrySchema.parse({ ...entry, ...stamp }));
  await insertMissing(db.catalog, catalog);
  const providerIds = generator.syntheticProviders(generate).map((p) => p.id);
  const typeByName = new Map(scheduling.types.map((t) => [t.name, t.id]));
  // Each visit goes to the first provider free at its time, so the demo books no overlaps.
  const busy = new Map<string, { start: number; end: number }[]>();

  const result: SeedResult = { patientsAdded: 0, patientsPresent: 0, coveragesAdded: 0, appointmentsBooked: 0, repeatingBooked: 0, waitlisted: 0 };
  for (let from = 0; from < patients; from += BATCH) {
    const end = Math.min(from + BATCH, patients);
    const batch: { patients: Patient[]; coverages: Coverage[] } = { patients: [], coverages: [] };
    for (let slice = from; slice < end; slice += GENERATE_SLICE) {
      const made = generator.syntheticPatients(slice, Math.min(GENERATE_SLICE, end - slice), generate);
      made.patients.forEach((p, i) => {
        batch.patients.push({ ...p, ...stamp });
        if (wanted.has(slice + i)) patientIds.set(slice + i, p.id);
      });
      batch.coverages.push(...made.coverages.map((c) => ({ ...c, ...stamp })));
      await yieldToDesk();
    }
    // The generator's records are checked against the schemas once, on the first batch: enough to
    // catch the two drifting apart without doubling the time a large clinic takes to load.
    if (from === 0) checkRecords(batch);
    const added = await insertMissing(db.patients, batch.patients);
    result.patientsAdded += added;
    result.patientsPresent += batch.patients.length - added;
    result.coveragesAdded += await insertMissing(db.coverages, batch.coverages);
    report('patients', end);
    await yieldToDesk();
  }

  if (result.patientsAdded > 0) {
    await ctx.audit({
      action: 'create',
      subject: 'patients (synthetic)',
      changes: [{ field: 'synthetic patients', before: result.patientsPresent, after: result.patientsPresent + result.patientsAdded }],
      detail:
        `Loaded ${result.patientsAdded.toLocaleString('en-US')} synthetic patients (made-up people, seed ${seed}) into the demo clinic` +
        (result.patientsPresent > 0 ? `; ${result.patientsPresent.toLocaleString('en-US')} were already here` : ''),
    });
  }

  for (const visit of visits) {
    const patientId = patientIds.get(visit.patientIndex);
    if (!patientId) continue;
    const start = zonedTimeToInstant(visit.date, visit.time, timeZone);
    const span = { start: start.getTime(), end: start.getTime() + visit.minutes * 60_000 };
    const providerId = providerIds.find((id) => !(busy.get(id) ?? []).some((b) => b.start < span.end && b.end > span.start)) ?? '';
    if (providerId) busy.set(providerId, [...(busy.get(providerId) ?? []), span]);
    await appointments.book({
      patientId,
      start: start.toISOString(),
      end: new Date(span.end).toISOString(),
      timeZone,
      reason: visit.reason,
      providerId,
      typeId: typeByName.get(visit.reason) ?? '',
    });
    result.appointmentsBooked++;
    report('appointments', patients + result.appointmentsBooked);
  }
  if (result.appointmentsBooked > 0 && visits[0]!.date === today) await addRegulars(appointments, [...patientIds.values()], { today, timeZone, providerIds, typeByName }, result);
  return result;
}

/**
 * On the first load, what a real schedule also has: two patients seen weekly for a month from
 * next week (with the second provider, dates already taken left out) and two waiting for an
 * earlier time.
 */
async function addRegulars(
  appointments: SeedTarget['appointments'],
  patientIds: readonly PatientId[],
  clinic: { today: string; timeZone: string; providerIds: readonly string[]; typeByName: ReadonlyMap<string, string> },
  result: SeedResult,
): Promise<void> {
  const [weeklyA, weeklyB, waitingA, waitingB] = patientIds;
  let first = addDays(clinic.today, 7);
  while ([0, 6].includes(new Date(`${first}T00:00:00Z`).getUTCDay())) first = addDays(first, 1);
  const followUp = clinic.typeByName.get('Follow-up') ?? '';
  const provider = clinic.providerIds[1] ?? clinic.providerIds[0] ?? '';
  for (const [patientId, time, reason] of [
    [weeklyA, '08:00', 'Blood pressure check'],
    [weeklyB, '13:00', 'Follow-up'],
  ] as const) {
    if (!patientId) continue;
    const start = zonedTimeToInstant(first, time, clinic.timeZone);
    const { booked } = await appointments.bookSeries(
      { patientId, start: start.toISOString(), end: new Date(start.getTime() + 20 * 60_000).toISOString(), timeZone: clinic.timeZone, reason, providerId: provider, typeId: clinic.typeByName.get(reason) ?? followUp },
      { every: 1, unit: 'week', count: 4 },
      { skipTaken: true },
    );
    result.repeatingBooked += booked.length;
  }
  for (const [patientId, type, providerId, wants] of [
    [waitingA, 'Annual physical', '', { partOfDay: 'morning', weekdays: [1, 3] }],
    [waitingB, 'New patient visit', clinic.providerIds[0] ?? '', { partOfDay: 'afternoon', weekdays: [] }],
  ] as const) {
    if (!patientId) continue;
    await appointments.addToWaitlist({ patientId, typeId: clinic.typeByName.get(type) ?? '', providerId, minutes: 40, reason: type, timeZone: clinic.timeZone, wants: { partOfDay: wants.partOfDay, weekdays: [...wants.weekdays] } });
    result.waitlisted++;
  }
}

async function requireDemoClinic(db: Pick<DemoCollections, 'catalog'>): Promise<void> {
  const doc = await db.catalog.findOne(CLINIC_PROFILE_ID).exec();
  if (!doc) throw new NotADemoClinic(null);
  const profile = ClinicProfileSchema.safeParse(doc.toJSON());
  if (!profile.success) throw new NotADemoClinic(typeof doc.get('name') === 'string' ? (doc.get('name') as string) : null);
  if (!profile.data.demo) throw new NotADemoClinic(profile.data.name);
}

/** The planned visits on days whose schedule is still empty: a day already booked is left as it is. */
async function visitsToBook(db: Pick<DemoCollections, 'appointments'>, plan: PlannedVisit[], timeZone: string): Promise<PlannedVisit[]> {
  const open = new Set<string>();
  for (const date of new Set(plan.map((v) => v.date))) {
    const { start, end } = dayRangeInZone(date, timeZone);
    const booked = await db.appointments.findOne({ selector: { start: { $gte: start.toISOString(), $lt: end.toISOString() } } }).exec();
    if (!booked) open.add(date);
  }
  return plan.filter((v) => open.has(v.date));
}

function checkRecords(batch: { patients: unknown[]; coverages: unknown[] }): void {
  for (const [schema, records] of [
    [PatientSchema, batch.patients],
    [CoverageSchema, batch.coverages],
  ] as const) {
    for (const record of records) {
      const parsed = schema.safeParse(record);
      if (!parsed.success) throw new DeskError(`A synthetic record does not fit the clinic’s rules, so nothing more was loaded: ${z.prettifyError(parsed.error)}`);
    }
  }
}

/** Inserts the records whose ids are not in the collection yet; answers how many it inserted. */
async function insertMissing<T extends { id: string }>(collection: RxCollection<T>, records: T[]): Promise<number> {
  if (records.length === 0) return 0;
  const present = await collection.findByIds(records.map((r) => r.id)).exec();
  const fresh = records.filter((r) => !present.has(r.id));
  if (fresh.length === 0) return 0;
  const { error } = await collection.bulkInsert(fresh);
  // 409: written meanwhile (another load, or sync), which is what skipping wants anyway.
  const failed = error.filter((e) => e.status !== 409);
  if (failed.length > 0) throw new DeskError(`${failed.length} synthetic ${collection.name} records could not be saved (error ${failed[0]!.status}).`);
  return fresh.length - error.length;
}

/**
 * Lets the desk repaint and answer input between batches. Not a timer: browsers slow timers in a
 * hidden tab or minimized window to one a second or less, which would stall a large load.
 */
function yieldToDesk(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
