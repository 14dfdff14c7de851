import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** What main's settings in a data folder say about its clinic, as far as seeding cares. */
export type Workstation =
  | { kind: 'new' }
  | { kind: 'demo'; clinicName: string }
  | { kind: 'real'; clinicName: string; why: 'set-up' | 'sync' }
  | { kind: 'unreadable'; message: string };

// Only the fields that matter here, read without main's keychain: the sealed password is never touched.
const SettingsFileSchema = z.object({
  clinic: z.object({ name: z.string(), demo: z.boolean().default(false) }),
  setupComplete: z.boolean().default(false),
  sync: z.unknown().nullable().default(null),
});

export async function readWorkstation(dataDir: string): Promise<Workstation> {
  const file = path.join(dataDir, 'settings.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'new' };
    return { kind: 'unreadable', message: `${file} cannot be read: ${(error as Error).message}` };
  }
  let parsed;
  try {
    parsed = SettingsFileSchema.safeParse(JSON.parse(text));
  } catch {
    return { kind: 'unreadable', message: `${file} is not JSON` };
  }
  if (!parsed.success) return { kind: 'unreadable', message: `${file} is not a ClinicDesk settings file` };
  const { clinic, setupComplete, sync } = parsed.data;
  if (clinic.demo) return { kind: 'demo', clinicName: clinic.name };
  // A workstation told its clinic's server is joining a real clinic even before its first sign-in.
  if (sync !== null) return { kind: 'real', clinicName: clinic.name, why: 'sync' };
  if (setupComplete) return { kind: 'real', clinicName: clinic.name, why: 'set-up' };
  return { kind: 'new' };
}
