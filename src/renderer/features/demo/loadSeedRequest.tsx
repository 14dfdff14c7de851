import { notifications } from '@mantine/notifications';
import type { SeedRequest } from '../../../shared/demo/seedRequest';
import type { Desk } from '../../app/DeskContext';
import { NotADemoClinic, type SeedResult } from './seedClinic';
import { SeedProgressBar } from './SeedProgressBar';

let running = false;

/**
 * Loads the synthetic clinic `npm run seed` asked for, if one is waiting, with a progress
 * notification, and clears the request once loaded. A clinic that is not a demo clinic refuses it
 * and the request stays, so the refusal is seen again until someone cancels it.
 */
export async function loadWaitingSeedRequest(desk: Desk): Promise<void> {
  if (running) return;
  running = true;
  try {
    let request: SeedRequest | null;
    try {
      request = await desk.client.call('demo:seedRequest', {});
    } catch (error) {
      notifications.show({ color: 'red', title: 'The seed request cannot be read', message: (error as Error).message, autoClose: false });
      return;
    }
    if (request) await load(desk, request);
  } finally {
    running = false;
  }
}

async function load(desk: Desk, request: SeedRequest): Promise<void> {
  const id = `seed-${request.requestedAt}`;
  const patients = request.patients.toLocaleString('en-US');
  notifications.show({
    id,
    loading: true,
    autoClose: false,
    withCloseButton: false,
    title: `Loading ${patients} synthetic patients`,
    message: <SeedProgressBar progress={null} patients={request.patients} />,
  });
  try {
    const result = await desk.demo.seed(desk.appointments, {
      patients: request.patients,
      seed: request.seed,
      onProgress: (progress) => notifications.update({ id, message: <SeedProgressBar progress={progress} patients={request.patients} /> }),
    });
    await desk.client.call('demo:seedDone', { requestedAt: request.requestedAt });
    finish(id, { color: 'teal', title: 'Synthetic clinic loaded', message: summary(result), autoClose: 10_000 });
  } catch (error) {
    const refused = error instanceof NotADemoClinic;
    finish(id, {
      color: 'red',
      title: refused ? 'Synthetic patients refused' : 'The synthetic clinic did not finish loading',
      message: refused
        ? `${error.message} The request from npm run seed is still waiting; remove it with npm run seed -- --cancel.`
        : `${(error as Error).message} What was loaded stays; sign in again to load the rest.`,
      autoClose: false,
    });
  }
}

/** Replaces the progress with the outcome, as a new notification: a lock meanwhile removed the old one. */
function finish(progressId: string, outcome: { color: string; title: string; message: string; autoClose: number | false }): void {
  notifications.hide(progressId);
  notifications.show({ ...outcome, withCloseButton: true });
}

function summary(result: SeedResult): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const parts = [`${n(result.patientsAdded)} patients added`];
  if (result.patientsPresent > 0) parts.push(`${n(result.patientsPresent)} were already here`);
  if (result.appointmentsBooked > 0) parts.push(`${n(result.appointmentsBooked)} appointments booked`);
  if (result.repeatingBooked > 0) parts.push(`${n(result.repeatingBooked)} repeating visits`);
  if (result.waitlisted > 0) parts.push(`${n(result.waitlisted)} patients on the waitlist`);
  return `${parts.join(', ')}. Every one of them is made up.`;
}
