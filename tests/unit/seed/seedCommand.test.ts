import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { appDataDirs, electronAppDataRoot, readAppNames } from '../../../scripts/seed/appDataDir';
import { parseSeedArgs, SeedUsageError } from '../../../scripts/seed/seedArgs';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, runSeed, type SeedDeps } from '../../../scripts/seed/runSeed';

describe('npm run seed: the command line', () => {
  it('reads the number of patients, the seed and where to put the request', () => {
    expect(parseSeedArgs(['--patients', '10000'])).toEqual({ kind: 'seed', patients: 10_000, seed: 42, target: { kind: 'web', dataDir: null } });
    expect(parseSeedArgs(['--patients=10,000', '--seed', '7', '--data-dir', 'here'])).toEqual({ kind: 'seed', patients: 10_000, seed: 7, target: { kind: 'web', dataDir: 'here' } });
    expect(parseSeedArgs(['--patients', '200000', '--app'])).toMatchObject({ patients: 200_000, target: { kind: 'app' } });
    expect(parseSeedArgs(['--patients', '1'])).toMatchObject({ patients: 1 });
    expect(parseSeedArgs(['--cancel', '--app'])).toEqual({ kind: 'cancel', target: { kind: 'app' } });
    expect(parseSeedArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseSeedArgs(['-h', '--patients', 'x'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], 'Say how many patients: --patients N (1 to 200,000).'],
    [['--patients', '0'], 'Ask for at least 1 patient'],
    [['--patients', '200001'], 'Ask for at most 200,000 patients'],
    [['--patients', '12.5'], '--patients "12.5" is not a whole number.'],
    [['--patients', '1e4'], 'is not a whole number'],
    [['--patients=-3'], 'is not a whole number'],
    [['--patients', '10', '--seed', 'abc'], '--seed "abc" is not a whole number.'],
    [['--patients', '10', '--app', '--data-dir', 'x'], 'Give either --data-dir (the web desk) or --app (the desktop app), not both.'],
    [['--patients', '10', '--data-dir', ''], '--data-dir needs a folder.'],
    [['--patients', '10', '--cancel'], '--cancel takes no --patients or --seed.'],
    [['--patients', '10', '--colour', 'red'], "Unknown option '--colour'"],
    [['10000'], 'Unexpected argument'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSeedArgs(argv)).toThrow(SeedUsageError);
    expect(() => parseSeedArgs(argv)).toThrow(message);
  });
});

describe('the desktop app’s data folder', () => {
  it('is where Electron puts userData on each system', () => {
    expect(electronAppDataRoot({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.config');
    expect(electronAppDataRoot({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, home: '/home/ana' })).toBe('/cfg');
    expect(electronAppDataRoot({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support');
    expect(electronAppDataRoot({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming');
    expect(electronAppDataRoot({ platform: 'win32', env: {}, home: 'C:\\Users\\ana' })).toBe('C:\\Users\\ana\\AppData\\Roaming');
  });

  it('is named after package.json for npm start and electron-builder.yml for the installed app', async () => {
    const names = await readAppNames(process.cwd());
    expect(names).toEqual({ npmStart: 'clinicdesk', installed: 'ClinicDesk' });
    expect(appDataDirs({ platform: 'linux', env: {}, home: '/home/ana' }, names)).toEqual([
      { how: 'npm start', dir: '/home/ana/.config/clinicdesk' },
      { how: 'installed app', dir: '/home/ana/.config/ClinicDesk' },
    ]);
    // Folder names ignore case on macOS and Windows: one folder for both.
    expect(appDataDirs({ platform: 'darwin', env: {}, home: '/Users/ana' }, names)).toEqual([{ how: 'npm start', dir: '/Users/ana/Library/Application Support/clinicdesk' }]);
    expect(appDataDirs({ platform: 'win32', env: { APPDATA: 'C:\\R' }, home: 'C:\\U' }, names)).toEqual([{ how: 'npm start', dir: 'C:\\R\\clinicdesk' }]);
  });

  it('prefers productName over name, as Electron does', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'clinicdesk-project-'));
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'desk', productName: 'Front Desk' }));
    expect(await readAppNames(project)).toEqual({ npmStart: 'Front Desk', installed: 'Front Desk' });
    await writeFile(path.join(project, 'electron-builder.yml'), "appId: x\nproductName: 'Desk Pro'\n");
    expect(await readAppNames(project)).toEqual({ npmStart: 'Front Desk', installed: 'Desk Pro' });
  });
});

describe('npm run seed: the request file', () => {
  let home: string;
  let out: string[];
  let err: string[];
  const deps = (overrides: Partial<SeedDeps> = {}): SeedDeps => ({
    platform: 'linux',
    env: {},
    home,
    cwd: home,
    projectDir: process.cwd(),
    now: () => new Date('2026-11-23T14:00:00.000Z'),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    ...overrides,
  });
  const webDir = () => path.join(home, '.clinicdesk-web');
  const request = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'seed-request.json'), 'utf8')) as unknown;
  const settings = async (dir: string, fields: Record<string, unknown>) => {
    await mkdir(dir, { recursive: true });
    const clinic = { name: 'My Clinic', address: '', phone: '', timeZone: 'America/Chicago', npi: '', taxId: '', demo: false };
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, workstationId: 'w', workstationPrefix: 'W1', siteId: 'main', clinic, sync: null, setupComplete: false, ...fields }));
  };

  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'clinicdesk-seed-'));
    out = [];
    err = [];
  });

  it('writes the request in the web desk’s default folder and says what happens next', async () => {
    expect(await runSeed(['--patients', '10000'], deps())).toBe(EXIT_OK);
    expect(await request(webDir())).toEqual({ patients: 10_000, seed: 42, requestedAt: '2026-11-23T14:00:00.000Z' });
    expect(out.join('\n')).toContain('Open the web desk (npm run web): it loads 10,000 synthetic patients into the demo clinic.');
    expect(out.join('\n')).toContain('first-run screen offers "Load the demo clinic" with 10,000 synthetic patients');
    // Written whole through a temporary file, which is gone.
    expect(await readdir(webDir())).toEqual(['seed-request.json']);
  });

  it('uses CLINICDESK_DATA_DIR like npm run web, and a relative --data-dir from where it runs', async () => {
    expect(await runSeed(['--patients', '5'], deps({ env: { CLINICDESK_DATA_DIR: path.join(home, 'env-dir') } }))).toBe(EXIT_OK);
    expect(await request(path.join(home, 'env-dir'))).toMatchObject({ patients: 5 });
    expect(await runSeed(['--patients', '6', '--seed', '9', '--data-dir', 'mine'], deps())).toBe(EXIT_OK);
    expect(await request(path.join(home, 'mine'))).toMatchObject({ patients: 6, seed: 9 });
    expect(out.join('\n')).toContain(`npm run web -- --data-dir "${path.join(home, 'mine')}"`);
  });

  it('writes into the desktop app’s folder with --app', async () => {
    expect(await runSeed(['--patients', '500', '--app'], deps())).toBe(EXIT_OK);
    expect(await request(path.join(home, '.config', 'clinicdesk'))).toMatchObject({ patients: 500 });
    expect(out.join('\n')).toContain('Open ClinicDesk (npm start): it loads 500 synthetic patients into the demo clinic.');
    expect(out.join('\n')).toContain(`The installed app keeps its data in ${path.join(home, '.config', 'ClinicDesk')}`);
  });

  it('uses the installed app’s folder with --app when only that one has been used', async () => {
    const installed = path.join(home, '.config', 'ClinicDesk');
    await settings(installed, { clinic: { name: 'Riverside (demo)', address: '', phone: '', timeZone: 'UTC', npi: '', taxId: '', demo: true }, setupComplete: true });
    expect(await runSeed(['--patients', '500', '--app'], deps())).toBe(EXIT_OK);
    expect(await request(installed)).toMatchObject({ patients: 500 });
    expect(out.join('\n')).toContain('Open the installed ClinicDesk app');
    expect(out.join('\n')).toContain('when someone signs in to "Riverside (demo)"');
  });

  it('replaces an earlier request and says so', async () => {
    await runSeed(['--patients', '500'], deps());
    await runSeed(['--patients', '2000'], deps({ now: () => new Date('2026-11-23T15:00:00.000Z') }));
    expect(await request(webDir())).toEqual({ patients: 2_000, seed: 42, requestedAt: '2026-11-23T15:00:00.000Z' });
    expect(out.join('\n')).toContain('This replaces the earlier request for 500 synthetic patients.');
  });

  it('refuses a workstation of a real clinic and writes nothing', async () => {
    await settings(webDir(), { clinic: { name: 'Lakeside Health', address: '', phone: '', timeZone: 'UTC', npi: '', taxId: '', demo: false }, setupComplete: true });
    expect(await runSeed(['--patients', '100'], deps())).toBe(EXIT_REFUSED);
    expect(err.join('\n')).toContain('holds a real clinic, "Lakeside Health". Made-up patients go only into the demo clinic, so nothing was written.');
    expect(await readdir(webDir())).toEqual(['settings.json']);
  });

  it('refuses a workstation joining a clinic’s server, even before its first sign-in', async () => {
    await settings(webDir(), { sync: { url: 'https://couch.example.org', username: 'ws', dbPrefix: 'clinic', sealedPassword: 'x' } });
    expect(await runSeed(['--patients', '100'], deps())).toBe(EXIT_REFUSED);
    expect(err.join('\n')).toContain('is set to sync with the server of a real clinic');
    expect(await readdir(webDir())).toEqual(['settings.json']);
  });

  it('refuses when the settings cannot be read', async () => {
    await mkdir(webDir(), { recursive: true });
    await writeFile(path.join(webDir(), 'settings.json'), '{ not json');
    expect(await runSeed(['--patients', '100'], deps())).toBe(EXIT_REFUSED);
    expect(err.join('\n')).toContain('cannot tell whether');
  });

  it('removes a waiting request with --cancel', async () => {
    await runSeed(['--patients', '500'], deps());
    expect(await runSeed(['--cancel'], deps())).toBe(EXIT_OK);
    expect(await readdir(webDir())).toEqual([]);
    expect(await runSeed(['--cancel'], deps())).toBe(EXIT_OK);
    expect(out.at(-1)).toBe(`No seed request was waiting in ${webDir()}.`);
  });

  it('prints help, and usage errors with the help and exit code 2', async () => {
    expect(await runSeed(['--help'], deps())).toBe(EXIT_OK);
    expect(out[0]).toMatch(/^Usage: npm run seed -- --patients N/);
    expect(await runSeed(['--patients', 'lots'], deps())).toBe(EXIT_USAGE);
    expect(err[0]).toMatch(/^seed: --patients "lots" is not a whole number\.\n\nUsage:/);
  });
});
