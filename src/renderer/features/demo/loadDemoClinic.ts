import type { Desk } from '../../app/DeskContext';
import { currentSettings } from '../../app/settingsStore';
import { DEMO_PASSWORD, DEMO_STAFF } from './demoStaff';
import type { SeedProgress, SeedResult } from './seedClinic';

/** The synthetic clinic a new user can load to see a working front desk. Every person is made up. */
export const DEMO_CLINIC = {
  name: 'Riverside Family Clinic (demo)',
  address: '100 Example Street, Springfield',
  phone: '(555) 010-0100',
};

/** How many patients the demo clinic gets unless someone picks another size. */
export const DEFAULT_DEMO_PATIENTS = 500;

/** The sizes the first-run screen offers. */
export const DEMO_SIZES: readonly number[] = [DEFAULT_DEMO_PATIENTS, 10_000, 100_000];

/**
 * Sets up the demo clinic on a new workstation: one made-up person per role, then a synthetic
 * clinic of `patients` made-up patients with a few days of appointments. Only offered while the
 * workstation has no staff and no sync server, so it can never mix with a real clinic's records.
 * The patients are loaded by the demo administrator, signed in and out for it like anyone else,
 * so the audit log says so.
 */
export async function loadDemoClinic(
  desk: Desk,
  timeZone: string,
  options: { patients?: number; seed?: number; onProgress?: (progress: SeedProgress) => void } = {},
): Promise<SeedResult> {
  const clinic = { ...DEMO_CLINIC, timeZone, npi: '', taxId: '', demo: true };
  await desk.client.call('settings:setClinic', clinic);
  await desk.clinicProfile.saveAtSetup(clinic, currentSettings().siteId);
  const { hash: passwordHash } = await desk.client.call('auth:hashSecret', { kind: 'password', secret: DEMO_PASSWORD });
  const people = [];
  for (const person of DEMO_STAFF) {
    const { hash: pinHash } = await desk.client.call('auth:hashSecret', { kind: 'pin', secret: person.pin });
    people.push({ input: { ...person, siteIds: [currentSettings().siteId] }, passwordHash, pinHash });
  }
  await desk.staff.createInitial(people, { at: new Date().toISOString(), siteId: currentSettings().siteId });
  await desk.client.call('setup:complete', {});
  await desk.refreshSettings();
  await desk.session.signIn('admin', DEMO_PASSWORD);
  try {
    const result = await desk.demo.seed(desk.appointments, {
      patients: options.patients ?? DEFAULT_DEMO_PATIENTS,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return result;
  } finally {
    await desk.session.signOut('sign-out');
  }
}
