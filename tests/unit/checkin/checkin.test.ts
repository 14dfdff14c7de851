import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrivalMarkers,
  mergeCheckouts,
  CheckinSchema,
  checkinHistory,
  checkinSummary,
  DEFERRAL_REASONS,
  emptyCheckin,
  daysSince,
  formsFor,
  MAX_FORMS,
  mergeCheckins,
  missingSteps,
  needsVerifying,
  NO_MONEY_STEP,
  NO_VERIFICATION,
  NOT_DONE,
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
  VerificationInputSchema,
  type Checkin,
  type Confirmation,
  type FormSignature,
  type MoneyStep,
  type Verification,
} from '../../../src/shared/checkin/checkin';
import { mergeVisits, VisitSchema, type Visit } from '../../../src/shared/checkin/visit';
import { FORM_KINDS, type FormKind } from '../../../src/shared/schedule/scheduling';

/** The clinic's time zone: calendar days and signature dates are counted in it. */
const ZONE = 'America/Chicago';
const COVERAGE_1 = '0193a000-0000-7000-8000-0000000000e1';
const COVERAGE_2 = '0193a000-0000-7000-8000-0000000000e2';
const DOCUMENT_1 = '0193a000-0000-7000-8000-0000000000f1';
const PAYMENT_1 = '0193a000-0000-7000-8000-0000000000b1';
const PAYMENT_2 = '0193a000-0000-7000-8000-0000000000b2';
const at = (minutes: number) => new Date(Date.parse('2026-12-09T15:00:00.000Z') + minutes * 60_000).toISOString();
const signature = (form: FormKind, minutes: number, by = 'Dana Reyes', how: FormSignature['how'] = 'paper', documentId = ''): FormSignature => ({ form, how, documentId, at: at(minutes), by });

/** A check-in with every step done (a co-pay of $25 collected), the given forms signed. */
function completeCheckin(forms: FormSignature[] = [], money: Partial<MoneyStep> = {}): Checkin {
  return {
    identity: { at: at(0), by: 'Dana Reyes' },
    demographics: { at: at(1), by: 'Dana Reyes', changed: false },
    insurance: { at: at(2), by: 'Dana Reyes', coverageId: COVERAGE_1 },
    verification: { coverageId: COVERAGE_1, method: 'phone', reference: 'REF-881', result: 'active', at: at(2), by: 'Dana Reyes' },
    forms,
    money: { copayCents: 2500, paymentId: PAYMENT_1, deferredReason: '', at: at(4), by: 'Dana Reyes', ...money },
  };
}

/*
 * Arbitrary check-ins, as two workstations might record them. Times come from a few minutes so
 * that equal times (and the tie-breaks between them) are common.
 */
const when = fc.integer({ min: 0, max: 6 }).map(at);
const who = fc.constantFrom('Dana Reyes', 'Mia Torres', 'Sam Lee');
const confirmation: fc.Arbitrary<Confirmation> = fc.oneof(fc.constant({ ...NOT_DONE }), fc.record({ at: when, by: who }));
const verification: fc.Arbitrary<Verification> = fc.oneof(
  fc.constant({ ...NO_VERIFICATION }),
  fc.record({
    coverageId: fc.constantFrom(COVERAGE_1, COVERAGE_2),
    method: fc.constantFrom(...VERIFICATION_METHODS),
    reference: fc.constantFrom('', 'REF-1', 'TRACE-77'),
    result: fc.constantFrom(...VERIFICATION_RESULTS),
    at: when,
    by: who,
  }),
);
const formSignature: fc.Arbitrary<FormSignature> = fc.record({
  form: fc.constantFrom(...FORM_KINDS),
  how: fc.constantFrom('paper' as const, 'on-screen' as const),
  documentId: fc.constantFrom('', DOCUMENT_1),
  at: when,
  by: who,
});
const money: fc.Arbitrary<MoneyStep> = fc.oneof(
  fc.constant({ ...NO_MONEY_STEP }),
  fc.record({
    copayCents: fc.constantFrom(0, 2500, 4000),
    paymentId: fc.constantFrom('', PAYMENT_1, PAYMENT_2),
    deferredReason: fc.constantFrom('', ...DEFERRAL_REASONS),
    at: when,
    by: who,
  }),
);
const checkin: fc.Arbitrary<Checkin> = fc.record({
  identity: confirmation,
  demographics: fc.record({ confirmation, changed: fc.boolean() }).map(({ confirmation: c, changed }) => ({ ...c, changed: c.at ? changed : false })),
  insurance: fc.record({ confirmation, coverageId: fc.constantFrom('', COVERAGE_1, COVERAGE_2) }).map(({ confirmation: c, coverageId }) => ({ ...c, coverageId: c.at ? coverageId : '' })),
  verification,
  forms: fc.array(formSignature, { maxLength: 8 }),
  money,
});
const collected: fc.Arbitrary<MoneyStep> = fc.record({ copayCents: fc.constantFrom(2500, 4000), paymentId: fc.constantFrom(PAYMENT_1, PAYMENT_2), deferredReason: fc.constant(''), at: when, by: who });
const deferred: fc.Arbitrary<MoneyStep> = fc.record({ copayCents: fc.constantFrom(2500, 4000), paymentId: fc.constant(''), deferredReason: fc.constantFrom(...DEFERRAL_REASONS), at: when, by: who });

const key = (f: FormSignature) => JSON.stringify([f.form, f.at, f.by, f.how, f.documentId]);
const STEPS = ['identity', 'demographics', 'insurance', 'verification'] as const;

describe('two workstations’ check-ins of one visit merge', () => {
  it('from arbitrary check-ins that are themselves valid', () => {
    fc.assert(
      fc.property(checkin, (c) => {
        expect(CheckinSchema.safeParse(c).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('in either order to the same check-in (commutative)', () => {
    fc.assert(
      fc.property(checkin, checkin, (a, b) => {
        expect(mergeCheckins(a, b)).toEqual(mergeCheckins(b, a));
      }),
      { numRuns: 500 },
    );
  });

  it('in any grouping to the same check-in (associative)', () => {
    fc.assert(
      fc.property(checkin, checkin, checkin, (a, b, c) => {
        expect(mergeCheckins(mergeCheckins(a, b), c)).toEqual(mergeCheckins(a, mergeCheckins(b, c)));
      }),
      { numRuns: 500 },
    );
  });

  it('any number of times to the same check-in (idempotent), a copy already merged changing nothing', () => {
    fc.assert(
      fc.property(checkin, checkin, (a, b) => {
        const ab = mergeCheckins(a, b);
        expect(mergeCheckins(ab, ab)).toEqual(ab);
        expect(mergeCheckins(ab, a)).toEqual(ab);
        expect(mergeCheckins(b, ab)).toEqual(ab);
        // A check-in merged with itself keeps each of its steps and the set of its signatures.
        const aa = mergeCheckins(a, a);
        for (const s of STEPS) expect(aa[s]).toEqual(a[s]);
        expect(aa.money).toEqual(a.money);
        expect(new Set(aa.forms.map(key))).toEqual(new Set(a.forms.map(key)));
        expect(mergeCheckins(aa, a)).toEqual(aa);
      }),
      { numRuns: 500 },
    );
  });

  it('merges a check-in whose signatures are in order and distinct with itself to exactly itself', () => {
    const c = completeCheckin([signature('intake', 1), signature('consent-to-treat', 2), signature('hipaa-notice', 2, 'Mia Torres', 'on-screen', DOCUMENT_1)]);
    expect(mergeCheckins(c, c)).toEqual(c);
  });

  it('losing no form signed on either, up to MAX_FORMS (then the latest are kept)', () => {
    fc.assert(
      fc.property(checkin, checkin, (a, b) => {
        const merged = mergeCheckins(a, b);
        const union = new Map([...a.forms, ...b.forms].map((f) => [key(f), f]));
        const kept = new Set(merged.forms.map(key));
        expect(merged.forms.length).toBe(Math.min(union.size, MAX_FORMS));
        expect(kept.size).toBe(merged.forms.length);
        for (const f of merged.forms) expect(union.has(key(f))).toBe(true);
        if (union.size <= MAX_FORMS) {
          for (const f of union.values()) expect(kept.has(key(f))).toBe(true);
        } else {
          // Only the earliest are dropped: none dropped is later than one kept.
          const earliestKept = merged.forms.map((f) => f.at).sort()[0]!;
          for (const f of union.values()) if (!kept.has(key(f))) expect(f.at <= earliestKept).toBe(true);
        }
        expect(CheckinSchema.safeParse(merged).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the two signatures when the same form was signed twice, on paper at one desk and on screen at the other', () => {
    const north = { ...emptyCheckin(), forms: [signature('consent-to-treat', 3, 'Dana Reyes')] };
    const south = { ...emptyCheckin(), forms: [signature('consent-to-treat', 3, 'Mia Torres', 'on-screen', DOCUMENT_1), signature('intake', 1, 'Mia Torres')] };
    // In time order; the two made at the same minute in an order set by their content, the same either way.
    const expected = [signature('intake', 1, 'Mia Torres'), signature('consent-to-treat', 3, 'Mia Torres', 'on-screen', DOCUMENT_1), signature('consent-to-treat', 3, 'Dana Reyes')];
    expect(mergeCheckins(north, south).forms).toEqual(expected);
    expect(mergeCheckins(south, north).forms).toEqual(expected);
  });

  it('keeps, for each confirmed step, the record with the later time', () => {
    fc.assert(
      fc.property(checkin, checkin, (a, b) => {
        const merged = mergeCheckins(a, b);
        for (const s of STEPS) {
          expect(merged[s].at).toBe(a[s].at > b[s].at ? a[s].at : b[s].at);
          expect([a[s], b[s]]).toContainEqual(merged[s]);
        }
        // The money step too, when neither or both collected the co-pay.
        if (Boolean(a.money.paymentId) === Boolean(b.money.paymentId)) expect(merged.money.at).toBe(a.money.at > b.money.at ? a.money.at : b.money.at);
        expect([a.money, b.money]).toContainEqual(merged.money);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the later record of a step whole: a later confirmation that demographics were unchanged is not mixed with an earlier change', () => {
    const north = { ...emptyCheckin(), demographics: { at: at(5), by: 'Dana Reyes', changed: true } };
    const south = { ...emptyCheckin(), demographics: { at: at(9), by: 'Mia Torres', changed: false } };
    expect(mergeCheckins(north, south).demographics).toEqual({ at: at(9), by: 'Mia Torres', changed: false });
    expect(mergeCheckins(south, north).demographics).toEqual({ at: at(9), by: 'Mia Torres', changed: false });
  });

  it('keeps a collected co-pay over a deferral, whatever their times', () => {
    fc.assert(
      fc.property(checkin, checkin, collected, deferred, (a, b, paid, notPaid) => {
        const withPaid = { ...a, money: paid };
        const withDeferral = { ...b, money: notPaid };
        expect(mergeCheckins(withPaid, withDeferral).money).toEqual(paid);
        expect(mergeCheckins(withDeferral, withPaid).money).toEqual(paid);
      }),
      { numRuns: 300 },
    );
    // A concrete case: collected at 15:01, then another desk (not yet synced) deferred it at 15:06.
    const paid = { ...emptyCheckin(), money: { copayCents: 2500, paymentId: PAYMENT_1, deferredReason: '', at: at(1), by: 'Dana Reyes' } };
    const later = { ...emptyCheckin(), money: { copayCents: 2500, paymentId: '', deferredReason: 'Pays at check-out', at: at(6), by: 'Mia Torres' } };
    expect(mergeCheckins(later, paid).money.paymentId).toBe(PAYMENT_1);
  });

  it('holds what each desk checked: one confirmed identity and signed a form, the other the rest', () => {
    const north: Checkin = { ...emptyCheckin(), identity: { at: at(1), by: 'Dana Reyes' }, forms: [signature('hipaa-notice', 2)] };
    const south: Checkin = {
      ...emptyCheckin(),
      demographics: { at: at(3), by: 'Mia Torres', changed: true },
      insurance: { at: at(4), by: 'Mia Torres', coverageId: COVERAGE_2 },
      money: { copayCents: 4000, paymentId: '', deferredReason: 'Cannot pay today', at: at(5), by: 'Mia Torres' },
    };
    expect(mergeCheckins(north, south)).toEqual({
      identity: { at: at(1), by: 'Dana Reyes' },
      demographics: { at: at(3), by: 'Mia Torres', changed: true },
      insurance: { at: at(4), by: 'Mia Torres', coverageId: COVERAGE_2 },
      verification: NO_VERIFICATION,
      forms: [signature('hipaa-notice', 2)],
      money: { copayCents: 4000, paymentId: '', deferredReason: 'Cannot pay today', at: at(5), by: 'Mia Torres' },
    });
  });
});

describe('two copies of a visit merge their check-ins too', () => {
  function visit(fields: Partial<Visit> = {}): Visit {
    return VisitSchema.parse({
      id: '0193a000-0000-7000-8000-000000000101',
      patientId: '0193a000-0000-7000-8000-0000000000d1',
      appointmentId: '',
      providerId: '0193a000-0000-7000-8000-00000000000a',
      typeId: '',
      locationId: 'main',
      date: '2026-12-09',
      timeZone: 'America/Chicago',
      step: 'checked-in',
      timeline: [{ step: 'checked-in', at: at(0), by: 'Dana Reyes', roomId: '', reason: '' }],
      createdAt: at(0),
      updatedAt: at(0),
      updatedBy: 'dana',
      siteId: 'main',
      ...fields,
    });
  }

  it('a visit read without a check-in has an empty one', () => {
    expect(visit().checkin).toEqual(emptyCheckin());
  });

  it('holding both desks’ steps, in either order', () => {
    const north = visit({ checkin: { ...emptyCheckin(), identity: { at: at(1), by: 'Dana Reyes' }, forms: [signature('consent-to-treat', 2)] }, updatedAt: at(2), updatedBy: 'north' });
    const south = visit({
      checkin: { ...emptyCheckin(), demographics: { at: at(3), by: 'Mia Torres', changed: false }, money: { copayCents: 2500, paymentId: PAYMENT_1, deferredReason: '', at: at(4), by: 'Mia Torres' } },
      updatedAt: at(4),
      updatedBy: 'south',
    });
    const merged = mergeVisits(north, south);
    expect(merged.checkin.identity).toEqual({ at: at(1), by: 'Dana Reyes' });
    expect(merged.checkin.demographics).toEqual({ at: at(3), by: 'Mia Torres', changed: false });
    expect(merged.checkin.forms).toEqual([signature('consent-to-treat', 2)]);
    expect(merged.checkin.money.paymentId).toBe(PAYMENT_1);
    expect(mergeVisits(south, north)).toEqual(merged);
    expect(VisitSchema.safeParse(merged).success).toBe(true);
  });

  it('a copy written before check-ins were recorded (visits v0) merges without throwing, losing nothing of the other', () => {
    const { checkin: _none, ...v0 } = visit({ updatedAt: at(9), updatedBy: 'old' });
    const old = v0 as Visit;
    const current = visit({ checkin: completeCheckin([signature('intake', 3)]), updatedAt: at(5), updatedBy: 'new' });
    expect(() => mergeVisits(old, current)).not.toThrow();
    expect(mergeVisits(old, current).checkin).toEqual(current.checkin);
    expect(mergeVisits(current, old).checkin).toEqual(current.checkin);
    // The newer v0 copy's other fields win, and the merged visit has a check-in.
    expect(mergeVisits(current, old).updatedBy).toBe('old');
    expect(VisitSchema.safeParse(mergeVisits(current, old)).success).toBe(true);
    expect(mergeVisits(old, old).checkin).toEqual(emptyCheckin());
  });
});

describe('a patient’s check-in history', () => {
  const january: Checkin = {
    ...emptyCheckin(),
    demographics: { at: '2026-01-10T15:00:00.000Z', by: 'Dana Reyes', changed: true },
    verification: { coverageId: COVERAGE_1, method: 'phone', reference: 'REF-1', result: 'active', at: '2026-01-10T15:05:00.000Z', by: 'Dana Reyes' },
    forms: [
      { ...signature('intake', 0, 'Dana Reyes'), at: '2026-01-10T15:06:00.000Z' },
      { ...signature('consent-to-treat', 0, 'Dana Reyes'), at: '2026-01-10T15:06:00.000Z' },
    ],
  };
  const june: Checkin = {
    ...emptyCheckin(),
    demographics: { at: '2026-06-02T14:00:00.000Z', by: 'Mia Torres', changed: false },
    verification: { coverageId: COVERAGE_2, method: 'portal', reference: '', result: 'inactive', at: '2026-06-02T14:03:00.000Z', by: 'Mia Torres' },
    forms: [{ ...signature('consent-to-treat', 0, 'Mia Torres', 'on-screen', DOCUMENT_1), at: '2026-06-02T14:04:00.000Z' }],
  };
  const march: Checkin = {
    ...emptyCheckin(),
    demographics: { at: '2026-03-15T16:00:00.000Z', by: 'Sam Lee', changed: false },
    verification: { coverageId: COVERAGE_1, method: 'clearinghouse', reference: 'TRACE-9', result: 'active', at: '2026-03-15T16:01:00.000Z', by: 'Sam Lee' },
    forms: [{ ...signature('hipaa-notice', 0, 'Sam Lee'), at: '2026-03-15T16:02:00.000Z' }],
  };
  // A quick check-in (nothing recorded) and a verification without a coverage count for nothing.
  const quick: Checkin = { ...emptyCheckin(), verification: { ...NO_VERIFICATION, at: '2026-07-01T10:00:00.000Z', by: 'Sam Lee' } };
  const visits = [january, june, march, quick].map((c) => ({ checkin: c }));

  function permutations<T>(list: readonly T[]): T[][] {
    if (list.length <= 1) return [[...list]];
    return list.flatMap((item, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  it('gives the latest demographics confirmation, each coverage’s latest verification and each form’s latest signature, in any order', () => {
    for (const order of permutations(visits)) {
      const history = checkinHistory(order);
      expect(history.demographicsConfirmed).toEqual({ at: '2026-06-02T14:00:00.000Z', by: 'Mia Torres' });
      expect(history.verifications).toEqual(new Map([[COVERAGE_1, march.verification], [COVERAGE_2, june.verification]]));
      expect(history.signed).toEqual(
        new Map<FormKind, FormSignature>([
          ['intake', january.forms[0]!],
          ['consent-to-treat', june.forms[0]!],
          ['hipaa-notice', march.forms[0]!],
        ]),
      );
    }
  });

  it('is empty for a patient never checked in through the steps', () => {
    for (const list of [[], [{ checkin: emptyCheckin() }]]) {
      const history = checkinHistory(list);
      expect(history.demographicsConfirmed).toEqual(NOT_DONE);
      expect(history.verifications.size).toBe(0);
      expect(history.signed.size).toBe(0);
    }
  });

  it('agrees, over arbitrary visits with distinct times, with the latest of each found by hand', () => {
    // Distinct times: each check-in's steps get its own minutes (no two visits tie).
    const visitList = fc.array(checkin, { maxLength: 6 }).map((list) =>
      list.map((c, i) => {
        const shift = (iso: string, step: number) => (iso ? at(1000 * i + 10 * step + (Date.parse(iso) - Date.parse(at(0))) / 60_000) : '');
        return { checkin: { ...c, demographics: { ...c.demographics, at: shift(c.demographics.at, 1) }, verification: { ...c.verification, at: shift(c.verification.at, 2) }, forms: c.forms.map((f, j) => ({ ...f, at: shift(f.at, 3 + j) })) } };
      }),
    );
    fc.assert(
      fc.property(visitList, (list) => {
        const history = checkinHistory(list);
        const reversed = checkinHistory([...list].reverse());
        expect(reversed).toEqual(history);
        const confirmed = list.map((v) => v.checkin.demographics).filter((d) => d.at).sort((x, y) => (x.at < y.at ? 1 : -1))[0];
        expect(history.demographicsConfirmed).toEqual(confirmed ? { at: confirmed.at, by: confirmed.by } : NOT_DONE);
        for (const form of FORM_KINDS) {
          const latest = list.flatMap((v) => v.checkin.forms).filter((f) => f.form === form).sort((x, y) => (x.at < y.at ? 1 : -1))[0];
          expect(history.signed.get(form)).toEqual(latest);
        }
        for (const coverage of [COVERAGE_1, COVERAGE_2]) {
          const latest = list.map((v) => v.checkin.verification).filter((v) => v.at && v.coverageId === coverage).sort((x, y) => (x.at < y.at ? 1 : -1))[0];
          expect(history.verifications.get(coverage)).toEqual(latest);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the forms a visit asks for', () => {
  const rules = (formsValidMonths: number, everyVisitForms: FormKind[] = ['consent-to-treat', 'hipaa-notice', 'financial-policy']) => ({ everyVisitForms, formsValidMonths });
  const signedOn = (entries: [FormKind, string][]) => ({ signed: new Map(entries.map(([form, iso]) => [form, { ...signature(form, 0), at: iso }])) });
  const NONE = { signed: new Map<FormKind, FormSignature>() };

  it('are the type’s forms and the clinic’s every-visit forms, once each, in the order of FORM_KINDS', () => {
    expect(formsFor(['financial-policy', 'intake'], rules(12, ['hipaa-notice', 'financial-policy']), NONE, '2026-12-09', ZONE).map((s) => s.form)).toEqual(['intake', 'hipaa-notice', 'financial-policy']);
    expect(formsFor([], rules(12), NONE, '2026-12-09', ZONE).map((s) => s.form)).toEqual(['consent-to-treat', 'hipaa-notice', 'financial-policy']);
    expect(formsFor([], rules(12, []), NONE, '2026-12-09', ZONE)).toEqual([]);
  });

  it('are due when never signed', () => {
    expect(formsFor(['intake'], rules(12, []), NONE, '2026-12-09', ZONE)).toEqual([{ form: 'intake', due: true, why: 'Never signed', lastSigned: null }]);
  });

  it('are due again once signed the clinic’s number of months before today, not a day earlier', () => {
    const history = signedOn([['consent-to-treat', '2025-03-10T15:00:00.000Z']]);
    const standing = (today: string) => formsFor([], rules(12, ['consent-to-treat']), history, today, ZONE)[0]!;
    expect(standing('2026-03-09')).toEqual({ form: 'consent-to-treat', due: false, why: 'Signed', lastSigned: history.signed.get('consent-to-treat') });
    expect(standing('2026-03-10')).toMatchObject({ due: true, why: 'Expired 2026-03-10' });
    expect(standing('2026-11-01')).toMatchObject({ due: true, why: 'Expired 2026-03-10' });
  });

  it('count months to the end of a shorter month: signed on 31 January, one month makes it due from 28 February', () => {
    const history = signedOn([['hipaa-notice', '2026-01-31T18:00:00.000Z']]);
    const due = (today: string) => formsFor([], rules(1, ['hipaa-notice']), history, today, ZONE)[0]!;
    expect(due('2026-02-27').due).toBe(false);
    expect(due('2026-02-28')).toMatchObject({ due: true, why: 'Expired 2026-02-28' });
    expect(due('2026-03-01').due).toBe(true);
    // A leap day: twelve months on is 28 February.
    const leap = signedOn([['hipaa-notice', '2024-02-29T18:00:00.000Z']]);
    expect(formsFor([], rules(12, ['hipaa-notice']), leap, '2025-02-27', ZONE)[0]!.due).toBe(false);
    expect(formsFor([], rules(12, ['hipaa-notice']), leap, '2025-02-28', ZONE)[0]).toMatchObject({ due: true, why: 'Expired 2025-02-28' });
    // Across a year end.
    const december = signedOn([['hipaa-notice', '2025-12-31T18:00:00.000Z']]);
    expect(formsFor([], rules(2, ['hipaa-notice']), december, '2026-02-27', ZONE)[0]!.due).toBe(false);
    expect(formsFor([], rules(2, ['hipaa-notice']), december, '2026-02-28', ZONE)[0]!.due).toBe(true);
  });

  it('never expire when the clinic’s period is 0', () => {
    const history = signedOn([['financial-policy', '2001-05-01T12:00:00.000Z']]);
    expect(formsFor([], rules(0, ['financial-policy']), history, '2026-12-09', ZONE)[0]).toMatchObject({ form: 'financial-policy', due: false, why: 'Signed' });
    // Still due when never signed.
    expect(formsFor(['intake'], rules(0, ['financial-policy']), history, '2026-12-09', ZONE)[0]).toMatchObject({ form: 'intake', due: true, why: 'Never signed' });
  });

  it('each stand on their own signature', () => {
    const history = signedOn([
      ['intake', '2020-01-01T12:00:00.000Z'],
      ['consent-to-treat', '2026-11-30T12:00:00.000Z'],
    ]);
    expect(formsFor(['intake'], rules(12), history, '2026-12-09', ZONE).map((s) => [s.form, s.due])).toEqual([
      ['intake', true],
      ['consent-to-treat', false],
      ['hipaa-notice', true],
      ['financial-policy', true],
    ]);
  });
});

describe('whether a coverage needs verifying at check-in', () => {
  const NOW = Date.parse('2026-12-09T15:00:00.000Z');
  const daysAgo = (days: number, result: Verification['result'] = 'active'): Verification => ({
    coverageId: COVERAGE_1,
    method: 'phone',
    reference: 'REF-1',
    result,
    at: new Date(NOW - days * 86_400_000).toISOString(),
    by: 'Dana Reyes',
  });

  it('does when it was never verified', () => {
    expect(needsVerifying(undefined, 30, NOW, ZONE)).toBe(true);
    expect(needsVerifying({ ...NO_VERIFICATION }, 30, NOW, ZONE)).toBe(true);
  });

  it('does when the payer last said it was not active', () => {
    expect(needsVerifying(daysAgo(1, 'inactive'), 30, NOW, ZONE)).toBe(true);
    expect(needsVerifying(daysAgo(0, 'not-found'), 30, NOW, ZONE)).toBe(true);
  });

  it('does when verified the clinic’s number of days ago or more, not when more recently', () => {
    expect(needsVerifying(daysAgo(29), 30, NOW, ZONE)).toBe(false);
    expect(needsVerifying(daysAgo(30), 30, NOW, ZONE)).toBe(true);
    expect(needsVerifying(daysAgo(200), 30, NOW, ZONE)).toBe(true);
    expect(needsVerifying(daysAgo(6), 7, NOW, ZONE)).toBe(false);
    expect(needsVerifying(daysAgo(7), 7, NOW, ZONE)).toBe(true);
  });

  it('does not again on the same day when the rule is every visit day (1)', () => {
    const earlierToday = { ...daysAgo(0), at: '2026-12-09T14:00:00.000Z' };
    expect(needsVerifying(earlierToday, 1, NOW, ZONE)).toBe(false);
  });

  it('does on the next visit day when the rule is every visit day (1), even less than 24 hours later', () => {
    // Verified at 3 pm (Chicago) on 2 March; the patient is back at 9 am on 3 March: another visit day
    // (also another day in UTC), so a rule of "1: on the day of every visit" asks for it again.
    const yesterdayAfternoon: Verification = { ...daysAgo(0), at: '2026-03-02T21:00:00.000Z' };
    expect(needsVerifying(yesterdayAfternoon, 1, Date.parse('2026-03-03T15:00:00.000Z'), ZONE)).toBe(true);
  });
});

describe('what is still to do before a patient is checked in', () => {
  it('names every step not done, in the order of the steps, the due forms by name', () => {
    expect(missingSteps(emptyCheckin(), [])).toEqual(['confirm the patient’s identity', 'confirm the demographics (or edit them)', 'confirm the insurance (or self-pay)', 'collect the co-pay or say why not']);
    expect(missingSteps(emptyCheckin(), ['hipaa-notice', 'intake'])).toEqual([
      'confirm the patient’s identity',
      'confirm the demographics (or edit them)',
      'confirm the insurance (or self-pay)',
      'Patient intake to be signed',
      'HIPAA notice of privacy practices acknowledgment to be signed',
      'collect the co-pay or say why not',
    ]);
  });

  it('names each one missing on its own', () => {
    const done = completeCheckin([signature('intake', 3)]);
    expect(missingSteps({ ...done, identity: { ...NOT_DONE } }, ['intake'])).toEqual(['confirm the patient’s identity']);
    expect(missingSteps({ ...done, demographics: { ...NOT_DONE, changed: false } }, ['intake'])).toEqual(['confirm the demographics (or edit them)']);
    expect(missingSteps({ ...done, insurance: { ...NOT_DONE, coverageId: '' } }, ['intake'])).toEqual(['confirm the insurance (or self-pay)']);
    expect(missingSteps(done, ['intake', 'financial-policy'])).toEqual(['Financial policy to be signed']);
    expect(missingSteps({ ...done, money: { ...NO_MONEY_STEP } }, ['intake'])).toEqual(['collect the co-pay or say why not']);
  });

  it('is empty when everything is done, a form signed that was not due changing nothing', () => {
    expect(missingSteps(completeCheckin([signature('intake', 3), signature('hipaa-notice', 3)]), ['intake'])).toEqual([]);
    expect(missingSteps(completeCheckin(), [])).toEqual([]);
  });

  it('needs a co-pay above zero collected (a payment) or a reason why not', () => {
    const owing = completeCheckin([], { copayCents: 2500, paymentId: '', deferredReason: '' });
    expect(missingSteps(owing, [])).toEqual(['collect the co-pay or say why not']);
    expect(missingSteps({ ...owing, money: { ...owing.money, paymentId: PAYMENT_1 } }, [])).toEqual([]);
    expect(missingSteps({ ...owing, money: { ...owing.money, deferredReason: 'Pays at check-out' } }, [])).toEqual([]);
    // No co-pay: confirming the step is enough.
    expect(missingSteps(completeCheckin([], { copayCents: 0, paymentId: '', deferredReason: '' }), [])).toEqual([]);
  });
});

describe('the audit line of a check-in', () => {
  it('says what was verified, signed and collected', () => {
    const c = completeCheckin([signature('consent-to-treat', 3), signature('hipaa-notice', 3)]);
    expect(checkinSummary(c)).toBe(
      'Checked in: demographics confirmed unchanged; insurance verified (Phone call to the payer REF-881: Active); signed: Consent to treat, HIPAA notice of privacy practices acknowledgment; co-pay $25.00 collected',
    );
  });

  it('says when demographics changed, insurance was accepted as verified before, no form was due and the co-pay deferred', () => {
    const c: Checkin = {
      ...completeCheckin([], { copayCents: 4000, paymentId: '', deferredReason: 'Pays at check-out' }),
      demographics: { at: at(1), by: 'Dana Reyes', changed: true },
      verification: { ...NO_VERIFICATION },
    };
    expect(checkinSummary(c)).toBe('Checked in: demographics changed; insurance accepted as verified before; no forms due; co-pay $40.00 deferred: Pays at check-out');
  });

  it('says self-pay and no co-pay, and a portal verification without a reference', () => {
    const selfPay: Checkin = { ...completeCheckin([], { copayCents: 0, paymentId: '' }), insurance: { at: at(2), by: 'Dana Reyes', coverageId: '' }, verification: { ...NO_VERIFICATION } };
    expect(checkinSummary(selfPay)).toBe('Checked in: demographics confirmed unchanged; self-pay; no forms due; no co-pay');
    const portal: Checkin = { ...completeCheckin([], { copayCents: 0, paymentId: '' }), verification: { coverageId: COVERAGE_1, method: 'portal', reference: '', result: 'inactive', at: at(2), by: 'Dana Reyes' } };
    expect(checkinSummary(portal)).toBe('Checked in: demographics confirmed unchanged; insurance verified (Payer’s web portal: Not active); no forms due; no co-pay');
  });
});

describe('a verification as the desk records it', () => {
  const input = { coverageId: COVERAGE_1, method: 'phone', reference: 'REF-881', result: 'active' };

  it('needs the payer’s reference, trimmed, unless it was checked on the payer’s portal', () => {
    expect(VerificationInputSchema.parse({ ...input, reference: '  REF-881 ' }).reference).toBe('REF-881');
    for (const method of ['phone', 'clearinghouse', 'eligibility-response']) {
      for (const reference of ['', '   ']) {
        const parsed = VerificationInputSchema.safeParse({ ...input, method, reference });
        expect(parsed.success, `${method} "${reference}"`).toBe(false);
        expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['reference'], message: 'Enter the reference the payer gave (call reference or trace number)' })]);
      }
    }
    expect(VerificationInputSchema.safeParse({ ...input, method: 'portal', reference: '' }).success).toBe(true);
    expect(VerificationInputSchema.safeParse({ ...input, method: 'portal', reference: 'CONF-2' }).success).toBe(true);
  });

  it('needs a coverage, a known method and result, and refuses a reference too long or other fields', () => {
    expect(VerificationInputSchema.safeParse({ ...input, coverageId: '' }).error?.issues[0]?.message).toBe('Choose the coverage');
    expect(VerificationInputSchema.safeParse({ ...input, method: 'fax' }).error?.issues[0]?.message).toBe('Choose how it was verified');
    expect(VerificationInputSchema.safeParse({ ...input, result: 'maybe' }).error?.issues[0]?.message).toBe('Choose what the payer said');
    expect(VerificationInputSchema.safeParse({ ...input, reference: 'x'.repeat(61) }).error?.issues[0]?.message).toBe('The reference is too long');
    expect(VerificationInputSchema.safeParse({ ...input, note: 'extra' }).success).toBe(false);
  });
});

describe('days and dates in the clinic’s zone', () => {
  it('count a form signed late in the evening from the clinic’s date, not the next UTC date', () => {
    // 7 pm in Chicago on 9 December is 01:00 UTC on 10 December: twelve months on is 9 December.
    const history = { signed: new Map([['hipaa-notice' as FormKind, { ...signature('hipaa-notice', 0), at: '2026-12-10T01:00:00.000Z' }]]) };
    const rules = { everyVisitForms: ['hipaa-notice' as FormKind], formsValidMonths: 12 };
    expect(formsFor([], rules, history, '2027-12-08', ZONE)[0]!.due).toBe(false);
    expect(formsFor([], rules, history, '2027-12-09', ZONE)[0]).toMatchObject({ due: true, why: 'Expired 2027-12-09' });
    // In UTC the same signature is a day later.
    expect(formsFor([], rules, history, '2027-12-09', 'UTC')[0]!.due).toBe(false);
  });

  it('count calendar days: the next morning is one day later, the same evening none', () => {
    expect(daysSince('2026-03-02T21:00:00.000Z', Date.parse('2026-03-03T15:00:00.000Z'), ZONE)).toBe(1);
    expect(daysSince('2026-03-02T14:00:00.000Z', Date.parse('2026-03-03T04:00:00.000Z'), ZONE)).toBe(0);
    // Across the spring DST change (8 March 2026 in Chicago) a week is still seven days.
    expect(daysSince('2026-03-05T15:00:00.000Z', Date.parse('2026-03-12T14:00:00.000Z'), ZONE)).toBe(7);
  });
});

describe('the markers on the arrivals list', () => {
  const rules = { everyVisitForms: ['consent-to-treat' as FormKind], formsValidMonths: 12, verifyEveryDays: 30 };
  const NOW = Date.parse('2026-12-09T15:00:00.000Z');
  const coverage = { id: COVERAGE_1, status: 'active' as const, effectiveFrom: '2026-01-01', effectiveTo: '' };
  const checkedIn = (at: string, forms: FormKind[], verified: boolean) => ({
    checkin: {
      ...emptyCheckin(),
      forms: forms.map((form) => ({ form, how: 'paper' as const, documentId: '', at, by: 'Dana Reyes' })),
      verification: verified ? { coverageId: COVERAGE_1, method: 'phone' as const, reference: 'R1', result: 'active' as const, at, by: 'Dana Reyes' } : { ...NO_VERIFICATION },
    },
  });
  const markers = (over: Partial<Parameters<typeof arrivalMarkers>[0]>) =>
    arrivalMarkers({ visits: [], coverages: [coverage], balanceCents: 0, typeForms: [], rules, today: '2026-12-09', now: NOW, timeZone: ZONE, ...over });

  it('say what a new patient’s check-in will ask for', () => {
    expect(markers({ typeForms: ['intake'] })).toEqual(['2 forms to sign', 'Insurance not verified']);
  });

  it('are none for a returning patient with forms valid, insurance verified lately and nothing owed', () => {
    expect(markers({ visits: [checkedIn('2026-12-02T15:00:00.000Z', ['consent-to-treat'], true)], balanceCents: -2500 })).toEqual([]);
  });

  it('name an expired form, a balance with an overdue instalment, and insurance verified too long ago', () => {
    expect(markers({ visits: [checkedIn('2025-11-02T15:00:00.000Z', ['consent-to-treat'], true)], balanceCents: 4000, overdueCents: 2500 })).toEqual([
      'Balance $40.00',
      'Instalment overdue $25.00',
      'Form expired: Consent to treat',
      'Insurance not verified',
    ]);
  });

  it('do not ask to verify insurance a patient does not have in force', () => {
    expect(markers({ coverages: [{ ...coverage, effectiveTo: '2026-06-30' }], visits: [checkedIn('2026-12-02T15:00:00.000Z', ['consent-to-treat'], false)] })).toEqual([]);
  });
});

describe('two check-outs of one visit', () => {
  const base = { followUpAppointmentId: '', noFollowUpReason: '', paymentId: '', by: 'Dana Reyes' };
  it('keep the one that booked a follow-up or collected money, else the later', () => {
    const booked = { ...base, followUpAppointmentId: PAYMENT_2, at: at(1) };
    const none = { ...base, noFollowUpReason: 'None needed', at: at(5) };
    expect(mergeCheckouts(booked, none)).toEqual(booked);
    expect(mergeCheckouts(none, booked)).toEqual(booked);
    const paid = { ...none, paymentId: PAYMENT_1, at: at(2) };
    expect(mergeCheckouts(paid, none)).toEqual(paid);
    const later = { ...none, noFollowUpReason: 'Patient will call to book', at: at(6) };
    expect(mergeCheckouts(none, later)).toEqual(later);
    expect(mergeCheckouts(later, none)).toEqual(later);
  });
});
