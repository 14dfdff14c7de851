import { defineFeature } from '../../app/feature';
import { ledgerCollection } from './ledgerCollection';
import { createLedgerRepo } from './ledgerRepo';
import { PaymentsScreen } from './PaymentsScreen';
import { createPaymentDesk } from './takePayment';

/** Payments: the append-only ledger, taking a payment and its printed receipt. */
export const paymentsFeature = defineFeature({
  id: 'payments',
  collections: { ledger: ledgerCollection },
  repositories: (db, deps) => {
    const ledger = createLedgerRepo(db, deps.ctx);
    return { ledger, payments: createPaymentDesk({ ...deps, ledger }) };
  },
  screens: [{ id: 'payments', label: 'Payments', key: '4', component: PaymentsScreen }],
});
