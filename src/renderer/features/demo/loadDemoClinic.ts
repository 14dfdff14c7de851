import { dateInZone, zonedTimeToInstant } from '../../../shared/domain/time';
import type { Desk } from '../../app/DeskContext';
import { currentSettings } from '../../app/settingsStore';
import { DEMO_PASSWORD, DEMO_STAFF } from './demoStaff';

const GIVEN = ['Ava', 'Noah', 'Maria', 'Liam', 'Sofia', 'Ethan', 'Chloe', 'Mateo', 'Grace', 'Lucas', 'Amara', 'Owen', 'Zoe', 'Elijah', 'Hana', 'Caleb', 'Priya', 'Jonah', 'Lena', 'Isaac'];
const FAMILY = ['Garcia', 'Nguyen', 'Okafor', 'Smith', 'Martínez', 'Kowalski', 'Johnson', 'Haddad', 'Brown', 'Rossi', 'Patel', 'Müller', 'Kim', 'Williams', 'Dubois', 'Lopez', 'Chen', 'Novak', 'Davis', 'Silva'];

/** The synthetic clinic a new user can load to see a working front desk. Every person is made up. */
export const DEMO_CLINIC = {
  name: 'Riverside Family Clinic (demo)',
  address: '100 Example Street, Springfield',
  phone: '(555) 010-0100',
};

/**
 * Sets up the demo clinic on a new workstation: one made-up person per role, 40 made-up patients,
 * eight booked today. Only offered while the workstation has no staff and no sync server, so it
 * can never mix with a real clinic's records. The patients are registered by the demo
 * administrator, signed in and out for it like anyone else, so the audit log says so.
 */
export async function loadDemoClinic(desk: Desk, timeZone: string): Promise<number> {
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
    return await loadDemoPatients(desk, timeZone);
  } finally {
    await desk.session.signOut('sign-out');
  }
}

async function loadDemoPatients(desk: Desk, timeZone: string): Promise<number> {
  const today = dateInZone(new Date(), timeZone);
  let made = 0;
  for (let i = 0; i < 40; i++) {
    const year = 1940 + ((i * 7) % 80);
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
    const day = String(1 + ((i * 11) % 28)).padStart(2, '0');
    const patient = await desk.patients.register({
      givenName: GIVEN[i % GIVEN.length] ?? 'Alex',
      familyName: FAMILY[(i * 3 + Math.floor(i / GIVEN.length)) % FAMILY.length] ?? 'Doe',
      birthDate: `${year}-${month}-${day}`,
      phone: `555010${String(1000 + i).slice(-4)}`,
    });
    made++;
    if (i < 8) {
      const start = zonedTimeToInstant(today, `${String(8 + i).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, timeZone);
      await desk.appointments.book({
        patientId: patient.id,
        start: start.toISOString(),
        end: new Date(start.getTime() + 20 * 60_000).toISOString(),
        timeZone,
        reason: i % 3 === 0 ? 'Annual physical' : i % 3 === 1 ? 'Follow-up' : 'Sick visit',
      });
    }
  }
  return made;
}
