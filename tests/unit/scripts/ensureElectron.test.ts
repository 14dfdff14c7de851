import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ensureElectron,
  retryCommand,
  type EnsureElectronDeps,
  type SpawnResult,
} from '../../../scripts/electron/ensureElectron';

const DIR = path.join('/clinic', 'node_modules', 'electron');
const PACKAGE = JSON.stringify({ name: 'electron', version: '45.4.1', bin: { electron: 'cli.js', 'install-electron': 'install.js' } });
const BINARY = path.join(DIR, 'dist', 'electron');

/** An electron package folder in memory; `downloads` says whether its installer will succeed. */
function setup(options: { files?: Record<string, string>; downloads?: boolean; env?: NodeJS.ProcessEnv; run?: SpawnResult } = {}) {
  const files = new Map<string, string>(Object.entries({ [path.join(DIR, 'package.json')]: PACKAGE, ...options.files }));
  const out: string[] = [];
  const err: string[] = [];
  const spawn = vi.fn((_command: string, _args: string[]): SpawnResult => {
    if (options.run) return options.run;
    if (options.downloads === false) {
      return { status: 1, stderr: 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n' };
    }
    files.set(path.join(DIR, 'path.txt'), 'electron');
    files.set(BINARY, '<binary>');
    return { status: 0, stderr: '' };
  });
  const deps: EnsureElectronDeps = {
    env: options.env ?? { npm_lifecycle_event: 'prestart' },
    electronDir: DIR,
    execPath: '/usr/bin/node',
    exists: (file) => files.has(file),
    readFile: (file) => files.get(file) ?? null,
    spawn,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { deps, spawn, out, err, files };
}

describe('ensure-electron: the Electron binary before npm start, dev and dist', () => {
  it('runs nothing when the binary path.txt names is there', () => {
    const { deps, spawn, out, err } = setup({ files: { [path.join(DIR, 'path.txt')]: 'electron', [BINARY]: '<binary>' } });
    expect(ensureElectron(deps)).toBe(0);
    expect(spawn).not.toHaveBeenCalled();
    expect([...out, ...err]).toEqual([]);
  });

  it("runs Electron's own installer (its install-electron bin) when there is no path.txt", () => {
    const { deps, spawn, out, err } = setup();
    expect(ensureElectron(deps)).toBe(0);
    expect(spawn).toHaveBeenCalledTimes(1);
    expect(spawn).toHaveBeenCalledWith('/usr/bin/node', [path.join(DIR, 'install.js')]);
    expect(out).toEqual(['Downloading Electron 45.4.1 for the desktop app (needed once; this can take a few minutes)…']);
    expect(err).toEqual([]);
  });

  it('runs the installer when path.txt names a binary that is not there', () => {
    const { deps, spawn } = setup({ files: { [path.join(DIR, 'path.txt')]: 'electron' } });
    expect(ensureElectron(deps)).toBe(0);
    expect(spawn).toHaveBeenCalledTimes(1);
  });

  it('follows the bin entry of the installed Electron', () => {
    const pkg = JSON.stringify({ version: '46.0.0', bin: { 'install-electron': 'bin/install.mjs' } });
    const { deps, spawn } = setup({ files: { [path.join(DIR, 'package.json')]: pkg } });
    ensureElectron(deps);
    expect(spawn).toHaveBeenCalledWith('/usr/bin/node', [path.join(DIR, 'bin', 'install.mjs')]);
  });

  it('says in one sentence what failed, that the internet is needed once, and how to retry; exit 1', () => {
    const { deps, err } = setup({ downloads: false });
    expect(ensureElectron(deps)).toBe(1);
    expect(err).toEqual([
      'Could not download Electron 45.4.1 (TypeError: fetch failed): the desktop app needs an internet connection once to download Electron; connect and run npm start again.',
    ]);
  });

  it.each([
    ['predev', 'npm run dev'],
    ['predist', 'npm run dist'],
  ])('names the command to run again (%s)', (event, command) => {
    const { deps, err } = setup({ downloads: false, env: { npm_lifecycle_event: event } });
    expect(ensureElectron(deps)).toBe(1);
    expect(err[0]).toMatch(new RegExp(`connect and run ${command} again\\.$`));
  });

  it('fails clearly when the installer cannot be started, reports nothing useful, or leaves no binary', () => {
    const cannotStart = setup({ run: { status: null, error: new Error('spawnSync /usr/bin/node ENOENT'), stderr: '' } });
    expect(ensureElectron(cannotStart.deps)).toBe(1);
    expect(cannotStart.err[0]).toMatch(/^Could not download Electron 45\.4\.1 \(spawnSync \/usr\/bin\/node ENOENT\): .*internet connection once/);

    const silent = setup({ run: { status: 7, stderr: '' } });
    expect(ensureElectron(silent.deps)).toBe(1);
    expect(silent.err[0]).toContain('(its installer exited with code 7)');

    const nothingLeft = setup({ run: { status: 0, stderr: '' } });
    expect(ensureElectron(nothingLeft.deps)).toBe(1);
    expect(nothingLeft.err[0]).toContain('(its installer finished but left no binary)');
  });

  it('trusts ELECTRON_EXEC_PATH, which electron-vite uses instead of path.txt', () => {
    const present = setup({ env: { ELECTRON_EXEC_PATH: '/opt/electron/electron' }, files: { '/opt/electron/electron': '<binary>' } });
    expect(ensureElectron(present.deps)).toBe(0);
    expect(present.spawn).not.toHaveBeenCalled();

    const missing = setup({ env: { ELECTRON_EXEC_PATH: '/opt/electron/electron' } });
    expect(ensureElectron(missing.deps)).toBe(1);
    expect(missing.spawn).not.toHaveBeenCalled();
    expect(missing.err).toEqual([
      'ELECTRON_EXEC_PATH names /opt/electron/electron, which does not exist: unset it or point it at an Electron binary, then run npm start again.',
    ]);
  });

  it('asks for npm install when Electron is not in node_modules', () => {
    const { deps, spawn, err } = setup();
    expect(ensureElectron({ ...deps, electronDir: null })).toBe(1);
    expect(spawn).not.toHaveBeenCalled();
    expect(err).toEqual(['Electron is not installed in node_modules: run npm install, then npm start again.']);
  });
});

describe('ensure-electron: messages', () => {
  it('names the command that ran the check', () => {
    expect(retryCommand({ npm_lifecycle_event: 'prestart' })).toBe('npm start');
    expect(retryCommand({ npm_lifecycle_event: 'predev' })).toBe('npm run dev');
    expect(retryCommand({ npm_lifecycle_event: 'predist' })).toBe('npm run dist');
    expect(retryCommand({})).toBe('npm start');
  });
});
