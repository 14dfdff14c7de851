/** What other features may use of check-in: everything else in this folder is its own. */
export { CheckInFromRecord } from './CheckInFromRecord';
export { visitsCollection } from './visitsCollection';
export { PrintFormsDialog } from './PrintFormsDialog';
