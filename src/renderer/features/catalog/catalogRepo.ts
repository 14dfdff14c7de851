import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { type CatalogEntry, PayerInputSchema, PayerSchema, ProviderInputSchema, ProviderSchema, type Payer, type PayerInput, type Provider, type ProviderInput } from '../../../shared/catalog/catalog';
import { newId } from '../../../shared/domain/ids';
import { storedReader } from '../../data/storedRecords';
import { DeskError, type WorkContext } from '../../data/workContext';

const payers = storedReader(PayerSchema, 'A payer');
const providers = storedReader(ProviderSchema, 'A provider');

const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

/** The clinic's payer and provider lists, kept in the synced catalog. */
export function createCatalogRepo(db: { catalog: RxCollection<CatalogEntry> }, ctx: WorkContext) {
  const save = async <K extends 'payer' | 'provider'>(kind: K, id: string | null, fields: Record<string, unknown>, schema: z.ZodType) => {
    const { approvedBy } = await ctx.authorize('catalog.manage', { subject: `catalog/${kind}` });
    const stamp = ctx.created();
    const existing = id ? await db.catalog.findOne(id).exec() : null;
    if (id && (!existing || existing.kind !== kind)) throw new DeskError(`That ${kind} could not be found.`);
    const before = existing ? (existing.toJSON() as Record<string, unknown>) : null;
    const record = schema.parse({
      ...fields,
      id: id ?? newId(),
      kind,
      ...stamp,
      createdAt: (before?.['createdAt'] as string | undefined) ?? stamp.createdAt,
    }) as Record<string, unknown> & { id: string };
    await db.catalog.upsert(record as never);
    await ctx.auditSaved({
      action: before ? 'change' : 'create',
      subject: `catalog/${record.id}`,
      changes: Object.keys(fields)
        .filter((f) => before?.[f] !== record[f])
        .map((f) => ({ field: f, before: before?.[f] ?? null, after: record[f] })),
      approvedBy,
    });
    return record;
  };
  return {
    observePayers(): Observable<Payer[]> {
      return db.catalog.find({ selector: { kind: 'payer' } }).$.pipe(payers.live, map(byName));
    },
    observeProviders(): Observable<Provider[]> {
      return db.catalog.find({ selector: { kind: 'provider' } }).$.pipe(providers.live, map(byName));
    },
    /** Adds a payer (id null) or changes one; payers are made inactive, never deleted. */
    async savePayer(id: string | null, input: PayerInput): Promise<Payer> {
      const parsed = PayerInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      return (await save('payer', id, parsed.data, PayerSchema)) as Payer;
    },
    async saveProvider(id: string | null, input: ProviderInput): Promise<Provider> {
      const parsed = ProviderInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      return (await save('provider', id, parsed.data, ProviderSchema)) as Provider;
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
