import '@mantine/core/styles.css';
import '../../src/renderer/app/app.css';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import '../../src/renderer/features/schedule/calendar/calendar.css';
import { MantineProvider } from '@mantine/core';
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { firstValueFrom, filter } from 'rxjs';
import { openClinicDatabase, type ClinicDatabase } from '../../src/renderer/app/clinicDatabase';
import { DeskContext, type Desk } from '../../src/renderer/app/DeskContext';
import { useSettingsStore } from '../../src/renderer/app/settingsStore';
import { nextAvailable } from '../../src/renderer/features/schedule/nextAvailable';
import { ScheduleScreen } from '../../src/renderer/features/schedule/ScheduleScreen';
import { cssVariablesResolver, theme } from '../../src/renderer/theme';
import { ProviderSchema, type Provider } from '../../src/shared/catalog/catalog';
import { syntheticPatients } from '../../src/shared/demo/syntheticClinic';
import { newId } from '../../src/shared/domain/ids';
import { addDays, dateInZone, dayRangeInZone, formatTimeInZone, zonedTimeToInstant } from '../../src/shared/domain/time';
import { APPOINTMENT_BLANKS, AppointmentSchema, NO_REMINDER, type Appointment } from '../../src/shared/schedule/appointment';
import { AppointmentTypeSchema, AvailabilityTemplateSchema, type AppointmentType } from '../../src/shared/schedule/scheduling';
import type { PartOfDay } from '../../src/shared/schedule/slots';
import { openTestDesk, testSettings } from '../../tests/support/desk';
import { createRandom } from '../../tests/support/random';
import { BENCH_DATABASE_KEY } from './contract';
import { SCHEDULE_BENCH_DATABASE, type Gap, type ScheduleBenchPage, type ScheduleBenchPlan } from './scheduleContract';

const OPEN = '07:00';
const QUARTERS = 44; // 07:00 to 18:00
const BATCH = 5_000;
const PROVIDER_NAMES = ['Ana Ruiz', 'Miriam Cohen', 'Samuel Okoye', 'Lena Park', 'David Chen', 'Grace Mensah', 'Tomás Silva', 'Priya Nair'];
const TYPES = [
  { name: 'Follow-up', minutes: 15, color: '#1c7ed6' },
  { name: 'Sick visit', minutes: 30, color: '#e8590c' },
  { name: 'New patient visit', minutes: 45, color: '#7048e8' },
];
const at = '2024-01-01T12:00:00.000Z';
const stamp = { createdAt: at, updatedAt: at, updatedBy: 'bench', siteId: 'main' };

let db: ClinicDatabase | undefined;
let desk: ReturnType<typeof openTestDesk> | undefined;
let shownDate = '';
let timeZone = 'America/Chicago';

const open = async () => (db ??= await openClinicDatabase({ name: SCHEDULE_BENCH_DATABASE, storage: getRxStorageDexie(), encryptionKey: BENCH_DATABASE_KEY }));

const isWeekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The weekdays of the plan, oldest first, the last `daysAhead` calendar days after today. */
function planDates(plan: ScheduleBenchPlan, today: string): string[] {
  const dates: string[] = [];
  for (let d = addDays(today, plan.daysAhead); dates.length < plan.weekdays; d = addDays(d, -1)) if (isWeekday(d)) dates.push(d);
  return dates.reverse();
}

const clock = (q: number) => {
  const minutes = 7 * 60 + q * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** Waits, from the DOM's own changes, until `ready()` holds, then for the frame that paints it. */
/** The stopwatch armed for the next key press on the calendar's grid. */
let cursorStopwatch: Promise<number> | null = null;

function whenDrawn(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => resolve());
    if (ready()) return done();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      done();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const dayTitle = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const drawnDay = (date: string, visits: number) => () => {
  if (!Array.from(document.querySelectorAll('h3')).some((h) => h.textContent === dayTitle(date))) return false;
  const names = document.querySelectorAll('.clinic-calendar .visit-name');
  if (names.length !== visits) return false;
  for (const n of names) if (n.textContent === '…') return false;
  return true;
};
const visitsOn = async (date: string) => {
  const { start, end } = dayRangeInZone(date, timeZone);
  return (await open()).appointments.count({ selector: { start: { $gte: start.toISOString(), $lt: end.toISOString() } } }).exec();
};

const bench: ScheduleBenchPage = {
  async seed(plan) {
    timeZone = plan.timeZone;
    const database = await open();
    const existing = await database.appointments.count().exec();
    if (existing > 0) return { visits: existing, seededMs: 0 };
    const t0 = performance.now();
    const providers: Provider[] = PROVIDER_NAMES.slice(0, plan.providers).map((name, i) => ProviderSchema.parse({ id: newId(), kind: 'provider', name, credentials: i % 4 === 3 ? 'NP' : 'MD', npi: '', active: true, ...stamp }));
    const types: AppointmentType[] = TYPES.map((t) =>
      AppointmentTypeSchema.parse({ id: newId(), kind: 'appointment-type', name: t.name, durationMinutes: t.minutes, color: t.color, providerIds: [], needsRoom: false, formsDue: [], feeCents: 10_000, copayHintCents: 2_500, active: true, ...stamp }),
    );
    const templates = providers.map((p) =>
      AvailabilityTemplateSchema.parse({ id: newId(), kind: 'availability', name: 'Weekday hours', providerId: p.id, locationId: 'main', effectiveFrom: '2020-01-01', effectiveTo: '', blocks: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: OPEN, end: '18:00', typeIds: [] })), ...stamp }),
    );
    await database.catalog.bulkInsert([...providers, ...types, ...templates]);
    const { patients } = syntheticPatients(0, plan.patients, { asOf: '2024-01-01' });
    for (let i = 0; i < patients.length; i += BATCH) await database.patients.bulkInsert(patients.slice(i, i + BATCH));

    const today = dateInZone(new Date(), timeZone);
    const random = createRandom(20261205);
    let batch: Appointment[] = [];
    let total = 0;
    const flush = async () => {
      const result = await database.appointments.bulkInsert(batch);
      if (result.error.length) throw new Error(`${result.error.length} visits were not stored: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
      total += batch.length;
      batch = [];
    };
    let dayIndex = -1;
    for (const date of planDates(plan, today)) {
      const past = date < today;
      dayIndex++;
      let slot = 0;
      for (const provider of providers) {
        // Every quarter hour but a few is taken, so each provider has a handful of gaps a day.
        const quarters = random.shuffle(Array.from({ length: QUARTERS }, (_, q) => q));
        for (const q of quarters.slice(0, plan.perProviderPerDay).sort((a, b) => a - b)) {
          const start = zonedTimeToInstant(date, clock(q), timeZone);
          const visit = {
            ...APPOINTMENT_BLANKS,
            id: newId<'AppointmentId'>(),
            // A patient's visits of a day are with one provider at a time: the bench's day has no double bookings.
            patientId: patients[(dayIndex * plan.providers * plan.perProviderPerDay + slot++) % patients.length]!.id,
            start: start.toISOString(),
            end: new Date(start.getTime() + 15 * 60_000).toISOString(),
            timeZone,
            reason: 'Follow-up',
            status: past ? 'fulfilled' : 'booked',
            arrivedAt: null,
            providerId: provider.id,
            typeId: types[0]!.id,
            locationId: 'main',
            reminder: { ...NO_REMINDER },
            ...stamp,
          } as Appointment;
          if (total === 0 && batch.length === 0) AppointmentSchema.parse(visit);
          batch.push(visit);
          if (batch.length >= BATCH) await flush();
        }
      }
    }
    if (batch.length) await flush();
    return { visits: total, seededMs: performance.now() - t0 };
  },

  async mount(plan) {
    timeZone = plan.timeZone;
    const database = await open();
    useSettingsStore.getState().setSettings(testSettings({ clinic: { ...testSettings().clinic, timeZone } }));
    desk = openTestDesk(database, { roles: () => ['manager'] });
    shownDate = dateInZone(new Date(), timeZone);
    const visits = await visitsOn(shownDate);
    const t0 = performance.now();
    createRoot(document.getElementById('root')!).render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        {/* The Schedule screen reaches only the repositories; session and sync are the app's. */}
        <DeskContext.Provider value={desk as unknown as Desk}>
          <ScheduleScreen />
        </DeskContext.Provider>
      </MantineProvider>,
    );
    await whenDrawn(drawnDay(shownDate, visits));
    return { mountMs: performance.now() - t0 };
  },

  async nextDay() {
    const date = addDays(shownDate, 1);
    const visits = await visitsOn(date);
    const next = document.querySelector<HTMLButtonElement>('button[aria-label="Next day"]')!;
    const t0 = performance.now();
    next.click();
    await whenDrawn(drawnDay(date, visits));
    const ms = performance.now() - t0;
    shownDate = date;
    return visits === 0 ? null : { ms, visits };
  },

  async goToDate(days) {
    const date = addDays(shownDate, days);
    const visits = await visitsOn(date);
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Go to date"]')!;
    const t0 = performance.now();
    // As typing a date into the field does: React reads the input event.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, date);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await whenDrawn(drawnDay(date, visits));
    const ms = performance.now() - t0;
    shownDate = date;
    return visits === 0 ? null : { ms, visits };
  },

  async nextAvailable(count) {
    if (!desk) throw new Error('Mount the screen first');
    const types = await firstValueFrom(desk.catalog.observeAppointmentTypes());
    const providers = await firstValueFrom(desk.catalog.observeProviders());
    const patients = await (await open()).patients.find({ limit: 50 }).exec();
    const parts: PartOfDay[] = ['any', 'morning', 'afternoon'];
    const samples: number[] = [];
    let found = 0;
    for (let i = 0; i < count; i++) {
      const type = types[i % types.length]!;
      const t0 = performance.now();
      const slots = await nextAvailable(desk, {
        type,
        patientId: patients[i % patients.length]!.id,
        from: new Date(),
        timeZone,
        partOfDay: parts[i % parts.length]!,
        ...(i % 4 === 3 ? { providerIds: [providers[i % providers.length]!.id] } : {}),
      });
      samples.push(performance.now() - t0);
      if (slots.length) found++;
    }
    return { firstMs: samples[0]!, samples: samples.slice(1), found };
  },

  async gaps() {
    const database = await open();
    const { start, end } = dayRangeInZone(shownDate, timeZone);
    const docs = await database.appointments.find({ selector: { start: { $gte: start.toISOString(), $lt: end.toISOString() } } }).exec();
    const providers = (await firstValueFrom(desk!.catalog.observeProviders())).filter((p) => p.active);
    const taken = new Set(docs.map((d) => `${d.providerId}|${d.start}`));
    const closing = zonedTimeToInstant(shownDate, '18:00', timeZone).getTime();
    const out: Gap[] = [];
    for (const d of docs) {
      if (d.status !== 'booked' || Date.parse(d.end) >= closing || taken.has(`${d.providerId}|${d.end}`)) continue;
      out.push({ visitId: d.id, start: new Date(Date.parse(d.start) + 15 * 60_000).toISOString(), providerIndex: providers.findIndex((p) => p.id === d.providerId) });
    }
    return out;
  },

  armCursorStopwatch() {
    const grid = document.querySelector<HTMLElement>('.clinic-calendar')!;
    const before = grid.querySelector('.slot-cursor');
    cursorStopwatch = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The cursor was not drawn on another slot within 5 s (${grid.querySelectorAll('.slot-cursor').length} marked)`)), 5_000);
      window.addEventListener(
        'keydown',
        () => {
          const t0 = performance.now();
          void whenDrawn(() => {
            const now = grid.querySelector('.slot-cursor');
            return !!now && now !== before;
          }).then(() => {
            clearTimeout(timer);
            resolve(performance.now() - t0);
          });
        },
        { once: true, capture: true },
      );
    });
  },

  cursorMoved() {
    if (!cursorStopwatch) return Promise.reject(new Error('Arm the stopwatch first'));
    return cursorStopwatch;
  },

  awaitMoved(visitId, start) {
    const label = `${formatTimeInZone(start, timeZone)} – `;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void open()
          .then((database) => database.appointments.findOne(visitId).exec())
          .then((d) => reject(new Error(`The visit was not moved to ${start} within 15 s: it starts at ${d?.start ?? '?'}`)));
      }, 15_000);
      window.addEventListener(
        'mouseup',
        () => {
          const t0 = performance.now();
          const moved = () => {
            // The grid's own drawing of the visit, not the add-on's drag preview.
            const event = Array.from(document.querySelectorAll(`[data-visit-id="${visitId}"]`), (e) => e.closest('.rbc-event')).find((e) => e && !e.classList.contains('rbc-addons-dnd-drag-preview'));
            return !!event && (event.getAttribute('title') ?? '').startsWith(label) && !event.classList.contains('visit-saving');
          };
          void whenDrawn(moved).then(async () => {
            const saved = await firstValueFrom((await open()).appointments.findOne(visitId).$.pipe(filter((d) => d?.start === start)));
            if (!saved) throw new Error('The visit was not saved');
            clearTimeout(timer);
            resolve(performance.now() - t0);
          });
        },
        { once: true, capture: true },
      );
    });
  },
};

(window as unknown as { scheduleBench: ScheduleBenchPage }).scheduleBench = bench;
document.title = 'schedule bench ready';
