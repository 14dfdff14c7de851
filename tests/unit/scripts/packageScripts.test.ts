import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('package.json scripts', () => {
  it.each(['start', 'dev', 'dist'])('%s first makes sure Node and the Electron binary are ready', (name) => {
    expect(pkg.scripts[name]).toBeDefined();
    expect(pkg.scripts[`pre${name}`]).toBe('tsx scripts/ensure-electron.ts');
  });

  it('downloads nothing at install, so npm ci works without a download: the one hook applies the patches kept in the repository', () => {
    for (const hook of ['preinstall', 'install', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    // patch-package only rewrites files under node_modules from patches/, offline.
    expect(pkg.scripts['postinstall']).toBe('patch-package');
    expect(pkg.devDependencies['patch-package']).toBeDefined();
    const patches = readdirSync(path.resolve(import.meta.dirname, '../../../patches'));
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) expect(patch).toMatch(/^[a-z0-9@-]+(\+[a-z0-9@.-]+)?\+\d+\.\d+\.\d+\.patch$/);
  });
});
