import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { type CatalogEntry, PayerInputSchema, PayerSchema, ProviderInputSchema, ProviderSchema, ServiceInputSchema, ServiceSchema, type Payer, type PayerInput, type Provider, type ProviderInput, type Service, type ServiceInput } from '../../../shared/catalog/catalog';
import { DESK_RULE_DEFAULTS, DESK_RULES_ID, DESK_RULES_NAME, DeskRulesInputSchema, DeskRulesSchema, type DeskRulesDraft, type DeskRulesInput } from '../../../shared/catalog/deskRules';
import { newId } from '../../../shared/domain/ids';
import { storedReader } from '../../data/storedRecords';
import {
  AppointmentTypeInputSchema,
  AppointmentTypeSchema,
  AvailabilityTemplateInputSchema,
  AvailabilityTemplateSchema,
  RoomInputSchema,
  RoomSchema,
  ScheduleExceptionInputSchema,
  ScheduleExceptionSchema,
  type AppointmentType,
  type AppointmentTypeInput,
  type AvailabilityTemplate,
  type Room,
  type ScheduleException,
} from '../../../shared/schedule/scheduling';
import { DeskError, type WorkContext } from '../../data/workContext';
import { currentWording, FormWordingInputSchema, FormWordingSchema, type FormWording, type FormWordingInput } from '../../../shared/catalog/formWording';
import { FORM_LABEL } from '../../../shared/schedule/scheduling';
import { currentLogo, describeLogo, FormLogoSchema, LogoPngSchema, nextLogoVersion, type FormLogo } from '../../../shared/catalog/formLogo';

const payers = storedReader(PayerSchema, 'A payer');
const providers = storedReader(ProviderSchema, 'A provider');
const appointmentTypes = storedReader(AppointmentTypeSchema, 'An appointment type');
const rooms = storedReader(RoomSchema, 'A room');
const templates = storedReader(AvailabilityTemplateSchema, 'An availability template');
const exceptions = storedReader(ScheduleExceptionSchema, 'A schedule exception');
const deskRules = storedReader(DeskRulesSchema, "The front desk's rules");
const services = storedReader(ServiceSchema, 'A service');
const wordings = storedReader(FormWordingSchema, 'A version of a form’s wording');
const logos = storedReader(FormLogoSchema, 'A version of the forms’ logo');

const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

type Kind = 'payer' | 'provider' | 'appointment-type' | 'room' | 'availability' | 'schedule-exception' | 'service' | 'form-wording' | 'form-logo';

/** The clinic's reference lists kept in the synced catalog: payers, providers and the scheduling data. */
export function createCatalogRepo(db: { catalog: RxCollection<CatalogEntry> }, ctx: WorkContext) {
  /** Saves an entry and audits what changed; `shown` is how a field's value is written in the audit log. */
  const save = async (kind: Kind, id: string | null, fields: Record<string, unknown>, schema: z.ZodType, shown: (field: string, value: unknown) => unknown = (_, v) => v) => {
    const { approvedBy } = await ctx.authorize('catalog.manage', { subject: `catalog/${kind}` });
    const stamp = ctx.created();
    // Read as a plain record: the typed document of every kind together is more than TypeScript will spell out.
    const existing = id ? await (db.catalog as unknown as RxCollection<{ id: string; kind: string }>).findOne(id).exec() : null;
    if (id && (!existing || existing.kind !== kind)) throw new DeskError(`That ${kind} could not be found.`);
    const before = existing ? (existing.toJSON() as Record<string, unknown>) : null;
    const record = schema.parse({
      ...fields,
      id: id ?? newId(),
      kind,
      ...stamp,
      createdAt: (before?.['createdAt'] as string | undefined) ?? stamp.createdAt,
    }) as Record<string, unknown> & { id: string };
    await db.catalog.upsert(record as never);
    await ctx.auditSaved({
      action: before ? 'change' : 'create',
      subject: `catalog/${record.id}`,
      changes: Object.keys(fields)
        .filter((f) => JSON.stringify(before?.[f]) !== JSON.stringify(record[f]))
        .map((f) => ({ field: f, before: before ? shown(f, before[f] ?? null) : null, after: shown(f, record[f]) })),
      approvedBy,
    });
    return record;
  };
  return {
    observePayers(): Observable<Payer[]> {
      return db.catalog.find({ selector: { kind: 'payer' } }).$.pipe(payers.live, map(byName));
    },
    observeProviders(): Observable<Provider[]> {
      return db.catalog.find({ selector: { kind: 'provider' } }).$.pipe(providers.live, map(byName));
    },
    /** Adds a payer (id null) or changes one; payers are made inactive, never deleted. */
    async savePayer(id: string | null, input: PayerInput): Promise<Payer> {
      const parsed = PayerInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      return (await save('payer', id, parsed.data, PayerSchema)) as Payer;
    },
    async saveProvider(id: string | null, input: ProviderInput): Promise<Provider> {
      const parsed = ProviderInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
      return (await save('provider', id, parsed.data, ProviderSchema)) as Provider;
    },
    /** Every saved version of the forms' wording, newest first. */
    observeFormWordings(): Observable<FormWording[]> {
      return db.catalog.find({ selector: { kind: 'form-wording' } }).$.pipe(wordings.live, map((list) => [...list].sort((a, b) => b.wordingVersion - a.wordingVersion || b.updatedAt.localeCompare(a.updatedAt))));
    },
    /** The saved versions of the forms' wording, to print with the current one. */
    async formWordings(): Promise<FormWording[]> {
      return wordings.many(await db.catalog.find({ selector: { kind: 'form-wording' } }).exec());
    },
    /**
     * Saves a form's wording as its next version (a new entry; earlier versions are never changed,
     * so a signed form can always be matched with its words). Unchanged wording is not saved again.
     */
    async saveFormWording(input: FormWordingInput): Promise<FormWording> {
      const parsed = checked(FormWordingInputSchema, input) as z.output<typeof FormWordingInputSchema>;
      const all = wordings.many(await db.catalog.find({ selector: { kind: 'form-wording' } }).exec());
      const now = currentWording(all, parsed.form);
      if (now.body === parsed.body && now.attestation === parsed.attestation) throw new DeskError(`That is the wording of version ${now.version} already.`);
      const version = Math.max(now.version, ...all.filter((w) => w.form === parsed.form).map((w) => w.wordingVersion)) + 1;
      return (await save('form-wording', null, { ...parsed, wordingVersion: version, name: `${FORM_LABEL[parsed.form]}, version ${version}` }, FormWordingSchema)) as FormWording;
    },
    /** Every saved version of the forms' logo (a removal too), newest first. */
    observeFormLogos(): Observable<FormLogo[]> {
      return db.catalog.find({ selector: { kind: 'form-logo' } }).$.pipe(logos.live, map((list) => [...list].sort((a, b) => b.logoVersion - a.logoVersion || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))));
    },
    /** The saved versions of the forms' logo, to print with the current one. */
    async formLogos(): Promise<FormLogo[]> {
      return logos.many(await db.catalog.find({ selector: { kind: 'form-logo' } }).exec());
    },
    /**
     * Saves a logo (a PNG, base64) as the next version printed at the top of the forms, or `''`
     * to print them without one; a new entry each time, like the wording, so a signed form keeps
     * naming the logo it was signed under. The audit log records its size, never the picture.
     */
    async saveFormLogo(png: string): Promise<FormLogo> {
      const check = png === '' ? null : LogoPngSchema.safeParse(png);
      if (check && !check.success) throw new DeskError(check.error.issues.map((i) => i.message).join('; '));
      const parsed = check ? check.data : '';
      const all = logos.many(await db.catalog.find({ selector: { kind: 'form-logo' } }).exec());
      const now = currentLogo(all);
      if ((now?.png ?? '') === parsed) throw new DeskError(parsed ? `That logo is version ${now!.version} already.` : 'The forms have no logo to take off.');
      const version = nextLogoVersion(all);
      const shown = (field: string, value: unknown) => (field === 'png' ? describeLogo(String(value ?? '')) : value);
      return (await save('form-logo', null, { png: parsed, logoVersion: version, name: `Forms logo, version ${version}${parsed ? '' : ' (none)'}` }, FormLogoSchema, shown)) as FormLogo;
    },
    /** The fee schedule's services, by code. */
    observeServices(): Observable<Service[]> {
      return db.catalog.find({ selector: { kind: 'service' } }).$.pipe(services.live, map((list) => [...list].sort((a, b) => a.code.localeCompare(b.code))));
    },
    /** Adds a service to the fee schedule (id null) or changes one; a code is used once; services are made inactive, never deleted. */
    async saveService(id: string | null, input: ServiceInput): Promise<Service> {
      const parsed = checked(ServiceInputSchema, input);
      const same = services.many(await db.catalog.find({ selector: { kind: 'service' } }).exec()).find((s) => s.code === parsed.code && s.id !== id);
      if (same) throw new DeskError(`Code ${parsed.code} is already on the fee schedule (${same.name}).`);
      return (await save('service', id, parsed, ServiceSchema)) as Service;
    },
    observeAppointmentTypes(): Observable<AppointmentType[]> {
      return db.catalog.find({ selector: { kind: 'appointment-type' } }).$.pipe(appointmentTypes.live, map(byName));
    },
    observeRooms(): Observable<Room[]> {
      return db.catalog.find({ selector: { kind: 'room' } }).$.pipe(rooms.live, map(byName));
    },
    observeAvailability(): Observable<AvailabilityTemplate[]> {
      return db.catalog.find({ selector: { kind: 'availability' } }).$.pipe(templates.live, map(byName));
    },
    observeExceptions(): Observable<ScheduleException[]> {
      return db.catalog.find({ selector: { kind: 'schedule-exception' } }).$.pipe(exceptions.live, map((list) => [...list].sort((a, b) => a.fromDate.localeCompare(b.fromDate) || a.name.localeCompare(b.name))));
    },
    /** Adds an appointment type (id null) or changes one; types are made inactive, never deleted. */
    async saveAppointmentType(id: string | null, input: AppointmentTypeInput): Promise<AppointmentType> {
      return (await save('appointment-type', id, checked(AppointmentTypeInputSchema, input), AppointmentTypeSchema)) as AppointmentType;
    },
    async saveRoom(id: string | null, input: z.input<typeof RoomInputSchema>): Promise<Room> {
      return (await save('room', id, checked(RoomInputSchema, input), RoomSchema)) as Room;
    },
    /** A provider's weekly hours at a location from a date; a new set of hours is a new template. */
    async saveAvailability(id: string | null, input: z.input<typeof AvailabilityTemplateInputSchema>): Promise<AvailabilityTemplate> {
      return (await save('availability', id, checked(AvailabilityTemplateInputSchema, input), AvailabilityTemplateSchema)) as AvailabilityTemplate;
    },
    /** Time off, a holiday or a closure (one day, a range, or some hours of them). */
    async saveException(id: string | null, input: z.input<typeof ScheduleExceptionInputSchema>): Promise<ScheduleException> {
      return (await save('schedule-exception', id, checked(ScheduleExceptionInputSchema, input), ScheduleExceptionSchema)) as ScheduleException;
    },
    /** The front desk's rules (late, wait thresholds, cancellation notice), live; the defaults until a manager sets them. */
    observeDeskRules(): Observable<DeskRulesInput> {
      return db.catalog.findOne(DESK_RULES_ID).$.pipe(
        deskRules.liveOne,
        map((r) => (r ? pickDeskRules(r) : DESK_RULE_DEFAULTS)),
      );
    },
    /** Sets the front desk's rules for the whole clinic (managers), audited field by field. */
    async saveDeskRules(input: DeskRulesDraft): Promise<DeskRulesInput> {
      // Each message names its field ("Late after: a whole number"), so they are shown as they are.
      const parsed = DeskRulesInputSchema.safeParse(input);
      if (!parsed.success) throw new DeskError(parsed.error.issues.map((issue) => issue.message).join('\n'));
      const fields = parsed.data;
      const { approvedBy } = await ctx.authorize('catalog.manage', { subject: `catalog/${DESK_RULES_ID}` });
      const before = deskRules.one(await db.catalog.findOne(DESK_RULES_ID).exec());
      const stamp = ctx.created();
      const record = DeskRulesSchema.parse({ ...fields, id: DESK_RULES_ID, kind: 'desk-rules', name: DESK_RULES_NAME, ...stamp, createdAt: before?.createdAt ?? stamp.createdAt });
      await db.catalog.upsert(record);
      const was: DeskRulesInput = before ? pickDeskRules(before) : DESK_RULE_DEFAULTS;
      await ctx.auditSaved({
        action: before ? 'change' : 'create',
        subject: `catalog/${DESK_RULES_ID}`,
        changes: (Object.keys(fields) as (keyof DeskRulesInput)[])
          .filter((f) => JSON.stringify(was[f]) !== JSON.stringify(fields[f]))
          .map((f) => ({ field: f, before: was[f], after: fields[f] })),
        approvedBy,
      });
      return fields;
    },
  };
}

/** The rules of a stored record (the record's id, kind and stamp left out). */
function pickDeskRules(record: DeskRulesInput): DeskRulesInput {
  const keys = Object.keys(DESK_RULE_DEFAULTS) as (keyof DeskRulesInput)[];
  return Object.fromEntries(keys.map((k) => [k, record[k]])) as unknown as DeskRulesInput;
}

/** The input checked against its schema, or a desk error that says what is wrong. */
function checked<S extends z.ZodType>(schema: S, input: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DeskError(z.prettifyError(parsed.error));
  return parsed.data as Record<string, unknown>;
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
