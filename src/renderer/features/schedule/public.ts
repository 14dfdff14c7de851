/** What other features may use of schedule: everything else in this folder is its own. */
export { AppointmentStatusBadge } from './AppointmentStatusBadge';
export { type AppointmentsRepo } from './appointmentsRepo';
export { appointmentsCollection } from './appointmentsCollection';
export { BookAppointmentForm } from './BookAppointmentForm';
export { nextAvailable } from './nextAvailable';
