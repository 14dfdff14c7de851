import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema } from '../domain/ids';
import { CalendarDateSchema, InstantSchema, TimeZoneSchema } from '../domain/time';
import { CheckinSchema, CheckoutSchema, EMPTY_CHECKIN, emptyCheckin, mergeCheckins, mergeCheckouts, NO_CHECKOUT } from './checkin';

/*
 * A visit at the desk: from check-in to done (or left without being seen), one record per patient
 * per visit with the timeline of its steps. Two workstations moving the same patient merge by
 * the union of their steps: a visit only moves forward, and every step says who and when.
 */

export const VISIT_STEPS = ['checked-in', 'waiting', 'roomed', 'with-provider', 'checkout', 'left', 'done'] as const;
export const VisitStepSchema = z.enum(VISIT_STEPS);
export type VisitStep = z.infer<typeof VisitStepSchema>;

/**
 * How far along each step is. Left without being seen and done both end a visit; when one
 * workstation says done and another says left, done wins: the patient was seen (and may owe for it).
 */
export const VISIT_STEP_RANK: Readonly<Record<VisitStep, number>> = { 'checked-in': 1, waiting: 2, roomed: 3, 'with-provider': 4, checkout: 5, left: 6, done: 7 };
export const VISIT_STEP_LABEL: Readonly<Record<VisitStep, string>> = {
  'checked-in': 'Checked in',
  waiting: 'Waiting',
  roomed: 'Roomed',
  'with-provider': 'With provider',
  checkout: 'Ready for check-out',
  left: 'Left without being seen',
  done: 'Done',
};
/** Steps after which nothing more happens. */
export const FINAL_STEPS: ReadonlySet<VisitStep> = new Set(['left', 'done']);
/** A patient may leave unseen only before the provider sees them. */
const MAY_LEAVE: ReadonlySet<VisitStep> = new Set(['checked-in', 'waiting', 'roomed']);
export const MAX_TIMELINE = 40;

export const VisitEntrySchema = z
  .object({
    step: VisitStepSchema,
    at: InstantSchema,
    /** Who moved the patient (the signed-in staff member's name). */
    by: z.string().trim().min(1).max(100),
    /** The room, on a roomed step. */
    roomId: z.string().max(36),
    /** Why, on a left-without-being-seen step. */
    reason: z.string().trim().max(200),
  })
  .strict();
export type VisitEntry = z.infer<typeof VisitEntrySchema>;

export const VisitSchema = z
  .object({
    id: IdSchema,
    patientId: IdSchema,
    /** The appointment the patient came for; '' for a walk-in. */
    appointmentId: z.union([IdSchema, z.literal('')]),
    providerId: z.string().max(36),
    typeId: z.string().max(36),
    locationId: z.string().min(1).max(40),
    /** The clinic's calendar date of the visit (the board shows a day). */
    date: CalendarDateSchema,
    timeZone: TimeZoneSchema,
    /** Where the visit is now: always the furthest step of its timeline (kept for queries). */
    step: VisitStepSchema,
    timeline: z.array(VisitEntrySchema).min(1).max(MAX_TIMELINE),
    /** What the desk checked at check-in (empty for a visit checked in with one action, or before v1). */
    checkin: CheckinSchema.default(emptyCheckin),
    /** How the visit ended at the desk (empty until checked out, and for a visit ended on the board). */
    checkout: CheckoutSchema.default(() => ({ ...NO_CHECKOUT })),
  })
  .extend(ChangeStampSchema.shape)
  .superRefine((visit, context) => {
    if (visit.step !== furthestStep(visit.timeline)) context.addIssue({ code: 'custom', path: ['step'], message: 'The step must be the furthest step of the timeline' });
    const roomed = visit.timeline.find((e) => e.step === 'roomed' && e.roomId === '');
    if (roomed) context.addIssue({ code: 'custom', path: ['timeline'], message: 'A roomed step names its room' });
  });
export type Visit = z.infer<typeof VisitSchema>;

const order = (a: VisitEntry, b: VisitEntry) => a.at.localeCompare(b.at) || VISIT_STEP_RANK[a.step] - VISIT_STEP_RANK[b.step] || entryKey(a).localeCompare(entryKey(b));
const entryKey = (e: VisitEntry) => `${e.step}|${e.at}|${e.by}|${e.roomId}|${e.reason}`;

/** The furthest step of a timeline (the later one of equal rank). */
export function furthestStep(timeline: readonly VisitEntry[]): VisitStep {
  let best = timeline[0]!;
  for (const e of timeline) if (VISIT_STEP_RANK[e.step] > VISIT_STEP_RANK[best.step] || (VISIT_STEP_RANK[e.step] === VISIT_STEP_RANK[best.step] && e.at >= best.at)) best = e;
  return best.step;
}

/** The room the patient is in (or was last in): the latest roomed step's. */
export function roomOf(visit: Pick<Visit, 'timeline'>): string {
  let room = '';
  let at = '';
  for (const e of visit.timeline) if (e.step === 'roomed' && e.at >= at) [room, at] = [e.roomId, e.at];
  return room;
}

/** Why a step cannot follow where the visit is; null when it can. */
export function refusedStep(visit: Pick<Visit, 'step' | 'timeline'>, next: { step: VisitStep; roomId?: string; reason?: string }): string | null {
  const now = visit.step;
  if (FINAL_STEPS.has(now)) return `This visit is already ${VISIT_STEP_LABEL[now].toLowerCase()}.`;
  if (next.step === 'checked-in') return 'This patient is already checked in.';
  if (next.step === 'left') {
    if (!MAY_LEAVE.has(now)) return 'A patient the provider has seen did not leave without being seen: finish the visit instead.';
    if (!next.reason?.trim()) return 'Say why the patient left (e.g. waited too long).';
    return null;
  }
  if (next.step === 'roomed' && !next.roomId) return 'Choose the room.';
  // Moving a roomed patient to another room is a new roomed step.
  if (next.step === 'roomed' && now === 'roomed') return next.roomId === roomOf(visit) ? 'The patient is already in that room.' : null;
  if (VISIT_STEP_RANK[next.step] <= VISIT_STEP_RANK[now]) return `A visit that is ${VISIT_STEP_LABEL[now].toLowerCase()} does not go back to ${VISIT_STEP_LABEL[next.step].toLowerCase()}.`;
  return null;
}

/** The visit one step further, or an error saying why not. */
export function advanceVisit(visit: Visit, next: { step: VisitStep; roomId?: string; reason?: string }, by: string, at: string): Visit {
  const refused = refusedStep(visit, next);
  if (refused) throw new Error(refused);
  if (visit.timeline.length >= MAX_TIMELINE) throw new Error('This visit has too many steps.');
  const entry: VisitEntry = { step: next.step, at, by, roomId: next.step === 'roomed' ? (next.roomId ?? '') : '', reason: next.step === 'left' ? (next.reason ?? '').trim() : '' };
  const timeline = [...visit.timeline, entry].sort(order);
  return { ...visit, timeline, step: furthestStep(timeline) };
}

/**
 * Two copies of a visit as one: every step either copy recorded, in time order, and the visit
 * where the furthest of them puts it, and both copies' check-in and check-out (mergeCheckins, mergeCheckouts). The other fields
 * (provider, type) come from the copy changed last. The same steps in any order give the same visit.
 */
export function mergeVisits(a: Visit, b: Visit): Visit {
  const steps = new Map<string, VisitEntry>();
  for (const e of [...a.timeline, ...b.timeline]) steps.set(entryKey(e), e);
  const timeline = [...steps.values()].sort(order).slice(-MAX_TIMELINE);
  // A copy written before check-ins were recorded (visits v0, from a workstation not yet updated) has none.
  const checkin = mergeCheckins(a.checkin ?? EMPTY_CHECKIN, b.checkin ?? EMPTY_CHECKIN);
  const checkout = mergeCheckouts(a.checkout ?? NO_CHECKOUT, b.checkout ?? NO_CHECKOUT);
  const fields = (v: Visit) => JSON.stringify({ ...v, timeline: [], step: '', checkin: null, checkout: null });
  const later = a.updatedAt !== b.updatedAt ? (a.updatedAt > b.updatedAt ? a : b) : a.updatedBy !== b.updatedBy ? (a.updatedBy > b.updatedBy ? a : b) : fields(a) >= fields(b) ? a : b;
  return { ...later, createdAt: a.createdAt < b.createdAt ? a.createdAt : b.createdAt, timeline, step: furthestStep(timeline), checkin, checkout };
}

/** When the patient checked in (the first step). */
export const arrivedAt = (visit: Pick<Visit, 'timeline'>): string => visit.timeline[0]!.at;

/**
 * Minutes the patient has waited to be seen: from check-in until roomed (or with the provider, or
 * gone), or until `now` while still waiting.
 */
export function waitMinutes(visit: Pick<Visit, 'timeline'>, now: number): number {
  const start = Date.parse(arrivedAt(visit));
  const ended = visit.timeline.find((e) => VISIT_STEP_RANK[e.step] >= VISIT_STEP_RANK.roomed);
  const end = ended ? Date.parse(ended.at) : now;
  return Math.max(0, Math.floor((end - start) / 60_000));
}

/** Whether the patient is still waiting to be seen (checked in or waiting). */
export const isWaiting = (visit: Pick<Visit, 'step'>): boolean => VISIT_STEP_RANK[visit.step] < VISIT_STEP_RANK.roomed;

export interface WaitFigures {
  visits: number;
  averageMinutes: number;
  longestMinutes: number;
}

/** Today's average and longest wait, overall and per provider ('' for visits without one). */
export function waitFigures(visits: readonly Pick<Visit, 'timeline' | 'providerId'>[], now: number): { overall: WaitFigures; byProvider: Map<string, WaitFigures> } {
  const figures = (list: readonly Pick<Visit, 'timeline'>[]): WaitFigures => {
    const waits = list.map((v) => waitMinutes(v, now));
    return { visits: waits.length, averageMinutes: waits.length ? Math.round(waits.reduce((s, w) => s + w, 0) / waits.length) : 0, longestMinutes: waits.length ? Math.max(...waits) : 0 };
  };
  const byProvider = new Map<string, Pick<Visit, 'timeline'>[]>();
  for (const v of visits) byProvider.set(v.providerId, [...(byProvider.get(v.providerId) ?? []), v]);
  return { overall: figures(visits), byProvider: new Map([...byProvider].map(([p, list]) => [p, figures(list)])) };
}

export type WaitLevel = 'ok' | 'amber' | 'red';
/** The wait thresholds in minutes (the front desk's rules): amber after the first, red after the second. */
export interface WaitThresholds {
  amberMinutes: number;
  redMinutes: number;
}

export function waitLevel(minutes: number, thresholds: WaitThresholds): WaitLevel {
  if (minutes >= thresholds.redMinutes) return 'red';
  if (minutes >= thresholds.amberMinutes) return 'amber';
  return 'ok';
}

/** A name as initials for the board (privacy): "Ruiz, Ana" → "A. R." */
export function initialsOf(displayName: string): string {
  const [family = '', given = ''] = displayName.split(',').map((s) => s.trim());
  const letter = (s: string) => (s ? `${s[0]!.toUpperCase()}.` : '');
  return [letter(given), letter(family)].filter(Boolean).join(' ') || '?';
}
