import { describe, expect, it } from 'vitest';
import { formPrintData, guarantorLine, visitSummaryData } from '../../../src/renderer/features/checkin/formPrints';
import { FormPrintDataSchema } from '../../../src/shared/print/forms';
import { VisitSummaryDataSchema } from '../../../src/shared/print/visitSummary';
import { emptyCheckin, NO_CHECKOUT } from '../../../src/shared/checkin/checkin';
import type { Visit } from '../../../src/shared/checkin/visit';
import type { PaymentEntry } from '../../../src/shared/payments/ledger';
import { AcmeCoverage, JaneDoe, JoseMartinez } from '../../fixtures/clinic';

const CLINIC = { name: 'Lakeside Health', address: '1 Lake St, Springfield, IL 62701', phone: '(555) 010-2000' };
const PRINTED = { at: '2026-12-09T15:00:00.000Z', by: 'Dana Reyes', timeZone: 'America/Chicago' };

describe('a check-in form filled in with what is on file', () => {
  it('carries the patient’s details as the desk reads them, and passes the print contract', () => {
    const jane = {
      ...JaneDoe,
      preferredName: 'Janie',
      address: { line1: '12 Oak St', line2: 'Apt 4', city: 'Springfield', state: 'IL', postalCode: '62701' },
      language: 'es',
      interpreterNeeded: true,
      emergencyContact: { name: 'John Doe', relationship: 'Spouse', phone: '5550109999' },
      guarantor: { kind: 'person' as const, patientId: '', name: 'John Doe', relationship: 'Spouse', phone: '5550109999' },
    };
    const data = formPrintData('consent-to-treat', jane, AcmeCoverage, CLINIC, PRINTED);
    expect(FormPrintDataSchema.parse(data)).toEqual(data);
    expect(data.patient).toMatchObject({
      name: 'Doe, Jane',
      preferredName: 'Janie',
      birthDate: '1961-03-04',
      mrn: 'N2-000001',
      address: '12 Oak St, Apt 4, Springfield, IL 62701',
      phones: ['(555) 010-1234 (mobile)'],
      language: 'Spanish (interpreter needed)',
      emergencyContact: 'John Doe (Spouse), (555) 010-9999',
      guarantor: 'John Doe (Spouse)',
    });
    expect(data.insurance).toEqual({ payerName: AcmeCoverage.payerName, plan: AcmeCoverage.plan, memberId: AcmeCoverage.memberId, groupNumber: AcmeCoverage.groupNumber, subscriber: 'The patient' });
    expect(data).toMatchObject({ form: 'consent-to-treat', clinic: CLINIC, printedAt: PRINTED.at, printedBy: 'Dana Reyes', timeZone: 'America/Chicago' });
  });

  it('says self-pay (no insurance) and leaves out what is not on file', () => {
    const data = formPrintData('financial-policy', JaneDoe, null, CLINIC, PRINTED);
    expect(FormPrintDataSchema.parse(data)).toEqual(data);
    expect(data.insurance).toBeNull();
    expect(data.patient).toMatchObject({ address: '', email: '', emergencyContact: '', guarantor: 'The patient', language: 'English' });
  });

  it('names a guarantor who is a registered patient by their record', () => {
    const child = { ...JaneDoe, guarantor: { kind: 'patient' as const, patientId: JoseMartinez.id, name: '', relationship: 'Father', phone: '' } };
    expect(guarantorLine(child, JoseMartinez)).toBe('Martínez-Ruiz, José (Father)');
    // Not read (yet): said plainly rather than left blank.
    expect(guarantorLine(child, null)).toBe('Another patient (Father)');
    expect(formPrintData('intake', child, null, CLINIC, PRINTED, JoseMartinez).patient.guarantor).toBe('Martínez-Ruiz, José (Father)');
  });
});

describe('the visit summary', () => {
  const visit: Visit = {
    id: '0193a000-0000-7000-8000-000000000101',
    patientId: JaneDoe.id,
    appointmentId: '',
    providerId: 'dr-a',
    typeId: 'follow-up',
    locationId: 'north',
    date: '2026-12-09',
    timeZone: 'America/Chicago',
    step: 'checkout',
    timeline: [
      { step: 'checked-in', at: '2026-12-09T15:00:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' },
      { step: 'roomed', at: '2026-12-09T15:10:00.000Z', by: 'Dana Reyes', roomId: 'room-2', reason: '' },
      { step: 'with-provider', at: '2026-12-09T15:20:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' },
      { step: 'checkout', at: '2026-12-09T15:40:00.000Z', by: 'Dana Reyes', roomId: '', reason: '' },
    ],
    checkin: { ...emptyCheckin(), forms: [{ form: 'hipaa-notice', how: 'paper', documentId: '', at: '2026-12-09T15:00:00.000Z', by: 'Dana Reyes' }] },
    checkout: { ...NO_CHECKOUT },
    createdAt: '2026-12-09T15:00:00.000Z',
    updatedAt: '2026-12-09T15:40:00.000Z',
    updatedBy: 'Dana Reyes',
    siteId: 'north',
  };
  const payment = (receiptNumber: string, createdAt: string): PaymentEntry =>
    ({ id: `0193a000-0000-7000-8000-0000000002${receiptNumber.slice(-2)}`, kind: 'payment', purpose: 'copay', patientId: JaneDoe.id, appointmentId: null, amountCents: 2500, method: 'card', reference: '4242', receiptNumber, createdAt, createdBy: 'staff-1', siteId: 'north' }) as PaymentEntry;
  const names = { provider: (id: string) => (id === 'dr-a' ? 'Dr. Ana Ruiz' : ''), type: (id: string) => (id === 'follow-up' ? 'Follow-up' : ''), room: (id: string) => (id === 'room-2' ? 'Exam 2' : '') };

  it('says what happened today: provider, type, room, arrival and when seen, today’s payments only, the forms signed', () => {
    const data = visitSummaryData({
      visit,
      patient: JaneDoe,
      followUp: null,
      noFollowUpReason: 'None needed',
      // Yesterday's payment (in Chicago: 02:00 UTC on the 9th is the evening of the 8th) is left out.
      payments: [payment('R1-000012', '2026-12-09T15:45:00.000Z'), payment('R1-000011', '2026-12-09T02:00:00.000Z'), payment('R1-000013', '2026-12-09T15:01:00.000Z')],
      names,
      cancelNoticeHours: 24,
      clinic: CLINIC,
      printed: { at: '2026-12-09T15:50:00.000Z', by: 'Dana Reyes' },
    });
    expect(VisitSummaryDataSchema.parse(data)).toEqual(data);
    expect(data.visit).toEqual({ date: '2026-12-09', type: 'Follow-up', provider: 'Dr. Ana Ruiz', room: 'Exam 2', arrivedAt: '2026-12-09T15:00:00.000Z', seenAt: '2026-12-09T15:20:00.000Z' });
    expect(data.payments.map((p) => p.receiptNumber)).toEqual(['R1-000013', 'R1-000012']);
    expect(data.payments[0]).toMatchObject({ amountCents: 2500, method: 'Card' });
    expect(data).toMatchObject({ followUp: null, noFollowUpReason: 'None needed', formsSigned: ['hipaa-notice'], patient: { name: 'Doe, Jane', mrn: 'N2-000001' } });
  });
});
