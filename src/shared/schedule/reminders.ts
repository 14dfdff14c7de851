import { csvCell } from '../domain/csv';
import type { Appointment, ReminderResult } from './appointment';

export const REMINDER_RESULT_LABEL: Record<ReminderResult, string> = {
  confirmed: 'Confirmed',
  'left-message': 'Left a message',
  'no-answer': 'No answer',
  'wrong-number': 'Wrong number',
  cancelled: 'Cancelled',
  rescheduled: 'Rescheduled',
};

/** What the caller needs of a patient: a name, the numbers and how they agreed to be reached. */
export interface ReminderPatient {
  name: string;
  phones: readonly { number: string; type: string; texts: boolean }[];
  consent: { call: { given: boolean }; text: { given: boolean }; email: { given: boolean } };
  email: string;
}

/** One line of the reminder call list. */
export interface ReminderRow {
  appointmentId: string;
  start: string;
  time: string;
  patient: string;
  provider: string;
  phone: string;
  /** How the patient agreed to be reached, e.g. "Call, Text"; "Not asked" when nothing was recorded. */
  contact: string;
  /** May be sent text messages: consent given and a number that takes texts. */
  texts: boolean;
  result: ReminderResult | '';
  at: string;
  by: string;
}

const formatPhone = (digits: string) => (/^\d{10}$/.test(digits) ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits);

/**
 * The visits of a day to call about, by time: booked ones only (not cancelled, already here or on
 * the waitlist), each with the patient's first number, how they agreed to be reached and the last
 * call's result.
 */
export function reminderRows(
  visits: readonly Appointment[],
  patients: ReadonlyMap<string, ReminderPatient>,
  providerName: (id: string) => string,
  formatTime: (instant: string, timeZone: string) => string,
): ReminderRow[] {
  return visits
    .filter((v) => v.status === 'booked' || v.status === 'pending' || v.status === 'proposed')
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((v) => {
      const p = patients.get(v.patientId);
      const consents = p ? (['call', 'text', 'email'] as const).filter((c) => p.consent[c].given).map((c) => ({ call: 'Call', text: 'Text', email: 'Email' })[c]) : [];
      const phone = p?.phones.find((x) => x.number) ?? null;
      return {
        appointmentId: v.id,
        start: v.start,
        time: formatTime(v.start, v.timeZone),
        patient: p?.name ?? 'Unknown patient',
        provider: providerName(v.providerId),
        phone: phone ? `${formatPhone(phone.number)} (${phone.type})` : 'No phone on file',
        contact: consents.length ? consents.join(', ') : 'Not asked',
        texts: !!p?.consent.text.given && !!p.phones.some((x) => x.texts),
        result: v.reminder.result,
        at: v.reminder.at,
        by: v.reminder.by,
      };
    });
}

/** The call list as CSV (RFC 4180, CRLF), with a header row. */
export function remindersToCsv(date: string, rows: readonly ReminderRow[]): string {
  const header = ['Date', 'Time', 'Patient', 'Provider', 'Phone', 'Contact by', 'Texts OK', 'Result', 'Called at', 'Called by'];
  const lines = rows.map((r) => [date, r.time, r.patient, r.provider, r.phone, r.contact, r.texts ? 'Yes' : 'No', r.result ? REMINDER_RESULT_LABEL[r.result] : '', r.at, r.by].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
