import type { Visit } from '../../src/shared/checkin/visit';
import type { Appointment } from '../../src/shared/schedule/appointment';
import type { LedgerEntry } from '../../src/shared/payments/ledger';
import type { DrawerRecord } from '../../src/shared/payments/drawer';
import type { Patient } from '../../src/shared/patients/patient';
import type { FormLogo } from '../../src/shared/catalog/formLogo';
import type { FormWording } from '../../src/shared/catalog/formWording';

/** One write as the workstation made it, and its place among all writes of the run. */
export type Written<T> = {
  order: number;
  site: string;
  doc: T;
  /** The stamp (see `stampKey`) of the version the write changed; null for a new record. */
  base: string | null;
};

type Stamped = { updatedAt: string; siteId: string; updatedBy: string };

/** Names one version of a mutable record: when, where and by whom it was written. */
export function stampKey(doc: Stamped): string {
  return `${doc.updatedAt}|${doc.siteId}|${doc.updatedBy}`;
}

/**
 * Every record the workstations wrote during a run, as each write left it: what the server and
 * every workstation must hold once they have converged, by the collection's conflict policy.
 */
export class Journal {
  readonly patients = new Map<string, Written<Patient>[]>();
  readonly appointments = new Map<string, Written<Appointment>[]>();
  readonly ledger = new Map<string, Written<LedgerEntry>>();
  readonly drawers = new Map<string, Written<DrawerRecord>>();
  readonly visits = new Map<string, Written<Visit>[]>();
  /** Versions of the forms' wording and logo: each save is a new record, never changed. */
  readonly catalog = new Map<string, Written<FormWording | FormLogo>>();
  /** Records the random operations leave alone, kept for a scenario's own changes. */
  readonly reserved = new Set<string>();
  private order = 0;

  patient(site: string, doc: Patient, base: string | null): void {
    push(this.patients, doc.id, { order: this.order++, site, doc, base });
  }

  appointment(site: string, doc: Appointment, base: string | null): void {
    push(this.appointments, doc.id, { order: this.order++, site, doc, base });
  }

  visit(site: string, doc: Visit): void {
    push(this.visits, doc.id, { order: this.order++, site, doc, base: null });
  }

  drawer(site: string, doc: DrawerRecord): void {
    if (this.drawers.has(doc.id)) throw new Error(`Drawer record ${doc.id} was written twice`);
    this.drawers.set(doc.id, { order: this.order++, site, doc, base: null });
  }

  catalogEntry(site: string, doc: FormWording | FormLogo): void {
    if (this.catalog.has(doc.id)) throw new Error(`Catalog record ${doc.id} was written twice`);
    this.catalog.set(doc.id, { order: this.order++, site, doc, base: null });
  }

  payment(site: string, doc: LedgerEntry): void {
    if (this.ledger.has(doc.id)) throw new Error(`Payment ${doc.id} was recorded twice`);
    this.ledger.set(doc.id, { order: this.order++, site, doc, base: null });
  }

  /** How many writes were recorded. */
  get writes(): number {
    return this.order;
  }
}

function push<T>(map: Map<string, T[]>, id: string, item: T) {
  const list = map.get(id);
  if (list) list.push(item);
  else map.set(id, [item]);
}
