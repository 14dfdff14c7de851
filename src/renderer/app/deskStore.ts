import { create } from 'zustand';
import type { AppointmentId, PatientId } from '../../shared/domain/ids';

import type { Screen } from './features';

export type { Screen };

type DeskState = {
  screen: Screen;
  selectedPatientId: PatientId | null;
  /** The appointment a payment is being taken for, when it started from check-in. */
  paymentAppointmentId: AppointmentId | null;
  /** The patient finder overlay (Ctrl+K) is open over whichever screen is showing. */
  finderOpen: boolean;
};

type DeskActions = {
  go(screen: Screen): void;
  selectPatient(id: PatientId | null): void;
  takePayment(patientId: PatientId, appointmentId: AppointmentId | null): void;
  openFinder(): void;
  closeFinder(): void;
  reset(): void;
};

const initialState: DeskState = { screen: 'patients', selectedPatientId: null, paymentAppointmentId: null, finderOpen: false };

/** UI state only: which screen is open and which patient is in hand. */
export const useDeskStore = create<DeskState & DeskActions>()((set) => ({
  ...initialState,
  go: (screen) => set({ screen }),
  selectPatient: (selectedPatientId) => set({ selectedPatientId }),
  takePayment: (patientId, appointmentId) =>
    set({ screen: 'payments', selectedPatientId: patientId, paymentAppointmentId: appointmentId }),
  openFinder: () => set({ finderOpen: true }),
  closeFinder: () => set({ finderOpen: false }),
  reset: () => set(initialState),
}));
