/** What other features may use of conflicts: everything else in this folder is its own. */
export { type ConflictsRepo } from './conflictsRepo';
