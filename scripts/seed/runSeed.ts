import { access } from 'node:fs/promises';
import path from 'node:path';
import { createSeedRequestStore } from '../../src/main/demo/seedRequestStore';
import { defaultWebDataDir } from '../../src/main/host/webDataDir';
import { appDataDirs, readAppNames, type AppDataDir, type Platform } from './appDataDir';
import { parseSeedArgs, SEED_HELP, SeedUsageError, type SeedTarget } from './seedArgs';
import { readWorkstation } from './workstation';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface SeedDeps extends Platform {
  /** Where relative `--data-dir` paths start, as for `npm run web`. */
  cwd: string;
  /** The checkout, whose package.json and electron-builder.yml name the desktop app. */
  projectDir: string;
  now: () => Date;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `npm run seed`: leaves a seed request in a data folder for the desk to load. Answers the exit code. */
export async function runSeed(argv: readonly string[], deps: SeedDeps): Promise<number> {
  let command;
  try {
    command = parseSeedArgs(argv);
  } catch (error) {
    if (!(error instanceof SeedUsageError)) throw error;
    deps.err(`seed: ${error.message}\n\n${SEED_HELP}`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    deps.out(SEED_HELP);
    return EXIT_OK;
  }

  const place = await resolvePlace(command.target, deps);
  const store = createSeedRequestStore(place.dataDir);
  if (command.kind === 'cancel') {
    const removed = await store.cancel();
    deps.out(removed ? `Removed the waiting seed request from ${place.dataDir}.` : `No seed request was waiting in ${place.dataDir}.`);
    return EXIT_OK;
  }

  const workstation = await readWorkstation(place.dataDir);
  if (workstation.kind === 'unreadable') {
    deps.err(`seed: cannot tell whether ${place.dataDir} holds the demo clinic (${workstation.message}). Nothing was written.`);
    return EXIT_REFUSED;
  }
  if (workstation.kind === 'real') {
    const how = workstation.why === 'sync' ? 'is set to sync with the server of' : 'holds';
    deps.err(
      `seed: refused. This workstation (${place.dataDir}) ${how} a real clinic, "${workstation.clinicName}". ` +
        'Made-up patients go only into the demo clinic, so nothing was written.',
    );
    return EXIT_REFUSED;
  }

  const previous = await store.read().catch(() => null);
  await store.write({ patients: command.patients, seed: command.seed, requestedAt: deps.now().toISOString() });

  const count = patientCount(command.patients);
  deps.out(`Asked for ${count} (seed ${command.seed}) in ${store.file}.`);
  if (previous) deps.out(`This replaces the earlier request for ${patientCount(previous.patients)}.`);
  deps.out(`Open ${place.opener}: it loads ${count} into the demo clinic.`);
  deps.out(
    workstation.kind === 'new'
      ? `This workstation is new: its first-run screen offers "Load the demo clinic" with ${count}.`
      : `It loads them when someone signs in to "${workstation.clinicName}"; if the desk is open, sign out and in again.`,
  );
  deps.out('Patients already in the clinic are skipped, so asking again never makes two of anyone.');
  for (const other of place.others) deps.out(`(The ${other.how} keeps its data in ${other.dir}; use --data-dir "${other.dir}" for it.)`);
  return EXIT_OK;
}

function patientCount(n: number): string {
  return `${n.toLocaleString('en-US')} synthetic ${n === 1 ? 'patient' : 'patients'}`;
}

interface Place {
  dataDir: string;
  /** What to open so the desk loads the request. */
  opener: string;
  /** Other folders the desktop app may use, worth naming. */
  others: AppDataDir[];
}

async function resolvePlace(target: SeedTarget, deps: SeedDeps): Promise<Place> {
  if (target.kind === 'web') {
    const dataDir = path.resolve(deps.cwd, target.dataDir ?? defaultWebDataDir(deps.env, deps.home));
    const isDefault = dataDir === path.resolve(deps.cwd, defaultWebDataDir(deps.env, deps.home));
    return { dataDir, opener: `the web desk (npm run web${isDefault ? '' : ` -- --data-dir "${dataDir}"`})`, others: [] };
  }
  const dirs = appDataDirs(deps, await readAppNames(deps.projectDir));
  // The folder the app has already used, `npm start`'s when both or neither have been.
  let chosen = dirs[0]!;
  for (const candidate of dirs) {
    if (await exists(path.join(candidate.dir, 'settings.json'))) {
      chosen = candidate;
      break;
    }
  }
  return {
    dataDir: chosen.dir,
    opener: chosen.how === 'npm start' ? 'ClinicDesk (npm start)' : 'the installed ClinicDesk app',
    others: dirs.filter((d) => d !== chosen),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
