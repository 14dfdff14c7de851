import { describe, expect, it } from 'vitest';
import { FORM_COPY_MARKER, renderFormHtml } from '../../../src/main/print/templates/forms';
import type { FormPrintData } from '../../../src/shared/print/forms';
import { FORM_KINDS, FORM_LABEL } from '../../../src/shared/schedule/scheduling';
import { JaneDoeForm, ScriptNameForm } from '../../fixtures/forms';
import { visibleText } from '../../support/printing';


const render = (data: FormPrintData, copy = false) => renderFormHtml(data, { copy });

describe('renderFormHtml', () => {
  it('produces a complete document with a strict CSP and letter print CSS', () => {
    const out = render(JaneDoeForm);
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(out).toContain('@page { size: letter; margin: 12.7mm; }');
    expect(out).toContain('"DejaVu Sans"');
    expect(out).toContain('<title>Consent to treat — Doe, Jane</title>');
    // No scripts, no external resources and no inline style attributes.
    expect(out).not.toMatch(/<script|<link|<img|\bsrc=|\bstyle="/i);
  });

  it.each(FORM_KINDS)('prints the %s form with its title, the clinic and everything on file', (form) => {
    const text = visibleText(render({ ...JaneDoeForm, form }));
    for (const expected of [
      FORM_LABEL[form],
      'Maple Street Family Clinic',
      '1200 Maple St, Suite 4, Springfield, IL 62704',
      '(217) 555-0142',
      'Name Doe, Jane',
      'Preferred name Janie',
      'Date of birth 03/04/1961',
      'Sex Female',
      'Medical record no. N2-000001',
      'Preferred language Spanish (interpreter needed)',
      'Address 42 Elm Street, Apt 3B, Springfield, IL 62704',
      'Phones (555) 010-1234 (mobile) (555) 010-9876 (home)',
      'Email jane.doe@example.com',
      'Emergency contact John Doe (spouse), (555) 010-5555',
      'Responsible for payment The patient',
      'Insurance company Blue Cross Blue Shield of Illinois',
      'Plan PPO Gold',
      'Member ID XOF123456789',
      'Group number 000123',
      'Subscriber The patient',
      'If anything is wrong or missing, correct it here:',
      'Signature of patient or legal representative',
      'Printed name',
      'Relationship to patient',
      'Date',
      'Printed Dec 9, 2026, 8:05 AM CST by Dana Reyes',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Self-pay');
    expect(text).not.toContain('COPY');
  });

  it('gives each form its own content', () => {
    const text = (form: FormPrintData['form']) => visibleText(render({ ...JaneDoeForm, form }));
    const intake = text('intake');
    for (const expected of ['Reason for today’s visit', 'Current medications', 'I take no medications', 'Allergies', 'No known allergies', 'Past medical history', 'High blood pressure', 'Diabetes', 'Asthma', 'Primary care and referring provider', 'Referred by']) {
      expect(intake).toContain(expected);
    }
    const consent = text('consent-to-treat');
    expect(consent).toContain('I agree to be examined and treated by the physicians, nurse practitioners, physician assistants, nurses and other clinical staff of Maple Street Family Clinic');
    expect(consent).toContain('the right to refuse or stop any test or treatment');
    expect(consent).toContain('my questions have been answered');

    const hipaa = text('hipaa-notice');
    expect(hipaa).toContain('I acknowledge that I received a copy of the Notice of Privacy Practices of Maple Street Family Clinic');
    expect(hipaa).toContain('For office use only: complete if the acknowledgment is not signed');
    expect(hipaa).toContain('The patient refused to sign');
    expect(hipaa).toContain('Other (please specify)');
    expect(consent).not.toContain('For office use only');

    const policy = text('financial-policy');
    for (const expected of ['Co-pays, and any balance you owe from earlier visits, are due when you check in', 'We bill your insurance as a courtesy', 'You are responsible for any amount your insurance does not pay', 'Returned checks.', 'Missed appointments.', 'please call us at (217) 555-0142', 'I have read and understand this financial policy']) {
      expect(policy).toContain(expected);
    }
  });

  it('lays the intake out on two sheets, each naming the patient, and the other forms on one', () => {
    const sheets = (form: FormPrintData['form']) => render({ ...JaneDoeForm, form }).match(/<div class="sheet">/g)?.length;
    expect(sheets('intake')).toBe(2);
    for (const form of ['consent-to-treat', 'hipaa-notice', 'financial-policy'] as const) expect(sheets(form)).toBe(1);
    const intake = visibleText(render({ ...JaneDoeForm, form: 'intake' }));
    expect(intake).toContain('Patient intake (continued) · Maple Street Family Clinic Doe, Jane · DOB 03/04/1961 · MRN N2-000001');
    expect(intake.match(/Signature of patient or legal representative/g)).toHaveLength(1);
  });

  it.each(FORM_KINDS)('shows hostile text in every field of the %s form as text, never as markup', (form) => {
    const data: FormPrintData = {
      ...ScriptNameForm,
      form,
      insurance: { payerName: '<payer>', plan: '<plan>', memberId: '<member>', groupNumber: '<group>', subscriber: `<subscriber> "x" & 'y'` },
    };
    const out = render(data);
    const body = out.slice(out.indexOf('<body>'));
    for (const tag of ['<script', '<b>', '<img', '<i>', '<u>', '<mrn>', '<sex>', '<address>', '<phone1>', '<phone2>', '<email>', '<language>', '<emergency>', '<guarantor>', '<payer>', '<plan>', '<member>', '<group>', '<subscriber>', '<printer>']) {
      expect(body).not.toContain(tag);
    }
    expect(out).toContain('<title>' + `${FORM_LABEL[form]} — &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co` + '</title>');
    const text = visibleText(out);
    for (const expected of [`Name <script>alert("x")</script> O'Brien & Co`, '<b>Clinic</b> & "Sons"', '<img src=x onerror=alert(1)>', 'Phones <phone1> <phone2>', 'Medical record no. <mrn>', `Subscriber <subscriber> "x" & 'y'`, 'by <printer>']) {
      expect(text).toContain(expected);
    }
  });

  it('shows a patient without insurance as self-pay', () => {
    const text = visibleText(render({ ...JaneDoeForm, insurance: null }));
    expect(text).toContain('Coverage Self-pay (no insurance on file)');
    expect(text).toContain('If you have health insurance, please show your card at the front desk');
    expect(text).not.toContain('Member ID');
  });

  it('says "Not on file" where nothing is on file, and leaves out an empty clinic address and phone', () => {
    const data: FormPrintData = {
      ...JaneDoeForm,
      form: 'financial-policy',
      clinic: { name: 'Solo Clinic', address: '', phone: '' },
      patient: { ...JaneDoeForm.patient, preferredName: '', birthDate: '', mrn: '', phones: [], email: ' ', emergencyContact: '' },
    };
    const out = render(data);
    const text = visibleText(out);
    for (const label of ['Preferred name', 'Date of birth', 'Medical record no.', 'Phone', 'Email', 'Emergency contact']) {
      expect(text).toContain(`${label} Not on file`);
    }
    expect(text).not.toContain('DOB');
    expect(text).not.toContain('MRN');
    expect(text).toContain('please call us at the front desk as early as you can');
    expect(out).not.toContain('<p></p>');
  });

  it('marks a reprint as a copy at the top of every sheet and in the title, and only a reprint', () => {
    expect(FORM_COPY_MARKER).toBe('COPY — REPRINT');
    for (const form of FORM_KINDS) {
      const original = render({ ...JaneDoeForm, form });
      const copy = render({ ...JaneDoeForm, form }, true);
      expect(original).not.toContain('COPY');
      expect(copy).toContain(`<title>COPY — REPRINT — ${FORM_LABEL[form]} — Doe, Jane</title>`);
      const body = copy.slice(copy.indexOf('<body>'));
      expect(body.indexOf(FORM_COPY_MARKER)).toBeLessThan(body.indexOf('Maple Street Family Clinic'));
      expect(body.split(FORM_COPY_MARKER).length - 1).toBe(form === 'intake' ? 2 : 1);
    }
  });
});
