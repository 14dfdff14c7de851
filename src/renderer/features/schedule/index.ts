import type { PatientId } from '../../../shared/domain/ids';
import { defineFeature } from '../../app/feature';
import { appointmentsCollection } from './appointmentsCollection';
import { createAppointmentsRepo } from './appointmentsRepo';
import { createSchedulePrints } from './schedulePrints';
import { ScheduleScreen } from './ScheduleScreen';

/** Scheduling: appointments, the day's schedule and booking. */
export const scheduleFeature = defineFeature({
  id: 'schedule',
  collections: { appointments: appointmentsCollection },
  repositories: (db, deps) => {
    const appointments = createAppointmentsRepo(db, deps.ctx);
    return { appointments, schedulePrints: createSchedulePrints({ ...deps, appointments }) };
  },
  // A merged-away patient's appointments move to the record kept.
  start: ({ appointments }, { ctx }) => ctx.onPatientMerged((from, to) => appointments.movePatient(from as PatientId, to as PatientId)),
  screens: [{ id: 'schedule', label: 'Schedule', key: '2', component: ScheduleScreen }],
});
