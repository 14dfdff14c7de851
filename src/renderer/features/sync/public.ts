/** What other features may use of sync: everything else in this folder is its own. */
export { useSyncStore } from './syncStore';
