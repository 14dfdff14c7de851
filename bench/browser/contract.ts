import type { FinderReadiness } from '../../src/renderer/features/patients/finder/patientFinderIndex';
import type { Patient } from '../../src/shared/patients/patient';

export const BENCH_DATABASE_NAME = 'clinicdesk-bench';
/** A fixed key: the bench's made-up clinic protects nothing. */
export const BENCH_DATABASE_KEY = 'bench-key-0123456789abcdef0123456789abcdef';

export interface StartResult {
  openMs: number;
  finderMs: number;
  totalMs: number;
  ready: FinderReadiness;
}

/** What the bench page offers the driver in Node, as `window.clinicBench`. */
export interface BenchPage {
  insert(docs: Patient[]): Promise<void>;
  count(): Promise<number>;
  /**
   * Opens the database and the finder, timed; `full` first deletes the finder's snapshot;
   * `migrated` opens the patients at a schema one version ahead, so the opening migrates them.
   */
  start(mode: 'full' | 'snapshot' | 'migrated'): Promise<StartResult>;
  saveSnapshot(): Promise<{ exportMs: number; saveMs: number; megabytes: number }>;
  /** Milliseconds per search, the finder alone. */
  searchFinder(texts: string[]): number[];
  /** Milliseconds per search, the finder and reading the rows it found. */
  searchEndToEnd(texts: string[]): Promise<number[]>;
  timerResolution(): number;
}
