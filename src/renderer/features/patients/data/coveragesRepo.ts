import type { RxCollection } from 'rxdb';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { PayerSchema, type CatalogEntry } from '../../../../shared/catalog/catalog';
import { COVERAGE_RANK_LABEL, CoverageInputSchema, CoverageSchema, type Coverage, type CoverageInput } from '../../../../shared/patients/coverage';
import { newId, type PatientId } from '../../../../shared/domain/ids';
import { storedReader } from '../../../data/storedRecords';
import { DeskError, type WorkContext } from '../../../data/workContext';

const stored = storedReader(CoverageSchema, 'An insurance coverage');

const RANK_ORDER = { primary: 0, secondary: 1, tertiary: 2 } as const;

/** A patient's insurance coverages. Ended ones stay on file as inactive. */
export function createCoveragesRepo(db: { coverages: RxCollection<Coverage>; catalog: RxCollection<CatalogEntry> }, ctx: WorkContext) {

  const payerName = async (payerId: string): Promise<string> => {
    const payer = PayerSchema.safeParse((await db.catalog.findOne(payerId).exec())?.toJSON());
    if (!payer.success) throw new DeskError('Choose an insurance company from the payer list.');
    return payer.data.name;
  };

  /** Only one active coverage per rank: another plan already primary is a mistake to fix first. */
  const checkRankFree = async (patientId: PatientId, rank: Coverage['rank'], exceptId: string | null) => {
    const active = await db.coverages.find({ selector: { patientId, status: 'active', rank } }).exec();
    if (active.some((c) => c.id !== exceptId)) {
      throw new DeskError(`This patient already has an active ${COVERAGE_RANK_LABEL[rank].toLowerCase()} coverage. End it or change its order first.`);
    }
  };

  return {
    async add(forPatient: PatientId, input: CoverageInput): Promise<Coverage> {
      const parsed = CoverageInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const patientId = await ctx.patientOnFile(forPatient);
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId });
      await checkRankFree(patientId, parsed.data.rank, null);
      const coverage = CoverageSchema.parse({
        ...parsed.data,
        id: newId<'CoverageId'>(),
        patientId,
        payerName: await payerName(parsed.data.payerId),
        cardFrontId: '',
        cardBackId: '',
        status: 'active',
        ...ctx.created(),
      });
      await db.coverages.insert(coverage);
      await ctx.auditSaved({
        action: 'create',
        patientId,
        subject: `coverages/${coverage.id}`,
        changes: Object.entries(parsed.data)
          .filter(([, v]) => v !== '')
          .map(([field, after]) => ({ field, before: null, after })),
        approvedBy,
      });
      return coverage;
    },
    async update(id: string, input: CoverageInput): Promise<Coverage> {
      const parsed = CoverageInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      const doc = await db.coverages.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw new DeskError('That coverage could not be found.');
      const changes = (Object.keys(parsed.data) as (keyof typeof parsed.data)[])
        .filter((f) => current[f] !== parsed.data[f])
        .map((field) => ({ field, before: current[field], after: parsed.data[field] }));
      if (changes.length === 0) return current;
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: current.patientId });
      if (current.status === 'active') await checkRankFree(current.patientId, parsed.data.rank, id);
      const name = parsed.data.payerId === current.payerId ? current.payerName : await payerName(parsed.data.payerId);
      const updated = await doc.incrementalPatch({ ...parsed.data, payerName: name, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: current.patientId, subject: `coverages/${id}`, changes, approvedBy });
      return CoverageSchema.parse(updated.toJSON());
    },
    /** Takes a coverage off the active list (the plan ended, or it was entered in error). */
    async end(id: string, endDate: string): Promise<Coverage> {
      const doc = await db.coverages.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw new DeskError('That coverage could not be found.');
      if (endDate && current.effectiveFrom && endDate < current.effectiveFrom) throw new DeskError('The end date is before the effective date.');
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: current.patientId });
      const updated = await doc.incrementalPatch({ status: 'inactive', effectiveTo: endDate || current.effectiveTo, ...ctx.stamp() });
      await ctx.auditSaved({
        action: 'change',
        patientId: current.patientId,
        subject: `coverages/${id}`,
        changes: [
          { field: 'status', before: current.status, after: 'inactive' },
          ...(endDate && endDate !== current.effectiveTo ? [{ field: 'effectiveTo', before: current.effectiveTo, after: endDate }] : []),
        ],
        approvedBy,
      });
      return CoverageSchema.parse(updated.toJSON());
    },
    /** Links a stored card image to a coverage. */
    async attachCard(id: string, side: 'front' | 'back', documentId: string): Promise<Coverage> {
      const doc = await db.coverages.findOne(id).exec();
      const current = stored.one(doc);
      if (!doc || !current) throw new DeskError('That coverage could not be found.');
      const field = side === 'front' ? 'cardFrontId' : 'cardBackId';
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: current.patientId });
      const updated = await doc.incrementalPatch({ [field]: documentId, ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: current.patientId, subject: `coverages/${id}`, changes: [{ field, before: current[field], after: documentId }], approvedBy });
      return CoverageSchema.parse(updated.toJSON());
    },
    /** The coverages of a patient and of every record merged into them, primary first, active before ended. */
    observeForPatients(patientIds: readonly string[]): Observable<Coverage[]> {
      return stored.live(db.coverages.find({ selector: { patientId: { $in: [...patientIds] } } }).$);
    },
    sort(list: Coverage[]): Coverage[] {
      return [...list].sort((a, b) => (a.status === b.status ? RANK_ORDER[a.rank] - RANK_ORDER[b.rank] : a.status === 'active' ? -1 : 1));
    },
  };
}

export type CoveragesRepo = ReturnType<typeof createCoveragesRepo>;
