import path from 'node:path';

/**
 * The Node the desktop app's tools need: Electron 45 and the helpers of electron-builder 26
 * declare it. The tests and the web desk (`npm run web`) need only package.json's `engines`.
 */
export const DESKTOP_MIN_NODE = '22.12.0';
export const TESTS_MIN_NODE = '20.19';

export type SpawnResult = { status: number | null; error?: Error | undefined; stderr: string };

export type EnsureElectronDeps = {
  /** `process.versions.node`. */
  nodeVersion: string;
  env: NodeJS.ProcessEnv;
  /** The folder of the installed `electron` package, or null when it is not installed. */
  electronDir: string | null;
  /** The Node that runs Electron's installer (`process.execPath`). */
  execPath: string;
  exists(file: string): boolean;
  /** The file's text, or null when it cannot be read. */
  readFile(file: string): string | null;
  /** Runs a command to its end; its standard error is collected, not shown. */
  spawn(command: string, args: string[]): SpawnResult;
  out(line: string): void;
  err(line: string): void;
};

/** `22.12.0` → `[22, 12, 0]`; a leading `v` and missing parts are allowed. */
function versionParts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

function atLeast(version: string, minimum: string): boolean {
  const have = versionParts(version);
  const need = versionParts(minimum);
  for (let i = 0; i < 3; i++) {
    if (have[i]! !== need[i]!) return have[i]! > need[i]!;
  }
  return true;
}

/** Why this Node cannot run the desktop app, or null when it can. */
export function nodeVersionProblem(nodeVersion: string, electronVersion: string | null): string | null {
  if (atLeast(nodeVersion, DESKTOP_MIN_NODE)) return null;
  const [major, minor] = versionParts(DESKTOP_MIN_NODE);
  const electron = electronVersion ? ` (Electron ${versionParts(electronVersion)[0]})` : '';
  return (
    `The desktop app needs Node ${major}.${minor} or newer${electron}; you have ${nodeVersion.replace(/^v/, '')}. ` +
    `The tests and npm run web work on Node ${TESTS_MIN_NODE}+.`
  );
}

/** The command that ran this check (`predev` → `npm run dev`), to name in a message. */
export function retryCommand(env: NodeJS.ProcessEnv): string {
  const script = /^pre(.+)$/.exec(env['npm_lifecycle_event'] ?? '')?.[1] ?? 'start';
  return script === 'start' ? 'npm start' : `npm run ${script}`;
}

type ElectronPackage = { version?: unknown; bin?: unknown };

function readPackage(deps: EnsureElectronDeps, dir: string): ElectronPackage {
  try {
    const parsed: unknown = JSON.parse(deps.readFile(path.join(dir, 'package.json')) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as ElectronPackage) : {};
  } catch {
    return {};
  }
}

/** Electron's own installer: its `install-electron` bin. */
function installerOf(pkg: ElectronPackage): string {
  const bin = pkg.bin && typeof pkg.bin === 'object' ? (pkg.bin as Record<string, unknown>)['install-electron'] : undefined;
  return typeof bin === 'string' ? bin : 'install.js';
}

/**
 * The binary electron-vite will start: `dist/` plus the path Electron's installer writes into
 * `path.txt` once it has downloaded the binary. Null when there is no `path.txt` yet.
 */
function binaryPath(deps: EnsureElectronDeps, dir: string): string | null {
  const relative = deps.readFile(path.join(dir, 'path.txt'));
  return relative ? path.join(dir, 'dist', relative) : null;
}

/** The first line of an error report that says what went wrong (not a stack frame). */
function firstErrorLine(stderr: string): string | null {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  return line ? line.slice(0, 200) : null;
}

/**
 * Makes sure the desktop app can start: Node is new enough, and Electron's binary is downloaded
 * (since Electron 42 nothing downloads it at install, and electron-vite reads `path.txt` without
 * downloading it). Runs Electron's own installer when the binary is missing. Returns the exit code.
 */
export function ensureElectron(deps: EnsureElectronDeps): number {
  const pkg = deps.electronDir ? readPackage(deps, deps.electronDir) : {};
  const version = typeof pkg.version === 'string' ? pkg.version : null;

  const nodeProblem = nodeVersionProblem(deps.nodeVersion, version);
  if (nodeProblem) {
    deps.err(nodeProblem);
    return 1;
  }

  const retry = retryCommand(deps.env);
  const execPath = deps.env['ELECTRON_EXEC_PATH'];
  if (execPath) {
    if (deps.exists(execPath)) return 0;
    deps.err(`ELECTRON_EXEC_PATH names ${execPath}, which does not exist: unset it or point it at an Electron binary, then run ${retry} again.`);
    return 1;
  }

  const dir = deps.electronDir;
  if (!dir) {
    deps.err(`Electron is not installed in node_modules: run npm install, then ${retry} again.`);
    return 1;
  }
  const before = binaryPath(deps, dir);
  if (before && deps.exists(before)) return 0;

  const name = `Electron${version ? ` ${version}` : ''}`;
  deps.out(`Downloading ${name} for the desktop app (needed once; this can take a few minutes)…`);
  const run = deps.spawn(deps.execPath, [path.join(dir, installerOf(pkg))]);
  const after = binaryPath(deps, dir);
  if (run.error || run.status !== 0 || !after || !deps.exists(after)) {
    const reason = run.error
      ? run.error.message
      : run.status !== 0
        ? (firstErrorLine(run.stderr) ?? `its installer exited with code ${run.status ?? 'unknown'}`)
        : 'its installer finished but left no binary';
    deps.err(
      `Could not download ${name} (${reason}): the desktop app needs an internet connection once to download Electron; connect and run ${retry} again.`,
    );
    return 1;
  }
  return 0;
}
