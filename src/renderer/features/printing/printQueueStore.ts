import { create } from 'zustand';
import { isOpenJob, type PrintQueueJob } from '../../../shared/print/queue';

type PrintQueueState = {
  /** main's print queue as last told, oldest first. */
  jobs: PrintQueueJob[];
  /** Whether the queue's panel is open. */
  open: boolean;
  setJobs(jobs: PrintQueueJob[]): void;
  /** Takes in a job main says has changed (a new one is added at its place by time). */
  upsert(job: PrintQueueJob): void;
  setOpen(open: boolean): void;
};

export const usePrintQueueStore = create<PrintQueueState>((set) => ({
  jobs: [],
  open: false,
  setJobs: (jobs) => set({ jobs }),
  upsert: (job) =>
    set((state) => {
      const others = state.jobs.filter((j) => j.id !== job.id);
      return { jobs: [...others, job].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) };
    }),
  setOpen: (open) => set({ open }),
}));

/** How many jobs are still to print, and how many of those the printer could not print. */
export function queueCounts(jobs: PrintQueueJob[]): { open: number; notPrinted: number } {
  const open = jobs.filter(isOpenJob);
  return { open: open.length, notPrinted: open.filter((j) => j.state === 'retrying' || j.state === 'failed').length };
}
