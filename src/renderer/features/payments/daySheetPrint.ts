import type { RxCollection } from 'rxdb';
import { providerLabel, ProviderSchema, type CatalogEntry } from '../../../shared/catalog/catalog';
import { dayRangeInZone } from '../../../shared/domain/time';
import { patientDisplayName } from '../../../shared/patients/patient';
import { buildDaySheet } from '../../../shared/payments/daySheet';
import type { PrintResult } from '../../../shared/print/channels';
import type { FeatureDeps } from '../../app/feature';
import type { DrawersRepo } from './drawersRepo';
import type { LedgerRepo } from './ledgerRepo';

/**
 * The day sheet and deposit slip of a clinic day: built from every ledger entry written that day
 * (all sites that have synced) and the day's drawers, then printed and kept as a PDF by main.
 */
export function createDaySheetPrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { ledger: Pick<LedgerRepo, 'written' | 'byIds'>; drawers: Pick<DrawersRepo, 'sessionsOn'>; catalog: RxCollection<CatalogEntry> }) {
  return {
    async printDaySheet(date: string): Promise<PrintResult> {
      await deps.ctx.authorize('print.document', { subject: `day sheet ${date}` });
      const settings = deps.settings();
      const zone = settings.clinic.timeZone;
      const { start, end } = dayRangeInZone(date, zone);
      const entries = await deps.ledger.written(start, end);
      const inDay = new Set(entries.map((e) => e.id as string));
      const pointed = entries.flatMap((e) => (e.kind === 'void' || e.kind === 'refund' ? [e.targetId] : e.kind === 'adjustment' ? [e.chargeId] : [])).filter((id) => !inDay.has(id));
      const earlier = new Map((await deps.ledger.byIds([...new Set(pointed)])).map((e) => [e.id as string, e]));
      const names = new Map<string, string>();
      for (const id of new Set(entries.map((e) => e.patientId as string))) {
        const p = await deps.findPatient(id);
        names.set(id, p ? patientDisplayName(p) : 'Patient not on this workstation');
      }
      const providers = new Map<string, string>();
      for (const doc of await deps.catalog.find({ selector: { kind: 'provider' } }).exec()) {
        const parsed = ProviderSchema.safeParse(doc.toJSON());
        if (parsed.success) providers.set(parsed.data.id, providerLabel(parsed.data));
      }
      const data = buildDaySheet({
        clinic: { name: settings.clinic.name, address: settings.clinic.address, phone: settings.clinic.phone },
        date,
        timeZone: zone,
        entries,
        earlier,
        sessions: await deps.drawers.sessionsOn(date),
        patientName: (id) => names.get(id) ?? '',
        providerName: (id) => providers.get(id) ?? '',
        printedAt: deps.ctx.now().toISOString(),
        printedBy: deps.ctx.actor().name,
      });
      const result = await deps.client.call('print:daySheet', data);
      await deps.ctx.auditSaved({ action: 'print', subject: `day sheet ${date}`, detail: result.sentToPrinter ? result.printerMessage : 'Saved as PDF' });
      return result;
    },
  };
}
