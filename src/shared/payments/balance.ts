import type { LedgerEntry } from './ledger';

/** What a patient's ledger adds up to, in cents. */
export interface LedgerTotals {
  /** Charges for visits and services. */
  chargedCents: number;
  /** Money received. */
  paidCents: number;
  /** What is still owed: charges less payments. Below zero it is a credit. */
  balanceCents: number;
}

/**
 * Adds up ledger entries: the one place a balance comes from, derived and never stored. Every
 * kind of entry is counted here, so a new kind (a charge, a void, a refund) is a compile error
 * until this says what it does to the balance. An entry seen twice (the same id) counts once.
 */
export function ledgerTotals(entries: readonly Pick<LedgerEntry, 'id' | 'kind' | 'amountCents'>[]): LedgerTotals {
  const seen = new Set<string>();
  const sums = { chargedCents: 0, paidCents: 0 };
  for (const entry of entries) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    switch (entry.kind) {
      case 'payment':
        sums.paidCents += entry.amountCents;
        break;
      default:
        return unknownKind(entry.kind);
    }
  }
  return { ...sums, balanceCents: sums.chargedCents - sums.paidCents };
}

function unknownKind(kind: never): never {
  throw new Error(`A ledger entry of an unknown kind: ${String(kind)}`);
}
