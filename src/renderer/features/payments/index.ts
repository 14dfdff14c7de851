import { defineFeature } from '../../app/feature';
import { ledgerCollection } from './ledgerCollection';
import { drawersCollection } from './drawersCollection';
import { createDrawersRepo } from './drawersRepo';
import { createDaySheetPrints } from './daySheetPrint';
import { createStatementPrints } from './statementPrint';
import { catalogCollection } from '../catalog/public';
import { appointmentTypeFees, createLedgerRepo } from './ledgerRepo';
import { PaymentsScreen } from './PaymentsScreen';
import { createPaymentDesk } from './takePayment';

/** Payments: the append-only ledger, taking a payment and its printed receipt. */
export const paymentsFeature = defineFeature({
  id: 'payments',
  collections: { ledger: ledgerCollection, drawers: drawersCollection },
  uses: { catalog: catalogCollection },
  repositories: (db, deps) => {
    const drawers = createDrawersRepo(db, deps.ctx, { workstationId: () => deps.settings().workstationId, workstationName: () => deps.settings().workstationPrefix });
    const ledger = createLedgerRepo(db, deps.ctx, { identities: deps.patientIdentities, feeSchedule: appointmentTypeFees(db), drawerFor: drawers.sessionFor });
    return { ledger, drawers, payments: createPaymentDesk({ ...deps, ledger }), daySheets: createDaySheetPrints({ ...deps, ledger, drawers, catalog: db.catalog }), statements: createStatementPrints({ ...deps, ledger }) };
  },
  screens: [{ id: 'payments', label: 'Payments', key: '4', component: PaymentsScreen }],
});
