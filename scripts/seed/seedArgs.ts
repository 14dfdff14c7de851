import { parseArgs } from 'node:util';
import { DEFAULT_SEED, MAX_SEED_PATIENTS, SeedCountSchema, SeedValueSchema } from '../../src/shared/demo/seedRequest';

export const SEED_HELP = `Usage: npm run seed -- --patients N [--data-dir DIR | --app] [--seed S]
       npm run seed -- --cancel [--data-dir DIR | --app]

Loads a realistic synthetic clinic (made-up patients, their insurance, payers,
providers and a few days of appointments) into the demo clinic. The desk loads
it the next time it starts or someone signs in.

  --patients N    how many synthetic patients, 1 to ${MAX_SEED_PATIENTS.toLocaleString('en-US')}
  --data-dir DIR  the data folder of the web desk (npm run web); the default is
                  the same as npm run web's: $CLINICDESK_DATA_DIR or ~/.clinicdesk-web
  --app           the desktop app's data folder instead (npm start)
  --seed S        which made-up people (default ${DEFAULT_SEED}); the same seed gives the same people
  --cancel        remove a request that has not been loaded yet
  --help          show this text

Loading is safe to repeat: patients already in the clinic are skipped. Made-up
patients only ever go into the demo clinic; a workstation of a real clinic
refuses them.`;

export type SeedTarget = { kind: 'web'; dataDir: string | null } | { kind: 'app' };

export type SeedCommand =
  | { kind: 'help' }
  | { kind: 'seed'; patients: number; seed: number; target: SeedTarget }
  | { kind: 'cancel'; target: SeedTarget };

export class SeedUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedUsageError';
  }
}

/** Reads the command line of `npm run seed`; throws SeedUsageError with a message for the person typing it. */
export function parseSeedArgs(argv: readonly string[]): SeedCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        patients: { type: 'string' },
        'data-dir': { type: 'string' },
        app: { type: 'boolean', default: false },
        seed: { type: 'string' },
        cancel: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SeedUsageError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  if (values.app && values['data-dir'] !== undefined) throw new SeedUsageError('Give either --data-dir (the web desk) or --app (the desktop app), not both.');
  if (values['data-dir'] === '') throw new SeedUsageError('--data-dir needs a folder.');
  const target: SeedTarget = values.app ? { kind: 'app' } : { kind: 'web', dataDir: values['data-dir'] ?? null };

  if (values.cancel) {
    if (values.patients !== undefined || values.seed !== undefined) throw new SeedUsageError('--cancel takes no --patients or --seed.');
    return { kind: 'cancel', target };
  }
  if (values.patients === undefined) throw new SeedUsageError(`Say how many patients: --patients N (1 to ${MAX_SEED_PATIENTS.toLocaleString('en-US')}).`);
  const patients = wholeNumber('--patients', values.patients, SeedCountSchema);
  const seed = values.seed === undefined ? DEFAULT_SEED : wholeNumber('--seed', values.seed, SeedValueSchema);
  return { kind: 'seed', patients, seed, target };
}

function wholeNumber(option: string, text: string, schema: typeof SeedCountSchema): number {
  // Accepts 10000, 10,000 and 10_000 as people write them; refuses 1e4, 12.5 and -3.
  const digits = text.trim().replace(/[,_]/g, '');
  if (!/^\d+$/.test(digits)) throw new SeedUsageError(`${option} "${text}" is not a whole number.`);
  const parsed = schema.safeParse(Number(digits));
  if (!parsed.success) throw new SeedUsageError(`${option} ${text}: ${parsed.error.issues[0]?.message ?? 'not allowed'}.`);
  return parsed.data;
}
