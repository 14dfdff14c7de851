import path from 'node:path';

/** Where `npm run web` keeps this workstation's data unless `--data-dir` says otherwise. */
export function defaultWebDataDir(env: NodeJS.ProcessEnv, home: string): string {
  return env['CLINICDESK_DATA_DIR'] ?? path.join(home, '.clinicdesk-web');
}
