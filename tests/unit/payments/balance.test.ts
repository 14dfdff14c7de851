import { describe, expect, it } from 'vitest';
import { ledgerTotals } from '../../../src/shared/payments/balance';
import type { LedgerEntry } from '../../../src/shared/payments/ledger';

const payment = (id: string, amountCents: number): Pick<LedgerEntry, 'id' | 'kind' | 'amountCents'> => ({ id: id as LedgerEntry['id'], kind: 'payment', amountCents });

describe('a patient ledger adds up', () => {
  it.each([
    ['no entries', [], { chargedCents: 0, paidCents: 0, balanceCents: 0 }],
    ['one co-pay', [payment('a', 2500)], { chargedCents: 0, paidCents: 2500, balanceCents: -2500 }],
    ['two payments', [payment('a', 2500), payment('b', 1001)], { chargedCents: 0, paidCents: 3501, balanceCents: -3501 }],
    ['the same entry twice (two lists of one patient)', [payment('a', 2500), payment('a', 2500)], { chargedCents: 0, paidCents: 2500, balanceCents: -2500 }],
  ])('%s', (_name, entries, totals) => {
    expect(ledgerTotals(entries)).toEqual(totals);
  });

  it('refuses an entry of a kind it does not know rather than miscount it', () => {
    expect(() => ledgerTotals([{ id: 'x' as LedgerEntry['id'], kind: 'refund' as 'payment', amountCents: 100 }])).toThrow('unknown kind: refund');
  });
});
