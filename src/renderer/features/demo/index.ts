import { defineFeature } from '../../app/feature';
import { catalogCollection } from '../catalog/public';
import { coveragesCollection, patientsCollection } from '../patients/public';
import { appointmentsCollection, type AppointmentsRepo } from '../schedule/public';
import { seedSyntheticClinic, type SeedOptions, type SeedResult } from './seedClinic';

/** The demo clinic: made-up payers, providers, patients and appointments, loaded in bulk. */
export const demoFeature = defineFeature({
  id: 'demo',
  collections: {},
  uses: { catalog: catalogCollection, patients: patientsCollection, coverages: coveragesCollection, appointments: appointmentsCollection },
  repositories: (db, { ctx }) => ({
    demo: {
      /** Loads a synthetic clinic; its appointments are booked (and audited) through the schedule. */
      seed: (appointments: Pick<AppointmentsRepo, 'book' | 'bookSeries' | 'addToWaitlist'>, options: SeedOptions): Promise<SeedResult> => seedSyntheticClinic({ db, ctx, appointments }, options),
    },
  }),
});
