import { create } from 'zustand';
import type { AppointmentId, PatientId } from '../../shared/domain/ids';

export type Screen = 'patients' | 'schedule' | 'checkin' | 'payments' | 'audit' | 'staff' | 'settings';

type DeskState = {
  screen: Screen;
  selectedPatientId: PatientId | null;
  /** The appointment a payment is being taken for, when it started from check-in. */
  paymentAppointmentId: AppointmentId | null;
  /** Bumped by Ctrl+K anywhere; the finder takes focus when it changes. */
  finderRequest: number;
};

type DeskActions = {
  go(screen: Screen): void;
  selectPatient(id: PatientId | null): void;
  takePayment(patientId: PatientId, appointmentId: AppointmentId | null): void;
  openFinder(): void;
  reset(): void;
};

const initialState: DeskState = { screen: 'patients', selectedPatientId: null, paymentAppointmentId: null, finderRequest: 0 };

/** UI state only: which screen is open and which patient is in hand. */
export const useDeskStore = create<DeskState & DeskActions>()((set) => ({
  ...initialState,
  go: (screen) => set({ screen }),
  selectPatient: (selectedPatientId) => set({ selectedPatientId }),
  takePayment: (patientId, appointmentId) =>
    set({ screen: 'payments', selectedPatientId: patientId, paymentAppointmentId: appointmentId }),
  openFinder: () => set((s) => ({ screen: 'patients', finderRequest: s.finderRequest + 1 })),
  reset: () => set(initialState),
}));
