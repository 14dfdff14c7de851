import type { RxJsonSchema } from 'rxdb';
import type { Coverage } from '../../../../shared/patients/coverage';
import { coverageJsonSchema } from '../../../../shared/patients/coverageJsonSchema';
import { defineCollection } from '../../../data/collection';
import { latestChangeWins } from '../../../data/conflicts';

/* Insurance coverages, one document each. The schema is shared with the server's rules: src/shared/patients/coverageJsonSchema.ts. */
export const coverageSchema: RxJsonSchema<Coverage> = coverageJsonSchema;

export const coverageMigrations = {};

/** The member id is what the payer knows the patient by: two different ones go to a person. */
export const COVERAGE_REVIEW = {
  groups: [{ key: 'memberId', label: 'Member id', fields: ['memberId'] }],
  patientOf: (c: Coverage) => c.patientId,
};

export const coveragesCollection = defineCollection<Coverage>({
  schema: coverageSchema,
  migrationStrategies: coverageMigrations,
  conflicts: latestChangeWins<Coverage>(),
  review: COVERAGE_REVIEW,
});
