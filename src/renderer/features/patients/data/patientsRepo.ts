import type { RxCollection } from 'rxdb';
import { auditTime, combineLatest, from, map, startWith, type Observable } from 'rxjs';
import { z } from 'zod';
import { MemberIdSchema, normalizeMemberId, type Coverage } from '../../../../shared/patients/coverage';
import type { PatientDocument } from '../../../../shared/patients/document';
import type { AuditTrail } from '../../audit/public';
import { newId } from '../../../../shared/domain/ids';
import type { PatientId } from '../../../../shared/domain/ids';
import { diffPatientFields, languageLabel, patientDisplayName, PatientInputSchema, PatientSchema, type FieldChange, type Patient, type PatientInput } from '../../../../shared/patients/patient';

/** A patient's markers on lists: front-desk alerts, and the language when an interpreter is needed ('' when not). */
export interface PatientMarkers {
  alerts: string[];
  interpreter: string;
}
import { findPossibleDuplicates, type PossibleDuplicate } from '../../../../shared/patients/duplicates';
import { mergedFields, MergeError, type MergeChoices } from '../../../../shared/patients/merge';
import type { PatientFinder } from '../../../../shared/patients/patientFinder';
import { toFinderRecord } from '../finder/patientFinderIndex';
import { storedReader } from '../../../data/storedRecords';
import { DeskError, type WorkContext } from '../../../data/workContext';

const stored = storedReader(PatientSchema, 'A patient record');

function invalid(error: z.ZodError): DeskError {
  return new DeskError(z.prettifyError(error));
}

/** A change worth recording when a record is created: the fields that were filled in. */
function filledIn(change: FieldChange): boolean {
  const v = change.after;
  return !(v === '' || v === null || v === false || (Array.isArray(v) && v.length === 0));
}

/** Ids of the patient and of every record merged into them, through chains of merges. */
export function identitiesOf(id: string, merged: readonly { id: string; mergedInto: string }[]): string[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const m of merged) if (m.mergedInto === ids[i] && !ids.includes(m.id)) ids.push(m.id);
  return ids;
}

/** One line of search results: what the desk reads to pick the right person. */
export interface PatientRow {
  id: PatientId;
  givenName: string;
  familyName: string;
  birthDate: string;
  phones: { number: string }[];
  mrn: string;
}

export interface HistoryEntry {
  at: string;
  who: string;
  action: string;
  detail: string | null;
  changes: FieldChange[];
}

/** Whether the finder holds every patient yet, and a promise that settles when it does. */
export interface FinderLoading {
  isReady(): boolean;
  whenReady: Promise<unknown>;
}

const ALWAYS_READY: FinderLoading = { isReady: () => true, whenReady: Promise.resolve() };

/** The collections a patient's record spans. */
export interface PatientsCollections {
  patients: RxCollection<Patient>;
  coverages: RxCollection<Coverage>;
  documents: RxCollection<PatientDocument>;
}

export function createPatientsRepo(
  db: PatientsCollections,
  ctx: WorkContext,
  finder: PatientFinder,
  nextMrn: () => Promise<string>,
  trail: Pick<AuditTrail, 'about'>,
  finderLoading: FinderLoading = ALWAYS_READY,
) {

  /** Every record merged into this one, directly or through an earlier merge. */
  const mergedIds = async (id: PatientId): Promise<PatientId[]> => {
    const found: PatientId[] = [];
    let frontier: string[] = [id];
    while (frontier.length > 0) {
      const docs = await db.patients.find({ selector: { mergedInto: { $in: frontier } } }).exec();
      frontier = docs.map((d) => d.id).filter((x) => x !== id && !found.includes(x as PatientId));
      found.push(...(frontier as PatientId[]));
    }
    return found;
  };

  const repo = {
    /** Registers a patient from form input; nothing is saved unless the whole input is valid. */
    async register(input: PatientInput): Promise<Patient> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) throw invalid(parsed.error);
      const { approvedBy } = await ctx.authorize('patient.register');
      const mrn = await nextMrn();
      const patient = PatientSchema.parse({ ...parsed.data, id: newId<'PatientId'>(), mrn, status: 'active', mergedInto: '', ...ctx.created() });
      await db.patients.insert(patient);
      await ctx.auditSaved({
        action: 'create',
        patientId: patient.id,
        subject: `patients/${patient.id}`,
        changes: diffPatientFields(null, parsed.data).filter(filledIn),
        approvedBy,
      });
      return patient;
    },
    /**
     * Changes a patient's record. Only fields that differ are written, and each is audited with
     * its value before and after, which is the record's edit history.
     */
    async update(id: PatientId, input: PatientInput): Promise<Patient> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) throw invalid(parsed.error);
      const doc = await db.patients.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw patientNotFound();
      if (current.status === 'merged-into') throw new DeskError('This record was merged into another one; change the surviving record instead.');
      const changes = diffPatientFields(current, parsed.data);
      if (changes.length === 0) return current;
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: id });
      const changed = Object.fromEntries(Object.entries(parsed.data).filter(([field]) => changes.some((c) => c.field === field || c.field.startsWith(`${field}.`))));
      const updated = await doc.incrementalPatch({ ...changed, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: id, subject: `patients/${id}`, changes, approvedBy });
      return PatientSchema.parse(updated.toJSON());
    },
    /** Marks a patient active, inactive or deceased; audited like any change. */
    async setStatus(id: PatientId, status: 'active' | 'inactive' | 'deceased'): Promise<Patient> {
      const doc = await db.patients.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw patientNotFound();
      if (current.status === 'merged-into') throw new DeskError('A merged record cannot change status.');
      if (current.status === status) return current;
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: id });
      const updated = await doc.incrementalPatch({ status, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: id, subject: `patients/${id}`, changes: [{ field: 'status', before: current.status, after: status }], approvedBy });
      return PatientSchema.parse(updated.toJSON());
    },
    /**
     * Merges `otherId` into `survivorId`: the survivor takes the chosen field values, the other
     * record becomes `merged-into` the survivor, and its appointments, coverages and documents are
     * moved to the survivor. Ledger entries are append-only and keep the patient they were
     * written for; every list of a patient's money, visits and papers includes the records merged
     * into it, so entries that sync in later for the old record are counted too.
     */
    async merge(survivorId: PatientId, otherId: PatientId, choices: MergeChoices): Promise<Patient> {
      const [survivorDoc, otherDoc] = await Promise.all([db.patients.findOne(survivorId).exec(), db.patients.findOne(otherId).exec()]);
      const survivor = stored.one(survivorDoc);
      const other = stored.one(otherDoc);
      if (!survivorDoc || !otherDoc || !survivor || !other) throw patientNotFound();
      let fields;
      try {
        fields = mergedFields(survivor, other, choices);
      } catch (error) {
        if (error instanceof MergeError) throw new DeskError(error.message);
        throw error;
      }
      const { approvedBy } = await ctx.authorize('patient.merge', { patientId: survivorId });
      const detail = `Merged ${other.familyName}, ${other.givenName} (${other.mrn || 'no MRN'}) into ${survivor.familyName}, ${survivor.givenName} (${survivor.mrn || 'no MRN'})`;
      const changes = diffPatientFields(survivor, fields);
      const updated = await survivorDoc.incrementalPatch({ ...fields, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'merge', patientId: survivorId, subject: `patients/${survivorId}`, detail, changes, approvedBy });
      await otherDoc.incrementalPatch({ status: 'merged-into', mergedInto: survivorId, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'merge',
        patientId: otherId,
        subject: `patients/${otherId}`,
        detail,
        changes: [
          { field: 'status', before: other.status, after: 'merged-into' },
          { field: 'mergedInto', before: '', after: survivorId },
        ],
        approvedBy,
      });
      // Other features move what they keep for the patient (appointments, ...).
      const moved = await ctx.movePatientRecords(otherId, survivorId);
      for (const d of await db.documents.find({ selector: { patientId: otherId } }).exec()) {
        await d.incrementalPatch({ patientId: survivorId, ...ctx.stamp() });
        moved.push(`documents/${d.id}`);
      }
      // The same card entered on both records is one coverage: the moved copy is ended.
      const kept = (await db.coverages.find({ selector: { patientId: survivorId, status: 'active' } }).exec()).map((c) => `${c.payerId}|${normalizeMemberId(c.memberId)}`);
      for (const c of await db.coverages.find({ selector: { patientId: otherId } }).exec()) {
        const duplicate = c.status === 'active' && kept.includes(`${c.payerId}|${normalizeMemberId(c.memberId)}`);
        await c.incrementalPatch({ patientId: survivorId, ...(duplicate ? { status: 'inactive' as const } : {}), ...ctx.stamp() });
        moved.push(`coverages/${c.id}${duplicate ? ' (same card as a kept coverage, ended)' : ''}`);
      }
      if (moved.length > 0) {
        await ctx.auditSaved({ action: 'change', patientId: survivorId, subject: `patients/${survivorId}`, detail: `Moved from the merged record: ${moved.join(', ')}`, approvedBy });
      }
      return PatientSchema.parse(updated.toJSON());
    },
    /** The patient and every record merged into them: whose appointments, payments and papers are theirs. */
    async identities(id: PatientId): Promise<PatientId[]> {
      return [id, ...(await mergedIds(id))];
    },
    /** Follows merges to the record that survives (an appointment booked for a merged record). */
    async resolve(id: PatientId): Promise<Patient | null> {
      let patient = stored.one(await db.patients.findOne(id).exec());
      for (let hops = 0; patient?.status === 'merged-into' && hops < 20; hops++) {
        patient = stored.one(await db.patients.findOne(patient.mergedInto).exec());
      }
      return patient;
    },
    /** Who changed what on this patient's record and when, newest first, from every workstation. */
    async history(id: PatientId): Promise<HistoryEntry[]> {
      await ctx.authorize('patient.view', { patientId: id });
      const entries = await trail.about(id, `patients/${id}`, ['create', 'change', 'merge']);
      return entries.map((e) => ({ at: e.at, who: e.actorName, action: e.action, detail: e.detail ?? null, changes: (e.changes ?? []) as FieldChange[] }));
    },
    /** Reads a patient for the app's own use (names in lists); not audited as a view. */
    async get(id: PatientId): Promise<Patient | null> {
      return stored.one(await db.patients.findOne(id).exec());
    },
    /** Opens a patient's record for a person to read: checked and audited as a view. */
    async open(id: PatientId): Promise<Patient | null> {
      await ctx.authorize('patient.view', { patientId: id });
      const patient = stored.one(await db.patients.findOne(id).exec());
      if (patient) await ctx.audit({ action: 'view', patientId: id, subject: `patients/${id}`, detail: 'Opened the patient record' });
      return patient;
    },
    /**
     * Finds patients (all but merged records) by name words in any order, date of birth as typed, phone digits or
     * MRN, through the in-memory finder index. The rows come from the index itself, so a long
     * list costs no database reads; opening one reads (and audits) the record.
     */
    async search(query: string, limit = 50): Promise<PatientRow[]> {
      if (!query.trim()) return [];
      await ctx.authorize('patient.view');
      // Until the finder is loaded it would answer from nobody; the screens say it is loading.
      if (!finderLoading.isReady()) return [];
      return finder.search(query, limit, ctx.now()).map(({ record }) => ({
        id: record.id as PatientId,
        givenName: record.givenName,
        familyName: record.familyName,
        birthDate: record.birthDate,
        phones: record.phones.map((number) => ({ number })),
        mrn: record.mrn ?? '',
      }));
    },
    /**
     * Registered patients who may be the person about to be registered: the same date of birth
     * with a similar name, the same phone, or the same insurance member id.
     */
    async possibleDuplicates(input: PatientInput, memberId = '', exceptId?: PatientId): Promise<PossibleDuplicate[]> {
      const parsed = PatientInputSchema.safeParse(input);
      if (!parsed.success) return [];
      await ctx.authorize('patient.view');
      // A duplicate check against a finder still loading would miss people: it waits.
      await finderLoading.whenReady;
      const phones = parsed.data.phones.map((p) => p.number);
      const candidates = [
        ...finder.find({ kind: 'dob', dates: [parsed.data.birthDate] }, 1_000),
        ...phones.flatMap((digits) => finder.find({ kind: 'phone', digits }, 1_000)),
      ];
      const sameMemberId = new Set<string>();
      const member = MemberIdSchema.safeParse(memberId);
      if (member.success) {
        const coverages = await db.coverages.find({ selector: { memberId: member.data, status: 'active' } }).exec();
        for (const c of coverages) {
          const owner = await repo.resolve(c.patientId as PatientId);
          if (!owner || owner.status === 'merged-into') continue;
          sameMemberId.add(owner.id);
          candidates.push({ id: owner.id, record: toFinderRecord(owner) });
        }
      }
      const unique = [...new Map(candidates.filter((h) => h.id !== exceptId).map((h) => [h.id, h.record])).values()];
      return findPossibleDuplicates({ ...parsed.data, phones }, unique, sameMemberId);
    },
    /** Resolves once the finder holds every patient (search and the duplicate check answer fully). */
    async finderReady(): Promise<void> {
      await finderLoading.whenReady;
    },
    /** How many patients this workstation holds, live (a joining workstation's progress). */
    observeCount(): Observable<number> {
      return db.patients.count().$;
    },
    /** One patient, live: edits and synced changes show at once. */
    observe(id: PatientId): Observable<Patient | null> {
      return db.patients.findOne(id).$.pipe(stored.liveOne);
    },
    /** Display names for a set of patient ids, live. */
    observeNames(ids: readonly string[]): Observable<Map<string, string>> {
      return db.patients.findByIds([...ids]).$.pipe(map((docs) => new Map([...docs.values()].map((d) => [d.id, patientDisplayName(d)]))));
    },
    /** What the desk should see before anyone opens a record: each patient's front-desk alerts and interpreter need, live. */
    observeMarkers(ids: readonly string[]): Observable<Map<string, PatientMarkers>> {
      return db.patients
        .findByIds([...ids])
        .$.pipe(map((docs) => new Map([...docs.values()].map((d) => [d.id, { alerts: [...d.alerts], interpreter: d.interpreterNeeded ? languageLabel(d.language) : '' }]))));
    },
    /** The patient and every record merged into them, through chains of merges, live. */
    observeIdentities(id: PatientId): Observable<string[]> {
      return db.patients.find({ selector: { mergedInto: { $gt: '' } } }).$.pipe(map((docs) => identitiesOf(id, docs.map((d) => ({ id: d.id, mergedInto: d.mergedInto })))));
    },
    /**
     * Everyone a patient pays for as their guarantor (from the finder, kept current by every
     * change), each with the records merged into them: the guarantor's family account.
     */
    observeDependants(guarantorId: PatientId): Observable<{ id: PatientId; name: string; identities: string[] }[]> {
      // A burst of changes (a sync) is read once every half second, not once a record.
      const ready = from(finderLoading.whenReady.catch(() => null)).pipe(startWith(null));
      return combineLatest([db.patients.find({ selector: { mergedInto: { $gt: '' } } }).$, db.patients.$.pipe(auditTime(500), startWith(null)), ready]).pipe(
        map(([merged]) => {
          const links = merged.map((d) => ({ id: d.id, mergedInto: d.mergedInto }));
          return finder.dependantsOf(guarantorId).map((r) => ({ id: r.id as PatientId, name: patientDisplayName(r), identities: identitiesOf(r.id, links) }));
        }),
      );
    },
    /** Emits whenever any patient record changes here or arrives by sync. */
    changes(): Observable<unknown> {
      return db.patients.$;
    },
  };
  return repo;
}

export type PatientsRepo = ReturnType<typeof createPatientsRepo>;

/** Thrown for an unknown patient id. */
export function patientNotFound(): DeskError {
  return new DeskError('That patient could not be found.');
}
