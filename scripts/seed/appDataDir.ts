import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Platform {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** One way the desktop app runs, and the folder Electron gives it (`app.getPath('userData')`). */
export interface AppDataDir {
  how: 'npm start' | 'installed app';
  dir: string;
}

/** Electron's `appData` folder: the parent of every app's `userData`. */
export function electronAppDataRoot({ platform, env, home }: Platform): string {
  if (platform === 'win32') return env['APPDATA'] ?? path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || path.posix.join(home, '.config');
}

/**
 * The app's names as Electron sees them. Electron names the folder after `productName`, or `name`
 * without one, from the package.json it runs: this checkout's for `npm start`, the one
 * electron-builder writes with electron-builder.yml's `productName` for the installed app.
 */
export async function readAppNames(projectDir: string): Promise<{ npmStart: string; installed: string }> {
  const pkg = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as { name?: unknown; productName?: unknown };
  const npmStart = nonEmpty(pkg.productName) ?? nonEmpty(pkg.name);
  if (!npmStart) throw new Error(`${path.join(projectDir, 'package.json')} has no name.`);
  let builderName: string | null = null;
  try {
    const yml = await readFile(path.join(projectDir, 'electron-builder.yml'), 'utf8');
    builderName = nonEmpty(/^productName:[ \t]*(.+?)[ \t]*$/m.exec(yml)?.[1]?.replace(/^(['"])(.*)\1$/, '$2'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { npmStart, installed: builderName ?? npmStart };
}

/**
 * The desktop app's data folders, `npm start` first. On macOS and Windows folder names ignore
 * case, so `clinicdesk` and `ClinicDesk` are one folder there.
 */
export function appDataDirs(p: Platform, names: { npmStart: string; installed: string }): AppDataDir[] {
  const join = p.platform === 'win32' ? path.win32.join : path.posix.join;
  const root = electronAppDataRoot(p);
  const dirs: AppDataDir[] = [{ how: 'npm start', dir: join(root, names.npmStart) }];
  const caseless = p.platform === 'win32' || p.platform === 'darwin';
  const same = caseless ? names.installed.toLowerCase() === names.npmStart.toLowerCase() : names.installed === names.npmStart;
  if (!same) dirs.push({ how: 'installed app', dir: join(root, names.installed) });
  return dirs;
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
