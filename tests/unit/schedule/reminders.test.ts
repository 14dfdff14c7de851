import { describe, expect, it } from 'vitest';
import { formatTimeInZone } from '../../../src/shared/domain/time';
import { APPOINTMENT_BLANKS, AppointmentSchema, type Appointment } from '../../../src/shared/schedule/appointment';
import { reminderRows, remindersToCsv, type ReminderPatient } from '../../../src/shared/schedule/reminders';

const stamp = { createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'staff-1', siteId: 'main' };
const JANE = '0193a000-0000-7000-8000-0000000000d1';
const OMAR = '0193a000-0000-7000-8000-0000000000d2';
const visit = (id: string, patientId: string, start: string, more: Partial<Appointment> = {}) =>
  AppointmentSchema.parse({ ...APPOINTMENT_BLANKS, id: `0193a000-0000-7000-8000-0000000002${id}`, patientId, start, end: new Date(Date.parse(start) + 20 * 60_000).toISOString(), timeZone: 'America/Chicago', reason: '', status: 'booked', arrivedAt: null, locationId: 'main', ...stamp, ...more });
const consent = (call: boolean, text: boolean) => ({ call: { given: call }, text: { given: text }, email: { given: false } });
const patients = new Map<string, ReminderPatient>([
  [JANE, { name: 'Doe, Jane', phones: [{ number: '5550101234', type: 'mobile', texts: true }], consent: consent(true, true), email: '' }],
  [OMAR, { name: '=HYPERLINK("x"), Omar', phones: [], consent: consent(false, false), email: '' }],
]);

describe('the reminder call list', () => {
  const visits = [
    visit('02', OMAR, '2026-12-10T16:00:00.000Z'),
    visit('01', JANE, '2026-12-10T15:00:00.000Z', { reminder: { result: 'confirmed', at: '2026-12-09T18:00:00.000Z', by: 'Dana Reyes' } }),
    visit('03', JANE, '2026-12-10T17:00:00.000Z', { status: 'cancelled', cancelReason: 'patient' }),
    visit('04', OMAR, '2026-12-10T18:00:00.000Z', { status: 'waitlist' }),
  ];
  const rows = reminderRows(visits, patients, () => 'Dr. Ana Ruiz, MD', formatTimeInZone);

  it('lists the booked visits by time, with the first number, how the patient agreed to be reached, and the last result', () => {
    expect(rows.map((r) => [r.time, r.patient, r.phone, r.contact, r.texts, r.result])).toEqual([
      ['9:00 AM', 'Doe, Jane', '(555) 010-1234 (mobile)', 'Call, Text', true, 'confirmed'],
      ['10:00 AM', '=HYPERLINK("x"), Omar', 'No phone on file', 'Not asked', false, ''],
    ]);
  });

  it('exports CSV that a spreadsheet reads as text: quoted where needed, formulas defused', () => {
    const csv = remindersToCsv('2026-12-10', rows);
    expect(csv.split('\r\n')).toEqual([
      'Date,Time,Patient,Provider,Phone,Contact by,Texts OK,Result,Called at,Called by',
      '2026-12-10,9:00 AM,"Doe, Jane","Dr. Ana Ruiz, MD",(555) 010-1234 (mobile),"Call, Text",Yes,Confirmed,2026-12-09T18:00:00.000Z,Dana Reyes',
      `2026-12-10,10:00 AM,"'=HYPERLINK(""x""), Omar","Dr. Ana Ruiz, MD",No phone on file,Not asked,No,,,`,
      '',
    ]);
  });
});
