import { defineFeature } from '../../app/feature';
import { CheckInScreen } from './CheckInScreen';
import { visitsCollection } from './visitsCollection';
import { createVisitsRepo } from './visitsRepo';
import { createFormPrints } from './formPrints';
import { catalogCollection } from '../catalog/public';

/** Check-in: today's arrivals, checked in from the schedule's appointments, and each visit's flow through the clinic. */
export const checkinFeature = defineFeature({
  id: 'checkin',
  collections: { visits: visitsCollection },
  uses: { catalog: catalogCollection },
  repositories: (db, deps) => ({ visits: createVisitsRepo(db, deps.ctx), formPrints: createFormPrints({ ...deps, catalog: db.catalog }) }),
  screens: [{ id: 'checkin', label: 'Check-in', key: '3', component: CheckInScreen }],
});
