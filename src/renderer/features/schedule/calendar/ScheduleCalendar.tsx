import { Text } from '@mantine/core';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ComponentProps, type CSSProperties, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { Calendar, type EventProps, type SlotInfo } from 'react-big-calendar';
import dragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import { addDays, daysBetween, formatTimeInZone, zonedTimeToInstant } from '../../../../shared/domain/time';
import { APPOINTMENT_STATUS_LABEL } from '../../../../shared/schedule/appointment';
import type { OpenBlock } from '../../../../shared/schedule/availability';
import { clinicLocalizer, minutesInZone } from './clinicLocalizer';
import { BARE_COLUMN, columnDigests, drawnAlike, EVERY_COLUMN, openHours, viewDates, visibleHours, type ClosedEvent, type VisitEvent } from './calendarModel';

type Item = VisitEvent | ClosedEvent;
interface Column {
  id: string;
  title: string;
}

const STEP_MINUTES = 15;
const STEP_MS = STEP_MINUTES * 60_000;
/** How long a move's save may take before its visit is marked as saving. */
const SAVING_MARK_AFTER_MS = 250;
/**
 * How long a dropped visit may wait for its save before the grid is drawn again. Meanwhile the drag
 * add-on keeps its preview where the visit was dropped (patches/react-big-calendar), and the save has
 * the page to itself: drawing the grid first (tens of milliseconds, then a frame) would hold the
 * database's replies up behind it.
 */
const DROP_WAITS_FOR_SAVE_MS = 100;
// The add-on is CommonJS: the production bundle hands over its exports object, the dev server its default export.
const withDragAndDrop = (dragAndDrop as unknown as { default?: typeof dragAndDrop }).default ?? dragAndDrop;
const DnDCalendar = withDragAndDrop<Item, Column>(Calendar);
const isVisit = (item: Item): item is VisitEvent => 'appointment' in item;
const isAt = (v: VisitEvent, to: MoveTo) => v.start.getTime() === to.start.getTime() && v.end.getTime() === to.end.getTime() && v.resourceId === to.providerId;
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface MoveTo {
  start: Date;
  end: Date;
  providerId: string;
}

export interface ScheduleCalendarProps {
  view: 'day' | 'week';
  /** The day shown, or a day of the week shown (`YYYY-MM-DD` in the clinic's time zone). */
  date: string;
  timeZone: string;
  /** Day view: a column each; week view: the one provider shown. */
  providers: readonly Column[];
  visits: readonly VisitEvent[];
  closed: readonly ClosedEvent[];
  blocks: readonly OpenBlock[];
  now: number;
  /** An open time chosen by click, drag or keyboard. */
  onBook(at: { providerId: string; start: Date; end: Date }): void;
  onOpen(visit: VisitEvent): void;
  /** Saves a move or resize; resolves once it is saved or refused. */
  onMove(visit: VisitEvent, to: MoveTo): Promise<void>;
  /** A visit is being dragged: its move may be readied, so that the drop is saved at once. */
  onMoveStart?(visit: VisitEvent): void;
}

/**
 * The provider calendar: a column per provider for a day, or one provider's week. Open hours are
 * white, the rest shaded; time off and closures are labelled; a visit shows the patient, type and
 * status in its type's color. Click or drag an open time to book it, drag a visit to move it and
 * its edge to resize it. Keyboard: arrow keys choose a time on the grid, Enter books it; on a
 * visit, Enter opens it, Alt+arrows move it, Alt+Shift+Up/Down change its length.
 */
export function ScheduleCalendar(props: ScheduleCalendarProps) {
  const { view, date, timeZone, providers, visits, closed, blocks, now, onBook, onOpen, onMove, onMoveStart } = props;
  const localizer = clinicLocalizer(timeZone);
  const isOpen = useMemo(() => openHours(blocks), [blocks]);
  const single = view === 'week' ? providers[0] : undefined;
  const columnIds = useMemo(() => providers.map((p) => p.id), [providers]);
  // Moves drawn where they go before they are saved (by keyboard at once; a drop once its save has
  // taken `DROP_WAITS_FOR_SAVE_MS`), until saved (or refused, and they go back).
  const [moving, setMoving] = useState<ReadonlyMap<string, MoveTo>>(new Map());
  // Those of them whose save has taken longer than a moment.
  const [slowSaves, setSlowSaves] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState<{ providerId: string; start: number } | null>(null);
  const [announce, setAnnounce] = useState('');
  const gridRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const wanted = new Set(columnIds);
    return visits
      .filter((v) => wanted.has(v.resourceId))
      .map((v) => {
        const to = moving.get(v.id);
        return to && !isAt(v, to) ? { ...v, start: to.start, end: to.end, resourceId: to.providerId } : v;
      });
  }, [visits, columnIds, moving]);
  // The grid keeps the events it drew while what it shows stays the same (`drawnAlike`), so what it
  // hands back is looked up again: the latest version of that visit.
  const shownById = useMemo(() => new Map(shown.map((v) => [v.id, v])), [shown]);
  const latest = useRef(shownById);
  useLayoutEffect(() => {
    latest.current = shownById;
  });
  const current = (item: Item): Item => (isVisit(item) ? (latest.current.get(item.id) ?? item) : item);
  const hours = useMemo(() => visibleHours(blocks, shown, (t) => minutesInZone(t, timeZone)), [blocks, shown, timeZone]);
  const min = useMemo(() => zonedTimeToInstant(date, clock(hours.from), timeZone), [date, hours.from, timeZone]);
  const max = useMemo(() => zonedTimeToInstant(date, clock(hours.to), timeZone), [date, hours.to, timeZone]);
  const noon = useMemo(() => zonedTimeToInstant(date, '12:00', timeZone), [date, timeZone]);

  // Dropped visits waiting to be drawn where they went, each ended when its stored visit is there.
  const waiting = useRef(new Map<string, { to: MoveTo; end(): void }>());
  useLayoutEffect(() => {
    for (const [id, { to, end }] of waiting.current) {
      const stored = visits.find((v) => v.id === id);
      if (stored && isAt(stored, to)) end();
    }
  }, [visits]);

  /**
   * Saves a move. A drop (`dropped`) is not drawn at once: the promise returned ends the drag (the
   * add-on's preview stays until then) once the saved visit is drawn where it went, the save is
   * refused or fails (it stays where it was), or after `DROP_WAITS_FOR_SAVE_MS` (it is drawn there,
   * and marked as saving should the save take longer still). A keyboard move is drawn at once.
   */
  const move = useCallback(
    (visit: VisitEvent, to: MoveTo, dropped = false): Promise<void> => {
      const settled = onMove(visit, to).then(
        () => undefined,
        () => undefined,
      );
      const draw = () => setMoving((m) => new Map(m).set(visit.id, to));
      let drawn: Promise<void> = Promise.resolve();
      if (!dropped) draw();
      else {
        drawn = new Promise<void>((resolve) => {
          const end = () => {
            clearTimeout(wait);
            if (waiting.current.get(visit.id)?.end === end) waiting.current.delete(visit.id);
            resolve();
          };
          const wait = setTimeout(() => {
            draw();
            end();
          }, DROP_WAITS_FOR_SAVE_MS);
          waiting.current.get(visit.id)?.end();
          waiting.current.set(visit.id, { to, end });
          void settled.then(end);
        });
      }
      // A save that takes a moment is marked as saving; one that is done at once is not (the mark
      // would only flicker for a frame or two).
      const slow = setTimeout(() => setSlowSaves((ids) => new Set(ids).add(visit.id)), SAVING_MARK_AFTER_MS);
      void settled.then(() => {
        clearTimeout(slow);
        // Saved: the stored visit is drawn there already and the grid is not drawn again (its
        // visits are drawn alike). Refused or failed: it goes back.
        setMoving((m) => {
          const next = new Map(m);
          next.delete(visit.id);
          return next;
        });
        setSlowSaves((ids) => {
          if (!ids.has(visit.id)) return ids;
          const next = new Set(ids);
          next.delete(visit.id);
          return next;
        });
      });
      return drawn;
    },
    [onMove],
  );

  const providerOf = (resourceId: unknown) => (typeof resourceId === 'string' ? resourceId : (single?.id ?? ''));
  const dropped = useLatest(({ event: drawn, start, end, resourceId }: EventInteractionArgs<Item>) => {
    const event = current(drawn);
    if (!isVisit(event) || !event.movable) return;
    return move(event, { start: new Date(start), end: new Date(end), providerId: resourceId === undefined ? event.resourceId : providerOf(resourceId) }, true);
  });
  const dragStarted = useLatest(({ event: drawn }: { event: Item }) => {
    const event = current(drawn);
    if (isVisit(event) && event.movable) onMoveStart?.(event);
  });
  const slotChosen = useLatest((slot: SlotInfo) => {
    const start = new Date(slot.start);
    const end = slot.action === 'click' || slot.end.getTime() - start.getTime() <= STEP_MS ? new Date(start.getTime() + STEP_MS) : new Date(slot.end);
    onBook({ providerId: providerOf(slot.resourceId), start, end });
  });
  const openItem = useLatest((drawn: Item) => {
    const item = current(drawn);
    if (isVisit(item)) onOpen(item);
  });
  const getNow = useCallback(() => new Date(now), [now]);

  // Keyboard on the grid: a cursor over the times, by provider (day) or by day (week).
  const columnLabel = (providerId: string, start: number) =>
    view === 'day'
      ? (providers.find((p) => p.id === providerId)?.title ?? 'No provider')
      : new Date(start).toLocaleDateString('en-US', { timeZone, weekday: 'long', month: 'short', day: 'numeric' });
  const place = (next: { providerId: string; start: number }) => {
    setCursor(next);
    setAnnounce(`${columnLabel(next.providerId, next.start)}, ${formatTimeInZone(new Date(next.start), timeZone)}, ${isOpen(next.providerId, next.start) ? 'open' : 'outside hours'}`);
  };
  // The keyboard's cursor is marked on its slot's element itself, after every drawing: the grid is
  // not drawn again for each key (a day of visits takes tens of milliseconds to draw).
  const cursorSlot = (): Element | null => {
    const grid = gridRef.current;
    if (!grid || !cursor) return null;
    const column = view === 'day' ? columnIds.indexOf(cursor.providerId) : daysBetween(viewDates('week', date).fromDate, new Date(cursor.start).toLocaleDateString('en-CA', { timeZone }));
    const slots = grid.querySelectorAll('.rbc-time-content > .rbc-day-slot')[column]?.querySelectorAll('.rbc-time-slot');
    return slots?.[Math.round((minutesInZone(cursor.start, timeZone) - hours.from) / STEP_MINUTES)] ?? null;
  };
  useLayoutEffect(() => {
    const slot = cursorSlot();
    for (const marked of gridRef.current?.querySelectorAll('.slot-cursor') ?? []) if (marked !== slot) marked.classList.remove('slot-cursor');
    slot?.classList.add('slot-cursor');
  });
  // A visit dropped elsewhere is drawn there; when its save takes a moment it is marked as saving
  // until the move is saved (or refused, and it goes back). Marked on its element, so the end of the
  // save does not redraw the grid.
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const saving = new Set<Element>();
    for (const [id, to] of moving) {
      if (!slowSaves.has(id)) continue;
      const stored = visits.find((v) => v.id === id);
      if (stored && isAt(stored, to)) continue;
      const block = grid.querySelector(`[data-visit-id="${CSS.escape(id)}"]`)?.closest('.rbc-event');
      if (block) saving.add(block);
    }
    for (const marked of grid.querySelectorAll('.visit-saving')) if (!saving.has(marked)) marked.classList.remove('visit-saving');
    for (const block of saving) block.classList.add('visit-saving');
  });
  useEffect(() => {
    cursorSlot()?.scrollIntoView({ block: 'nearest' });
    // Only a move of the cursor scrolls to it, not every drawing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor]);
  const firstCursor = () => {
    const providerId = single?.id ?? providers[0]?.id ?? '';
    const from = Math.max(min.getTime(), Math.ceil(now / STEP_MS) * STEP_MS);
    for (let t = from < max.getTime() ? from : min.getTime(); t < max.getTime(); t += STEP_MS) if (isOpen(providerId, t)) return { providerId, start: t };
    return { providerId, start: min.getTime() };
  };
  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const at = cursor ?? firstCursor();
    const day = (t: number) => minutesInZone(t, timeZone);
    const dayOf = (t: number) => new Date(t).toLocaleDateString('en-CA', { timeZone });
    const sameTimeOn = (date: string, t: number) => zonedTimeToInstant(date, clock(day(t)), timeZone).getTime();
    let next: { providerId: string; start: number } | null = null;
    if (e.key === 'ArrowDown') next = { ...at, start: day(at.start + STEP_MS) < hours.to && day(at.start + STEP_MS) >= hours.from ? at.start + STEP_MS : at.start };
    else if (e.key === 'ArrowUp') next = { ...at, start: day(at.start - STEP_MS) >= hours.from && day(at.start - STEP_MS) < day(at.start) ? at.start - STEP_MS : at.start };
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const by = e.key === 'ArrowRight' ? 1 : -1;
      if (view === 'day') {
        const i = columnIds.indexOf(at.providerId);
        next = { ...at, providerId: columnIds[Math.min(columnIds.length - 1, Math.max(0, i + by))] ?? at.providerId };
      } else {
        const target = addDays(dayOf(at.start), by);
        if (viewDates('week', target).fromDate === viewDates('week', date).fromDate) next = { ...at, start: sameTimeOn(target, at.start) };
        else next = at;
      }
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (!cursor) place(at);
      else onBook({ providerId: at.providerId, start: new Date(at.start), end: new Date(at.start + STEP_MS) });
      return;
    } else if (e.key === 'Escape' && cursor) {
      setCursor(null);
      setAnnounce('');
      return;
    } else return;
    e.preventDefault();
    place(next);
  };
  const onVisitKey = useLatest((drawn: Item, e: React.SyntheticEvent<HTMLElement>) => {
    const item = current(drawn);
    if (!isVisit(item)) return;
    const key = (e as unknown as KeyboardEvent<HTMLElement>).nativeEvent as globalThis.KeyboardEvent;
    if (key.key === 'Enter' || key.key === ' ') {
      e.preventDefault();
      onOpen(item);
      return;
    }
    if (!key.altKey || !item.movable) return;
    const start = item.start.getTime();
    const end = item.end.getTime();
    let to: MoveTo | null = null;
    if (key.shiftKey && key.key === 'ArrowDown') to = { start: item.start, end: new Date(end + STEP_MS), providerId: item.resourceId };
    else if (key.shiftKey && key.key === 'ArrowUp') to = end - STEP_MS > start ? { start: item.start, end: new Date(end - STEP_MS), providerId: item.resourceId } : null;
    else if (key.key === 'ArrowDown') to = { start: new Date(start + STEP_MS), end: new Date(end + STEP_MS), providerId: item.resourceId };
    else if (key.key === 'ArrowUp') to = { start: new Date(start - STEP_MS), end: new Date(end - STEP_MS), providerId: item.resourceId };
    else if ((key.key === 'ArrowRight' || key.key === 'ArrowLeft') && view === 'day') {
      const i = columnIds.indexOf(item.resourceId) + (key.key === 'ArrowRight' ? 1 : -1);
      const providerId = columnIds[i];
      if (providerId !== undefined) to = { start: item.start, end: item.end, providerId };
    } else if (key.key === 'ArrowRight' || key.key === 'ArrowLeft') {
      const days = key.key === 'ArrowRight' ? 1 : -1;
      const shift = (t: number) => localizer.add(new Date(t), days, 'day');
      to = { start: shift(start), end: shift(end), providerId: item.resourceId };
    }
    if (!to) return;
    e.preventDefault();
    e.stopPropagation();
    void move(item, to);
  });

  // Each column's element carries a digest of what it draws: a column whose digest did not change
  // is not drawn again when another one does (a drop redraws one or two columns, not eight).
  // Kept as text, so the grid is given the same getter while every digest stays the same.
  const digestsText = useMemo(
    () => JSON.stringify([...columnDigests(shown, closed, blocks, `${view}|${date}|${timeZone}|${hours.from}|${hours.to}|${now}`)]),
    [shown, closed, blocks, view, date, timeZone, hours.from, hours.to, now],
  );
  const digests = useMemo(() => new Map(JSON.parse(digestsText) as [string, string][]), [digestsText]);
  const dayPropGetter = useCallback(
    (_day: Date, resourceId?: string | number) => ({ className: `column-${digests.get(view === 'day' && typeof resourceId === 'string' ? resourceId : EVERY_COLUMN) ?? digests.get(BARE_COLUMN)}` }),
    [digests, view],
  );
  const slotPropGetter = useCallback(
    (slotDate: Date, resourceId?: string | number) => {
      const providerId = typeof resourceId === 'string' ? resourceId : (single?.id ?? '');
      return { className: isOpen(providerId, slotDate.getTime()) ? 'slot-open' : 'slot-closed' };
    },
    [isOpen, single],
  );
  return (
    <div>
      <div
        ref={gridRef}
        className="clinic-calendar"
        role="group"
        tabIndex={0}
        aria-label={view === 'day' ? 'Day calendar' : `Week calendar of ${single?.title ?? ''}`}
        aria-describedby="calendar-keys"
        onKeyDown={onGridKey}
      >
        <Grid
          localizer={localizer}
          view={view}
          date={noon}
          events={shown}
          backgroundEvents={closed as Item[]}
          {...(view === 'day' ? { resources: providers as Column[] } : {})}
          min={min}
          max={max}
          getNow={getNow}
          onSelectSlot={slotChosen}
          onSelectEvent={openItem}
          onKeyPressEvent={onVisitKey}
          onEventDrop={dropped}
          onEventResize={dropped}
          onDragStart={dragStarted}
          slotPropGetter={slotPropGetter}
          dayPropGetter={dayPropGetter}
        />
      </div>
      <Text id="calendar-keys" size="xs" c="dimmed" mt={4}>
        Click or drag an open time to book it. Keyboard: arrow keys choose a time, Enter books it. On a visit: Enter opens it, Alt+arrows move it, Alt+Shift+Up/Down change its length.
      </Text>
      <div aria-live="polite" className="visually-hidden-live">
        {announce}
      </div>
    </div>
  );
}

type GridProps = Pick<
  ComponentProps<typeof DnDCalendar>,
  'localizer' | 'view' | 'date' | 'events' | 'backgroundEvents' | 'resources' | 'min' | 'max' | 'getNow' | 'onSelectSlot' | 'onSelectEvent' | 'onKeyPressEvent' | 'onEventDrop' | 'onEventResize' | 'onDragStart' | 'slotPropGetter' | 'dayPropGetter'
>;

/**
 * A visit's block: the patient, the type and, when it is not simply booked, the status. Drawn again
 * only for another event (an unchanged visit keeps its event object), not each time the grid is.
 */
const CalendarItemView = memo(function CalendarItemView({ event }: EventProps<Item>) {
  if (!isVisit(event)) return <span className="closed-label">{event.title}</span>;
  // Booked is what a visit on the calendar is unless it says otherwise.
  const status = event.appointment.status === 'booked' ? null : APPOINTMENT_STATUS_LABEL[event.appointment.status];
  return (
    <span className="visit-body" data-visit-id={event.id}>
      <span className="visit-name">{event.title}</span>
      <span className="visit-type">{event.typeName}</span>
      {event.appointment.seriesId && (
        <span className="visit-repeat" title="Repeating visit">
          ↻<span className="visually-hidden-live">repeats</span>
        </span>
      )}
      {status && <span className={`visit-status visit-status-${event.appointment.status}`}>{status}</span>}
    </span>
  );
});

const eventPropGetter = (item: Item) => {
  if (!isVisit(item)) return { className: 'closed-span' };
  return {
    className: `visit visit-${item.appointment.status}`,
    style: { backgroundColor: `color-mix(in srgb, ${item.color} 16%, white)`, borderLeftColor: item.color },
  };
};
interface DayColumnBoxProps {
  children?: ReactNode;
  className?: string;
  style?: CSSProperties;
  ref?: Ref<HTMLDivElement>;
  date?: Date;
  resource?: unknown;
}
const sameStyle = (a: CSSProperties | undefined, b: CSSProperties | undefined) =>
  a === b || (!!a && !!b && Object.keys(a).length === Object.keys(b).length && (Object.keys(a) as (keyof CSSProperties)[]).every((k) => a[k] === b[k]));
/**
 * A day column's element, drawn again only when the column changed: its class names carry the
 * digest of what it draws (`dayPropGetter`), and while times are being selected in it, always.
 */
const DayColumnBox = memo(
  function DayColumnBox({ children, className, style, ref }: DayColumnBoxProps) {
    return (
      <div ref={ref} className={className} style={style}>
        {children}
      </div>
    );
  },
  (a, b) =>
    a.className === b.className &&
    !(b.className ?? '').includes('rbc-slot-selecting') &&
    sameStyle(a.style, b.style) &&
    a.ref === b.ref &&
    a.resource === b.resource &&
    a.date?.getTime() === b.date?.getTime(),
);
const COMPONENTS = { event: CalendarItemView, header: DayHeader, dayColumnWrapper: DayColumnBox };
const FORMATS = { timeGutterFormat: 'h a', dayFormat: 'EEE M/d' };
const VIEWS: ('day' | 'week')[] = ['day', 'week'];
const ignore = () => undefined;
const movable = (item: Item) => isVisit(item) && item.movable;
const tooltip = (item: Item) => (isVisit(item) ? `${item.title}, ${item.typeName}` : item.title);
/** The same items drawn alike, in any order (the grid lays a column's visits out by their times). */
const sameItems = (a: readonly Item[] | undefined, b: readonly Item[] | undefined) => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  if (a.every((x, i) => x === b[i])) return true;
  const byId = new Map(a.map((x) => [x.id, x]));
  return byId.size === a.length && b.every((y) => {
    const x = byId.get(y.id);
    return !!x && drawnAlike(x, y);
  });
};

/**
 * The calendar library's grid, drawn again only when what it shows changes: it redraws every visit
 * of the day each time, so a list of visits drawn alike (a move saved where it was dropped, a
 * reminder's result) keeps it.
 */
const Grid = memo(
  function Grid(props: GridProps) {
    return (
      <DnDCalendar
        {...props}
        culture="en-US"
        views={VIEWS}
        onView={ignore}
        onNavigate={ignore}
        toolbar={false}
        drilldownView={null}
        {...(props.resources ? { resourceIdAccessor: 'id' as const, resourceTitleAccessor: 'title' as const } : {})}
        resourceAccessor="resourceId"
        step={STEP_MINUTES}
        timeslots={4}
        scrollToTime={props.min}
        selectable
        draggableAccessor={movable}
        resizableAccessor={movable}
        eventPropGetter={eventPropGetter}
        components={COMPONENTS}
        formats={FORMATS}
        tooltipAccessor={tooltip}
        dayLayoutAlgorithm="no-overlap"
        style={{ height: 'calc(100vh - 260px)', minHeight: 480 }}
      />
    );
  },
  (a, b) => {
    for (const key of Object.keys({ ...a, ...b }) as (keyof GridProps)[]) {
      if (key === 'events' || key === 'backgroundEvents') {
        if (!sameItems(a[key], b[key])) return false;
      } else if (a[key] !== b[key]) return false;
    }
    return true;
  },
);

/** A callback that keeps one identity and always runs the latest version of `fn`. */
function useLatest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

/** A day's name over its column in the week view (plain text: the calendar's own is an ARIA column header outside any row). */
function DayHeader({ label }: { label: string }) {
  return <span>{label}</span>;
}
