export const SCHEDULE_BENCH_DATABASE = 'clinicdesk-bench-schedule';

export interface ScheduleBenchPlan {
  /** Weekdays of visits, ending this many days after today. */
  weekdays: number;
  daysAhead: number;
  providers: number;
  perProviderPerDay: number;
  patients: number;
  timeZone: string;
}

export interface Gap {
  visitId: string;
  /** The visit's start and its provider's column, and the free quarter hour after its end. */
  start: string;
  providerIndex: number;
}

/** What the scheduling bench page offers the driver, as `window.scheduleBench`. */
export interface ScheduleBenchPage {
  /** Seeds the clinic (providers, types, hours, patients, visits) unless it is there; the visits stored. */
  seed(plan: ScheduleBenchPlan): Promise<{ visits: number; seededMs: number }>;
  /** Opens the Schedule screen on today (manager signed in), ready with its visits. */
  mount(plan: ScheduleBenchPlan): Promise<{ mountMs: number }>;
  /** Clicks "Next day" and waits until the day is on screen: its title, every visit drawn with its patient's name, painted. Null on a day without visits. */
  nextDay(): Promise<{ ms: number; visits: number } | null>;
  /** Types a date `days` after the one shown into "Go to date" and waits until that day is on screen, as `nextDay` does. Null on a day without visits. */
  goToDate(days: number): Promise<{ ms: number; visits: number } | null>;
  /** Times `nextAvailable` for a mix of types, preferences and providers, from today. */
  nextAvailable(count: number): Promise<{ samples: number[]; firstMs: number; found: number }>;
  /** Visits on the day shown that have a free quarter hour right after them. */
  gaps(): Promise<Gap[]>;
  /** Arms a stopwatch for the next key press: `cursorMoved` then gives the ms from it until the grid's keyboard cursor is drawn on another slot. */
  armCursorStopwatch(): void;
  cursorMoved(): Promise<number>;
  /** Arms a stopwatch at the next mouseup and resolves with the ms from it until the visit is saved at `start` and drawn there. */
  awaitMoved(visitId: string, start: string): Promise<number>;
}
