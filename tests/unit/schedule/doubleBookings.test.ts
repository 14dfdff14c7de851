import { describe, expect, it } from 'vitest';
import { asBooking, doubleBookings, HOLDS_TIME } from '../../../src/renderer/features/schedule/appointmentsRepo';
import { APPOINTMENT_BLANKS, AppointmentSchema, type Appointment } from '../../../src/shared/schedule/appointment';
import { overlapsOf } from '../../../src/shared/schedule/slots';
import { createRandom } from '../../support/random';

const stamp = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'manager', siteId: 'main' };
const id = (n: number, prefix = '1') => `0193a000-0000-7000-8000-${prefix}${String(n).padStart(11, '0')}`;
const STATUSES = ['booked', 'booked', 'booked', 'arrived', 'cancelled', 'noshow', 'fulfilled'] as const;

function randomDay(seed: number, count: number): Appointment[] {
  const random = createRandom(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random.next() * list.length)]!;
  const day = Date.parse('2026-12-09T13:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const start = day + Math.floor(random.next() * 40) * 15 * 60_000;
    return AppointmentSchema.parse({
      ...APPOINTMENT_BLANKS,
      id: id(i),
      patientId: id(Math.floor(random.next() * 12), '2'),
      start: new Date(start).toISOString(),
      end: new Date(start + pick([15, 30, 45, 120]) * 60_000).toISOString(),
      timeZone: 'America/Chicago',
      reason: 'Visit',
      status: pick(STATUSES),
      arrivedAt: null,
      providerId: pick(['', id(1, '3'), id(2, '3'), id(3, '3')]),
      roomId: pick(['', '', id(1, '4'), id(2, '4')]),
      overbookReason: random.next() < 0.1 ? 'Urgent' : '',
      locationId: 'main',
      ...stamp,
    });
  });
}

/** Every pair, the plain way: what the list of double bookings must hold, in its order. */
function everyPair(visits: readonly Appointment[]): string[] {
  const holding = visits.filter((a) => HOLDS_TIME.has(a.status) && !a.overbookReason);
  holding.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
  const out: string[] = [];
  for (let i = 0; i < holding.length; i++)
    for (let j = i + 1; j < holding.length; j++) {
      const kinds = overlapsOf(asBooking(holding[j]!), [asBooking(holding[i]!)]).map((o) => o.kind);
      if (kinds.length) out.push(`${holding[i]!.id}|${holding[j]!.id}|${kinds.join(',')}`);
    }
  return out;
}

describe('double bookings of a day', () => {
  it('are every pair of visits holding time that share a provider, room or patient, earliest first, none booked over on purpose', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const visits = randomDay(seed, 120);
      const found = doubleBookings(visits).map((p) => `${p.first.id}|${p.second.id}|${p.kinds.join(',')}`);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(everyPair(visits));
    }
  });
});
