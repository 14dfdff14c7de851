import { z } from 'zod';
import { InstantSchema } from '../domain/time';

/** The most synthetic patients one request may ask for. */
export const MAX_SEED_PATIENTS = 200_000;

/** The seed the demo clinic and `npm run seed` use unless told otherwise, so both make the same people. */
export const DEFAULT_SEED = 42;

/** The request file's name in main's data folder. */
export const SEED_REQUEST_FILE = 'seed-request.json';

export const SeedCountSchema = z
  .number()
  .int('The number of patients must be a whole number')
  .min(1, 'Ask for at least 1 patient')
  .max(MAX_SEED_PATIENTS, `Ask for at most ${MAX_SEED_PATIENTS.toLocaleString('en-US')} patients`);

/** Kept small so `seed × 1,000,003 + n` stays an exact integer in the generator. */
export const SeedValueSchema = z.number().int('The seed must be a whole number').min(0, 'The seed must be 0 or more').max(2 ** 31 - 1, 'The seed is too large');

/**
 * `npm run seed` asks the desk to load a synthetic clinic. The renderer owns the clinic database,
 * so the script leaves this request in main's data folder and the desk carries it out.
 */
export const SeedRequestSchema = z.object({
  patients: SeedCountSchema,
  seed: SeedValueSchema,
  /** Also identifies the request: the desk clears only the one it loaded, never a newer one. */
  requestedAt: InstantSchema,
});
export type SeedRequest = z.infer<typeof SeedRequestSchema>;
