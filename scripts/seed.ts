/**
 * Asks the desk to load a realistic synthetic clinic into the demo clinic.
 *
 *   npm run seed -- --patients 10000            # the web desk (npm run web)
 *   npm run seed -- --patients 10000 --app      # the desktop app (npm start)
 *
 * The clinic's records live in the desk's own database, so this leaves a request in main's data
 * folder and the desk loads it. Exit code 0: request written (or removed with --cancel); 1: refused
 * (a real clinic's workstation); 2: wrong command line.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { runSeed } from './seed/runSeed';

const code = await runSeed(process.argv.slice(2), {
  platform: process.platform,
  env: process.env,
  home: homedir(),
  cwd: process.cwd(),
  projectDir: path.resolve(import.meta.dirname, '..'),
  now: () => new Date(),
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
process.exit(code);
