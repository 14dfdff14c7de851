import { firstValueFrom } from 'rxjs';
import { dateInZone, dayRangeInZone } from '../../../shared/domain/time';
import { MAX_APPOINTMENT_MS, type Appointment } from '../../../shared/schedule/appointment';
import { openBlocks } from '../../../shared/schedule/availability';
import type { AppointmentType } from '../../../shared/schedule/scheduling';
import { findSlots, type Booking, type PartOfDay, type Slot } from '../../../shared/schedule/slots';
import type { CatalogRepo } from '../catalog/public';
import { asBooking, HOLDS_TIME, type AppointmentsRepo } from './appointmentsRepo';

/** How far ahead "find next available" looks. */
export const SEARCH_DAYS = 60;
const DAY_MS = 86_400_000;
/** Each stored visit (an unchanging object) as the engine sees it, worked out once. */
const bookings = new WeakMap<Appointment, Booking | null>();
const bookingOf = (visit: Appointment) => {
  let booking = bookings.get(visit);
  if (booking === undefined) bookings.set(visit, (booking = HOLDS_TIME.has(visit.status) ? asBooking(visit) : null));
  return booking;
};

/**
 * The first free times for a visit of this type from `from` on: the providers' hours less
 * closures, clear of every visit holding time, with a free room when the type needs one, and as
 * the patient prefers.
 */
export async function nextAvailable(
  repos: { catalog: Pick<CatalogRepo, 'observeAvailability' | 'observeExceptions' | 'observeRooms'>; appointments: Pick<AppointmentsRepo, 'observeRange'> },
  request: { type: AppointmentType; patientId: string; from: Date; timeZone: string; providerIds?: string[]; partOfDay?: PartOfDay; weekdays?: number[]; limit?: number },
): Promise<Slot[]> {
  const until = new Date(request.from.getTime() + SEARCH_DAYS * DAY_MS);
  // The visits are read over whole days, the same window for every search of the day, so the
  // database's query cache answers the searches after the first without reading them again.
  const firstDay = dayRangeInZone(dateInZone(request.from, request.timeZone), request.timeZone).start;
  const lastDay = dayRangeInZone(dateInZone(until, request.timeZone), request.timeZone).end;
  const [templates, exceptions, rooms, visits] = await Promise.all([
    firstValueFrom(repos.catalog.observeAvailability()),
    firstValueFrom(repos.catalog.observeExceptions()),
    firstValueFrom(repos.catalog.observeRooms()),
    firstValueFrom(repos.appointments.observeRange(new Date(firstDay.getTime() - MAX_APPOINTMENT_MS), lastDay)),
  ]);
  const blocks = openBlocks(templates, exceptions, { fromDate: dateInZone(request.from, request.timeZone), toDate: dateInZone(until, request.timeZone), timeZone: request.timeZone });
  return findSlots({
    blocks,
    bookings: visits.map(bookingOf).filter((b): b is Booking => b !== null),
    rooms: rooms.filter((r) => r.active),
    type: request.type,
    patientId: request.patientId,
    notBefore: request.from.getTime(),
    timeZone: request.timeZone,
    preferences: { ...(request.providerIds?.length ? { providerIds: request.providerIds } : {}), ...(request.weekdays?.length ? { weekdays: request.weekdays } : {}), partOfDay: request.partOfDay ?? 'any' },
    limit: request.limit ?? 5,
  });
}
