import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/ipc/envelope';
import { writeFileAtomic } from '../fs/atomicFile';
import type { PdfRenderer, Printer } from './pdf';

const PRINTER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,79}$/;

/**
 * Printers that are folders ("hot folders"), for the browser host: each folder inside `dir` is a
 * printer of that name, and a job sent to it is written there as a PDF, once per copy, for a
 * print server or a person to pick up. A folder that is not there is a printer that is not
 * connected, so the print queue holds its jobs and retries them until it is back.
 */
export function createFolderPrinter(deps: { dir: string; pdf: PdfRenderer; now: () => Date }): Printer {
  let sequence = 0;
  return {
    async print(job, deviceName) {
      const folder = path.join(deps.dir, deviceName);
      const present = PRINTER_NAME.test(deviceName) && (await stat(folder).then((s) => s.isDirectory(), () => false));
      if (!present) throw new AppError('PRINTER', `Printer "${deviceName}" is not installed or not connected`);
      const pdf = await deps.pdf.render(job.html, job.page);
      const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
      const name = job.title.replace(/[^A-Za-z0-9 ._-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'document';
      sequence += 1;
      for (let copy = 1; copy <= (job.copies ?? 1); copy++) {
        try {
          await writeFileAtomic(path.join(folder, `${stamp}-${sequence}-${copy} ${name}.pdf`), pdf, 0o644);
        } catch (error) {
          throw new AppError('PRINTER', `Printer "${deviceName}" could not print: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    async list() {
      const entries = await readdir(deps.dir, { withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isDirectory() && PRINTER_NAME.test(e.name))
        .map((e) => ({ name: e.name, displayName: `${e.name} (folder)` }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
