/** What other features may use of patients: everything else in this folder is its own. */
export { usePatientNames } from './usePatientNames';
export { coveragesCollection } from './data/coveragesCollection';
export { patientsCollection } from './data/patientsCollection';
export { PatientPicker } from './PatientPicker';
