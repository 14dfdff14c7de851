import { defineFeature } from '../../app/feature';
import { coveragesCollection, patientsCollection } from '../patients/public';
import { appointmentsCollection } from '../schedule/public';
import { conflictsCollection } from './conflictsCollection';
import { createConflictsRepo } from './conflictsRepo';
import { ReviewConflictsScreen } from './ReviewConflictsScreen';

/**
 * Conflicts for review: where two workstations changed the same meaningful details of a record,
 * both versions stay here until a person chooses (the collections' `review` rules say which).
 */
export const conflictsFeature = defineFeature({
  id: 'conflicts',
  collections: { conflicts: conflictsCollection },
  uses: { patients: patientsCollection, appointments: appointmentsCollection, coverages: coveragesCollection },
  repositories: (db, { ctx }) => ({ conflicts: createConflictsRepo(db, ctx) }),
  screens: [{ id: 'conflicts', label: 'Review conflicts', key: '9', component: ReviewConflictsScreen }],
});
