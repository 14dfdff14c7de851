/** What other features may use of patients: everything else in this folder is its own. */
export { usePatientMarkers, usePatientNames } from './usePatientNames';
export { coveragesCollection } from './data/coveragesCollection';
export { patientsCollection } from './data/patientsCollection';
export { PatientPicker } from './PatientPicker';
export type { PatientMarkers } from './data/patientsRepo';
export { usePatient } from './usePatient';
export { useDocumentImage } from './useDocumentImage';
export { EditPatientForm } from './EditPatientForm';
export { CoveragesPanel } from './CoveragesPanel';
export { useOpenPatient } from './finder/useOpenPatient';
