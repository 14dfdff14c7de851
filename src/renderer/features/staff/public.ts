/** What other features may use of staff: everything else in this folder is its own. */
export { type StaffRepo } from './staffRepo';
