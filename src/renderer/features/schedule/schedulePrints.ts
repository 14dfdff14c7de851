import { firstValueFrom } from 'rxjs';
import type { FeatureDeps } from '../../app/feature';
import { dayRangeInZone } from '../../../shared/domain/time';
import { formatPhone, patientDisplayName } from '../../../shared/patients/patient';
import type { AppointmentCardData, DayScheduleData, ReminderListData } from '../../../shared/print/schedule';
import { REMINDER_RESULT_LABEL, type ReminderRow } from '../../../shared/schedule/reminders';
import type { PrintResult } from '../../../shared/print/channels';
import { APPOINTMENT_STATUS_LABEL } from '../../../shared/schedule/appointment';
import { DeskError } from '../../data/workContext';
import { HOLDS_TIME, type AppointmentsRepo } from './appointmentsRepo';

/** The most upcoming visits an appointment card lists. */
const CARD_VISITS = 4;

/** How the printouts name providers, visit types and rooms (from the catalog the screen holds). */
export interface PrintNames {
  provider: (id: string) => string;
  type: (id: string) => string;
  room: (id: string) => string;
}

/**
 * The schedule's printouts, made through main and kept as PDFs there: a provider's day on letter
 * paper and a patient's appointment card. Each print is audited.
 */
export function createSchedulePrints(deps: Pick<FeatureDeps, 'ctx' | 'client' | 'settings' | 'findPatient'> & { appointments: Pick<AppointmentsRepo, 'observeRange' | 'observeForPatients'> }) {
  const { ctx, client, settings } = deps;
  const clinic = () => {
    const c = settings().clinic;
    return { name: c.name || 'Clinic', address: c.address, phone: c.phone };
  };
  return {
    async printDay(date: string, providerId: string, names: PrintNames): Promise<PrintResult> {
      const timeZone = settings().clinic.timeZone;
      const { start, end } = dayRangeInZone(date, timeZone);
      const visits = (await firstValueFrom(deps.appointments.observeRange(start, end))).filter((v) => v.providerId === providerId && (HOLDS_TIME.has(v.status) || v.status === 'noshow'));
      const patients = new Map((await Promise.all([...new Set(visits.map((v) => v.patientId))].map((id) => deps.findPatient(id)))).filter((p) => p !== null).map((p) => [p.id as string, p]));
      const data: DayScheduleData = {
        clinic: clinic(),
        providerName: names.provider(providerId) || 'No provider',
        date,
        timeZone,
        printedAt: ctx.now().toISOString(),
        printedBy: ctx.actor().name,
        visits: visits.map((v) => {
          const p = patients.get(v.patientId);
          const phone = p?.phones.find((x) => x.number)?.number ?? '';
          return {
            start: v.start,
            end: v.end,
            patientName: p ? patientDisplayName(p) : 'Unknown patient',
            birthDate: p?.birthDate ?? '',
            type: names.type(v.typeId),
            reason: v.reason,
            status: APPOINTMENT_STATUS_LABEL[v.status],
            room: names.room(v.roomId),
            phone: phone ? formatPhone(phone) : '',
          };
        }),
      };
      const result = await client.call('print:daySchedule', data);
      await ctx.audit({ action: 'print', subject: `day schedule ${date}`, detail: `${data.providerName}: ${data.visits.length} visits; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /** The reminder call list of a day as shown, with the results recorded so far. */
    async printReminders(date: string, rows: readonly ReminderRow[]): Promise<PrintResult> {
      const data: ReminderListData = {
        clinic: clinic(),
        date,
        timeZone: settings().clinic.timeZone,
        printedAt: ctx.now().toISOString(),
        printedBy: ctx.actor().name,
        rows: rows.map((r) => ({ time: r.time, patient: r.patient, provider: r.provider, phone: r.phone, contact: r.contact, texts: r.texts, result: r.result ? REMINDER_RESULT_LABEL[r.result] : '' })),
      };
      const result = await client.call('print:reminderList', data);
      await ctx.audit({ action: 'print', subject: `reminder calls ${date}`, detail: `${rows.length} visits; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },

    /** A patient's card of upcoming visits; `cancelNoticeHours` from the front desk's rules. */
    async printCard(patientId: string, names: PrintNames, rules: { cancelNoticeHours: number }): Promise<PrintResult> {
      const patient = await deps.findPatient(patientId);
      if (!patient) throw new DeskError('That patient could not be found.');
      const now = ctx.now().toISOString();
      const upcoming = (await firstValueFrom(deps.appointments.observeForPatients([patientId])))
        .filter((v) => v.status === 'booked' && v.start >= now)
        .sort((a, b) => a.start.localeCompare(b.start))
        .slice(0, CARD_VISITS);
      if (upcoming.length === 0) throw new DeskError('This patient has no upcoming visits to put on a card.');
      const data: AppointmentCardData = {
        clinic: clinic(),
        patientId: patient.id,
        patientName: patientDisplayName(patient),
        timeZone: settings().clinic.timeZone,
        visits: upcoming.map((v) => ({ start: v.start, providerName: names.provider(v.providerId), type: names.type(v.typeId) || v.reason })),
        cancelNoticeHours: rules.cancelNoticeHours,
      };
      const result = await client.call('print:appointmentCard', data);
      await ctx.auditSaved({ action: 'print', patientId: patient.id, subject: 'appointment card', detail: `${upcoming.length} visits; ${result.sentToPrinter ? result.printerMessage : 'saved as PDF'}` });
      return result;
    },
  };
}

export type SchedulePrints = ReturnType<typeof createSchedulePrints>;
