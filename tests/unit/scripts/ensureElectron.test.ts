import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DESKTOP_MIN_NODE,
  ensureElectron,
  nodeVersionProblem,
  retryCommand,
  type EnsureElectronDeps,
  type SpawnResult,
} from '../../../scripts/electron/ensureElectron';

const DIR = path.join('/clinic', 'node_modules', 'electron');
const PACKAGE = JSON.stringify({ name: 'electron', version: '45.4.1', bin: { electron: 'cli.js', 'install-electron': 'install.js' } });
const BINARY = path.join(DIR, 'dist', 'electron');

/** An electron package folder in memory; `downloads` says whether its installer will succeed. */
function setup(options: { files?: Record<string, string>; downloads?: boolean; node?: string; env?: NodeJS.ProcessEnv; run?: SpawnResult } = {}) {
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
    nodeVersion: options.node ?? '22.23.0',
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

describe('ensure-electron: the Node the desktop app needs', () => {
  it('refuses Node older than 22.12 with one message, before downloading anything', () => {
    const { deps, spawn, err } = setup({ node: '20.20.2' });
    expect(ensureElectron(deps)).toBe(1);
    expect(spawn).not.toHaveBeenCalled();
    expect(err).toEqual([
      'The desktop app needs Node 22.12 or newer (Electron 45); you have 20.20.2. The tests and npm run web work on Node 20.19+.',
    ]);
  });

  it.each([
    ['20.19.0', false],
    ['v20.20.2', false],
    ['22.11.9', false],
    ['22.12.0', true],
    ['22.23.0', true],
    ['23.0.0', true],
    ['24.1.0', true],
    ['v100.0.0', true],
  ])('Node %s can run the desktop app: %s', (version, ok) => {
    expect(nodeVersionProblem(version, '45.4.1') === null).toBe(ok);
  });

  it('names Electron only when it knows its version', () => {
    expect(nodeVersionProblem('22.1.0', null)).toBe(
      'The desktop app needs Node 22.12 or newer; you have 22.1.0. The tests and npm run web work on Node 20.19+.',
    );
  });

  it("asks for the Node the installed Electron declares, while package.json's engines stay at the tests' Node", () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const electron = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { engines: { node: string } };
    const declared = /^>=\s*(\d+\.\d+\.\d+)$/.exec(electron.engines.node.trim())?.[1];
    expect(DESKTOP_MIN_NODE).toBe(declared);

    const project = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(project.engines.node).toBe('>=20.19');
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
