/**
 * The `_local` document in which each clinic database carries its mark, so that a workstation can
 * tell the database it synced with from one deleted and created again (or restored from a backup
 * and given a new mark) under the same name. `_local` documents never replicate and go with their
 * database, so a new database has none, and the first workstation to look writes one.
 */
export const EPOCH_DOC = '_local/clinicdesk-epoch';
