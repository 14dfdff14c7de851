import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('package.json scripts', () => {
  it.each(['start', 'dev', 'dist'])('%s first makes sure Node and the Electron binary are ready', (name) => {
    expect(pkg.scripts[name]).toBeDefined();
    expect(pkg.scripts[`pre${name}`]).toBe('tsx scripts/ensure-electron.ts');
  });

  it('downloads nothing at install, so npm ci works without a download', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
  });
});
