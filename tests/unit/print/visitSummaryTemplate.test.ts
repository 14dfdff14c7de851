import { describe, expect, it } from 'vitest';
import { layoutOf, renderVisitSummaryHtml, SUMMARY_COPY_MARKER, visitSummaryTitle } from '../../../src/main/print/templates/visitSummary';
import type { VisitSummaryData } from '../../../src/shared/print/visitSummary';
import { FORM_KINDS, FORM_LABEL } from '../../../src/shared/schedule/scheduling';
import { JaneDoeVisitSummary, LongestVisitSummary, NoFollowUpVisitSummary, ScriptNameVisitSummary } from '../../fixtures/visitSummary';
import { visibleText } from '../../support/printing';


const render = (data: VisitSummaryData, copy = false) => renderVisitSummaryHtml(data, { copy });
const text = (data: VisitSummaryData, copy = false) => visibleText(render(data, copy));

/** `count` payments with short receipt numbers, $10.00 each, by card. */
const shortPayments = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ receiptNumber: `N2-${String(200 + i).padStart(6, '0')}`, amountCents: 1000, method: 'Card', at: '2026-12-09T16:00:00.000Z' }));

describe('renderVisitSummaryHtml', () => {
  it('produces a complete document with a strict CSP and letter print CSS', () => {
    const out = render(JaneDoeVisitSummary);
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(out).toContain('@page { size: letter; margin: 12.7mm; }');
    expect(out).toContain('"DejaVu Sans"');
    expect(out).toContain('<title>Visit summary — Doe, Jane, Dec 9, 2026</title>');
    expect(visitSummaryTitle(JaneDoeVisitSummary)).toBe('Visit summary — Doe, Jane, Dec 9, 2026');
    // No scripts, no external resources and no inline style attributes.
    expect(out).not.toMatch(/<script|<link|<img|\bsrc=|\bstyle="/i);
  });

  it('shows the clinic, the patient and today’s visit, with times in the clinic’s zone', () => {
    const shown = text(JaneDoeVisitSummary);
    for (const expected of [
      'Maple Street Family Clinic 1200 Maple St, Suite 4, Springfield, IL 62704 (217) 555-0142',
      'Patient Doe, Jane DOB 03/04/1961 · MRN N2-000001',
      'Visit summary',
      'Today’s visit',
      'Date Wednesday, December 9, 2026',
      'Visit Follow-up visit',
      'Provider Dr. Alan Smith',
      'Arrived at 8:12 AM',
      'Seen at 8:31 AM',
      'Room Exam 2',
      'Printed Dec 9, 2026, 9:05 AM CST by Dana Reyes',
    ]) {
      expect(shown).toContain(expected);
    }
    expect(shown).not.toContain('COPY');
  });

  it('leaves out what was not recorded: when the patient was seen, the room, the date of birth and MRN', () => {
    const data: VisitSummaryData = {
      ...JaneDoeVisitSummary,
      clinic: { name: 'Solo Clinic', address: '', phone: '' },
      patient: { name: 'Doe, Jane', birthDate: '', mrn: '' },
      visit: { ...JaneDoeVisitSummary.visit, room: '', seenAt: '' },
    };
    const out = render(data);
    const shown = visibleText(out);
    expect(shown).toContain('Arrived at 8:12 AM');
    expect(shown).not.toContain('Seen at');
    expect(shown).not.toContain('Room');
    expect(shown).not.toContain('DOB');
    expect(shown).not.toContain('MRN');
    expect(out).not.toContain('<p></p>');
  });

  it('shows the follow-up booked prominently, in the clinic’s zone, with how to cancel it', () => {
    const shown = text(JaneDoeVisitSummary);
    expect(shown).toContain(
      'Your next visit Wednesday, January 6, 2027 at 9:30 AM Follow-up visit with Dr. Alan Smith If you cannot come, please call (217) 555-0142 at least 24 hours before your visit.',
    );
    expect(render(JaneDoeVisitSummary)).toContain('<div class="next">');
    expect(shown).not.toContain('No follow-up booked');

    // 9:30 PM in Chicago is already the next day in UTC.
    const evening: VisitSummaryData = { ...JaneDoeVisitSummary, followUp: { ...JaneDoeVisitSummary.followUp!, start: '2027-01-07T03:30:00.000Z' } };
    expect(text(evening)).toContain('Wednesday, January 6, 2027 at 9:30 PM');
  });

  it('words the notice to cancel for the hours the clinic asks, and without a clinic phone', () => {
    expect(text({ ...JaneDoeVisitSummary, cancelNoticeHours: 0 })).toContain('If you cannot come, please call (217) 555-0142 as soon as you can.');
    expect(text({ ...JaneDoeVisitSummary, cancelNoticeHours: 1 })).toContain('at least 1 hour before your visit.');
    expect(text({ ...JaneDoeVisitSummary, cancelNoticeHours: 48, clinic: { ...JaneDoeVisitSummary.clinic, phone: '' } })).toContain('If you cannot come, please call the clinic at least 48 hours before your visit.');
    expect(text({ ...JaneDoeVisitSummary, followUp: { ...JaneDoeVisitSummary.followUp!, type: '' } })).toContain('at 9:30 AM With Dr. Alan Smith If you cannot come');
    expect(text({ ...JaneDoeVisitSummary, followUp: { ...JaneDoeVisitSummary.followUp!, provider: '' } })).toContain('at 9:30 AM Follow-up visit If you cannot come');
  });

  it('says why no follow-up was booked when none was', () => {
    const shown = text(NoFollowUpVisitSummary);
    expect(shown).toContain('Your next visit No follow-up booked: None needed To book a visit, please call (217) 555-0142.');
    expect(shown).not.toContain('If you cannot come');
    expect(text({ ...NoFollowUpVisitSummary, noFollowUpReason: 'Patient will call to book' })).toContain('No follow-up booked: Patient will call to book');
    expect(text({ ...NoFollowUpVisitSummary, noFollowUpReason: '' })).toContain('No follow-up booked To book a visit');
  });

  it('lists today’s payments with their receipts and the right total', () => {
    const shown = text(JaneDoeVisitSummary);
    expect(shown).toContain('Payments today Receipt Time Paid by Amount N2-000145 8:20 AM Card $25.00 N2-000146 9:02 AM Cash $45.50 Total paid today $70.50');

    const large: VisitSummaryData = {
      ...JaneDoeVisitSummary,
      payments: [
        { receiptNumber: 'N2-000150', amountCents: 123_456, method: 'Check', at: '2026-12-09T20:00:00.000Z' },
        { receiptNumber: 'N2-000151', amountCents: 1, method: 'Cash', at: '2026-12-09T20:01:00.000Z' },
        { receiptNumber: 'N2-000152', amountCents: 10_000_000, method: 'Card', at: '2026-12-09T20:02:00.000Z' },
      ],
    };
    const largeShown = visibleText(render(large));
    expect(largeShown).toContain('N2-000150 2:00 PM Check $1,234.56 N2-000151 2:01 PM Cash $0.01 N2-000152 2:02 PM Card $100,000.00 Total paid today $101,234.57');
  });

  it('says when nothing was paid today', () => {
    const shown = text(NoFollowUpVisitSummary);
    expect(shown).toContain('Payments today No payments today');
    expect(shown).not.toContain('Total paid');
    expect(render(NoFollowUpVisitSummary)).not.toContain('<table');
  });

  it('lists the forms signed today, and leaves the section out when none were', () => {
    expect(text(JaneDoeVisitSummary)).toContain('Forms signed today Consent to treat HIPAA notice of privacy practices acknowledgment');
    const all = text({ ...JaneDoeVisitSummary, formsSigned: [...FORM_KINDS] });
    expect(all).toContain(`Forms signed today ${FORM_KINDS.map((f) => FORM_LABEL[f]).join(' ')}`);
    expect(text(NoFollowUpVisitSummary)).not.toContain('Forms signed');
  });

  it('shows hostile text in every field as text, never as markup', () => {
    for (const data of [ScriptNameVisitSummary, { ...ScriptNameVisitSummary, followUp: null, noFollowUpReason: '<reason>' }]) {
      const out = render(data);
      const body = out.slice(out.indexOf('<body>'));
      for (const tag of ['<script', '<b>', '<img', '<i>', '<mrn>', '<type>', '<provider>', '<room>', '<next-provider>', '<next-type>', '<reason>', '<receipt>', '<method>', '<printer>']) {
        expect(body).not.toContain(tag);
      }
      expect(out).toContain('<title>Visit summary — &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co, Dec 9, 2026</title>');
    }
    const shown = text(ScriptNameVisitSummary);
    for (const expected of [
      `<b>Clinic</b> & "Sons" <img src=x onerror=alert(1)> <i>555</i>`,
      `<script>alert("x")</script> O'Brien & Co DOB 12/31/1990 · MRN <mrn>`,
      'Visit <type>',
      'Provider <provider>',
      'Room <room>',
      '<next-type> with <next-provider>',
      'please call <i>555</i> at least 24 hours',
      '<receipt> 8:20 AM <method> $1.00',
      'by <printer>',
    ]) {
      expect(shown).toContain(expected);
    }
    expect(text({ ...ScriptNameVisitSummary, followUp: null, noFollowUpReason: '<reason>' })).toContain('No follow-up booked: <reason>');
  });

  it('marks a reprint as a copy at the top and in the title, and only a reprint', () => {
    expect(SUMMARY_COPY_MARKER).toBe('COPY — REPRINT');
    const original = render(JaneDoeVisitSummary);
    const copy = render(JaneDoeVisitSummary, true);
    expect(original).not.toContain('COPY');
    expect(copy).toContain('<title>COPY — REPRINT — Visit summary — Doe, Jane, Dec 9, 2026</title>');
    const body = copy.slice(copy.indexOf('<body>'));
    expect(body.indexOf(SUMMARY_COPY_MARKER)).toBeLessThan(body.indexOf('Maple Street Family Clinic'));
    expect(body.split(SUMMARY_COPY_MARKER).length - 1).toBe(1);
  });

  it('keeps to one page: regular type, then many short payments in two columns, then denser type', () => {
    expect(layoutOf(JaneDoeVisitSummary, false)).toEqual({ twoColumns: false, dense: false });
    expect(layoutOf(NoFollowUpVisitSummary, true)).toEqual({ twoColumns: false, dense: false });
    expect(layoutOf({ ...JaneDoeVisitSummary, payments: shortPayments(10) }, false)).toEqual({ twoColumns: false, dense: false });
    expect(layoutOf({ ...JaneDoeVisitSummary, payments: shortPayments(20) }, false)).toEqual({ twoColumns: true, dense: false });
    expect(layoutOf(LongestVisitSummary, false)).toEqual({ twoColumns: false, dense: true });
    expect(layoutOf(LongestVisitSummary, true)).toEqual({ twoColumns: false, dense: true });

    expect(render(JaneDoeVisitSummary)).toContain('<div class="sheet">');
    const two = render({ ...JaneDoeVisitSummary, payments: shortPayments(20) });
    expect(two.match(/<table>/g)).toHaveLength(2);
    expect(visibleText(two)).toContain('Total paid today $200.00');
    expect(render(LongestVisitSummary)).toContain('<div class="sheet dense">');
  });
});
