import { existsSync } from 'node:fs';
import { testSettings } from '../../support/desk';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthService } from '../../../src/main/auth/authService';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/registry';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import { printHandlers } from '../../../src/main/print/handlers';
import type { PageSpec, PdfRenderer } from '../../../src/main/print/pdf';
import { createPrintService, type PrintService, type PrintServiceDeps } from '../../../src/main/print/printService';
import { AppError } from '../../../src/shared/ipc/envelope';
import { PrintResultSchema } from '../../../src/shared/print/channels';
import { PRINTABLE_FORM_LABEL, PRINTABLE_FORMS, type FormPrintData, type PrintableForm, type SignedFormRequest } from '../../../src/shared/print/forms';
import { PNG } from 'pngjs';
import { fakePrintService, filesUnder, readPdf, visibleText } from '../../support/printing';
import { JaneDoeForm, ScriptNameForm } from '../../fixtures/forms';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PT_PER_INCH = 72;
const LETTER: PageSpec = { widthMm: 215.9, heightMm: 279.4, marginMm: 12.7 };

/** A form with no patient on it, to fill in by hand. */
function blankForm(form: PrintableForm): FormPrintData {
  return { ...JaneDoeForm, form, blank: true, patientId: undefined, patient: { name: '', preferredName: '', birthDate: '', mrn: '', sex: '', address: '', phones: [], email: '', language: '', emergencyContact: '', guarantor: '' }, insurance: null };
}


describe('printing a check-in form', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-forms-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const service = (overrides: Partial<PrintServiceDeps> = {}) => fakePrintService(dir, '2026-12-09T14:05:00.000Z', overrides);

  it('keeps the form as a letter PDF with its record, then sends it to the document printer', async () => {
    const { print, rendered, jobs } = service();
    const result = await print.printForm(JaneDoeForm);

    expect(PrintResultSchema.parse(result)).toEqual(result);
    const id = '0190c0de-0000-7000-8000-000000000001';
    expect(result).toEqual({
      document: { id, kind: 'form', title: 'Consent to treat — Doe, Jane', createdAt: '2026-12-09T14:05:00.000Z', fileName: `2026-12-09/form-consent-to-treat-${id}.pdf`, copies: 0, patientId: '', day: '2026-12-09', waiting: false },
      sentToPrinter: true,
      printerMessage: 'Sent to printer "Office LaserJet".',
    });
    expect(await filesUnder(dir)).toEqual([`2026-12-09/form-consent-to-treat-${id}.json`, `2026-12-09/form-consent-to-treat-${id}.pdf`, 'queue/0190c0de-0000-7000-8000-000000000002.json']);
    expect(rendered[0]!.page).toEqual(LETTER);
    expect(await readFile(path.join(dir, result.document.fileName), 'utf8')).toBe(`%PDF-fake\n${rendered[0]!.html}`);
    const record = JSON.parse(await readFile(path.join(dir, `2026-12-09/form-consent-to-treat-${id}.json`), 'utf8'));
    expect(record.data).toEqual(JaneDoeForm);
    expect(jobs).toEqual([{ deviceName: 'Office LaserJet', job: { html: rendered[0]!.html, page: LETTER, title: 'Consent to treat — Doe, Jane', copies: 1 } }]);
  });

  it('only saves the form when no document printer is set up, never using the receipt printer', async () => {
    const { print, jobs } = service({ getDocumentPrinter: () => null });
    const result = await print.printForm({ ...JaneDoeForm, form: 'financial-policy' });
    expect(result).toMatchObject({ sentToPrinter: false, printerMessage: 'No document printer is set up; the form was saved as a PDF.' });
    expect(result.document.title).toBe('Financial policy — Doe, Jane');
    expect(jobs).toEqual([]);
  });

  it('lists every kind of form and reprints one marked COPY', async () => {
    const { print, rendered, jobs } = service();
    const results = [];
    for (const form of PRINTABLE_FORMS) results.push(await print.printForm({ ...JaneDoeForm, form }));
    results.push(await print.printForm(blankForm('consent-to-treat')));
    expect((await print.list(10)).map((d) => d.title).sort()).toEqual([...PRINTABLE_FORMS.map((f) => `${PRINTABLE_FORM_LABEL[f]} — Doe, Jane`), 'Consent to treat — blank'].sort());

    const intake = results[0]!.document;
    const copy = await print.reprint(intake.id);
    expect(copy.document).toEqual({ ...intake, copies: 1 });
    expect(rendered.at(-1)!.html).toContain('COPY — REPRINT');
    expect(jobs.at(-1)!.job.title).toBe('COPY — Patient intake — Doe, Jane');
    expect(await filesUnder(dir)).toContain(`2026-12-09/form-intake-${intake.id}-copy1.pdf`);
  });

  it.each([
    ['an unknown form', { ...JaneDoeForm, form: 'x-ray-release' }, /form/],
    ['no patient name', { ...JaneDoeForm, patient: { ...JaneDoeForm.patient, name: '' } }, /A filled-in form names its patient/],
    ['a blank form with a patient on it', { ...JaneDoeForm, blank: true }, /A blank form carries no patient/],
    ['a blank form with insurance on it', { ...blankForm('intake'), insurance: JaneDoeForm.insurance }, /A blank form carries no patient/],
    ['an unknown time zone', { ...JaneDoeForm, timeZone: 'Mars/Olympus' }, /Unknown time zone/],
    ['no insurance field', (({ insurance: _i, ...rest }) => rest)(JaneDoeForm), /insurance/],
  ])('refuses %s with a clear error and keeps nothing', async (_what, data, message) => {
    const { print, rendered, jobs } = service();
    const error = await print.printForm(data as FormPrintData).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((error as Error).message).toMatch(/^The form cannot be printed: /);
    expect((error as Error).message).toMatch(message);
    expect(await filesUnder(dir)).toEqual([]);
    expect(rendered).toEqual([]);
    expect(jobs).toEqual([]);
  });

  describe('through the print:form channel', () => {
    function dispatcher(require: AuthService['require'] = () => {}, settings = testSettings()) {
      const { print, rendered } = service();
      const handlers = printHandlers({ print, auth: { require } as AuthService, printedDir: dir, openFolder: null, settings: { get: () => settings } });
      return { dispatch: createDispatcher(handlers as Handlers, { error: () => {} }), rendered };
    }
    const ctx = { transport: 'web' as const };

    it('prints a valid form', async () => {
      const { dispatch } = dispatcher();
      const answer = await dispatch('print:form', { ...JaneDoeForm, form: 'hipaa-notice' }, ctx);
      expect(answer).toMatchObject({ ok: true, value: { document: { kind: 'form', title: 'HIPAA notice of privacy practices acknowledgment — Doe, Jane' } } });
    });

    it('previews a form on the workstation’s document paper, keeping nothing', async () => {
      for (const paper of ['letter', 'a4'] as const) {
        const { dispatch } = dispatcher(() => {}, testSettings({ documentPaper: paper }));
        const answer = await dispatch('print:formPreview', JaneDoeForm, ctx);
        expect(answer.ok && (answer.value as { html: string }).html).toContain(`@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; margin: 12.7mm; }`);
      }
      expect(await filesUnder(dir)).toEqual([]);
    });

    it('refuses an unknown form kind before anything is rendered or kept', async () => {
      const { dispatch, rendered } = dispatcher();
      const answer = await dispatch('print:form', { ...JaneDoeForm, form: 'x-ray-release' }, ctx);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(answer.ok === false && answer.error.message).toMatch(/^Invalid print:form request: .*form/s);
      expect(rendered).toEqual([]);
      expect(await filesUnder(dir)).toEqual([]);
    });

    it('needs the permission to print documents', async () => {
      const asked: string[] = [];
      const { dispatch } = dispatcher((permission) => {
        asked.push(permission);
        throw new AppError('FORBIDDEN', 'You may not print documents.');
      });
      const answer = await dispatch('print:form', JaneDoeForm, ctx);
      expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'You may not print documents.' } });
      expect(asked).toEqual(['print.document']);
      expect(await filesUnder(dir)).toEqual([]);
    });
  });
});

describe.skipIf(!existsSync(CHROMIUM))('printed forms (Chromium)', () => {
  let renderer: PdfRenderer;
  let dir: string;
  let service: PrintService;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-forms-pdf-'));
    let n = 0;
    service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => 'Receipts', now: () => new Date('2026-12-09T14:05:00.000Z'), newId: () => `doc-${++n}` });
  });
  afterAll(async () => {
    await renderer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const read = (file: string) => readPdf(path.join(dir, file));


  it.each(PRINTABLE_FORMS)('keeps the %s form as a letter PDF with the patient, the title and the signature line', async (form) => {
    const result = await service.printForm({ ...JaneDoeForm, form });
    expect(result).toMatchObject({ sentToPrinter: false, printerMessage: 'No document printer is set up; the form was saved as a PDF.' });
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(form === 'intake' ? 2 : 1);
    expect(Math.abs(pdf.width - 8.5 * PT_PER_INCH)).toBeLessThan(1.5); // Chromium rounds page sizes to device units
    expect(Math.abs(pdf.height - 11 * PT_PER_INCH)).toBeLessThan(1.5);
    for (const expected of ['Maple Street Family Clinic', 'Doe, Jane', PRINTABLE_FORM_LABEL[form], 'Signature of patient or legal representative', 'Printed Dec 9, 2026, 8:05 AM CST by Dana Reyes']) {
      expect(pdf.text).toContain(expected);
    }
    // The release of information is about the records, not the bill: no insurance on it.
    if (form === 'release-of-information') {
      expect(pdf.text).not.toContain('XOF123456789');
      for (const expected of ['I authorize Maple Street Family Clinic to release my health information to:', 'HIV/AIDS testing or treatment', 'You may revoke this authorization at any time']) expect(pdf.text).toContain(expected);
    } else {
      for (const expected of ['Blue Cross Blue Shield of Illinois', 'XOF123456789']) expect(pdf.text).toContain(expected);
    }
  });

  it.each(PRINTABLE_FORMS)('keeps a blank %s form with boxes to fill in and nobody’s details', async (form) => {
    const result = await service.printForm(blankForm(form));
    expect(result.document).toMatchObject({ title: `${PRINTABLE_FORM_LABEL[form]} — blank`, patientId: '' });
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(form === 'intake' ? 2 : 1);
    for (const expected of [PRINTABLE_FORM_LABEL[form], 'Please fill in your details in capital letters', 'LAST NAME', 'FIRST NAME', 'DATE OF BIRTH', 'Signature of patient or legal representative']) expect(pdf.text).toContain(expected);
    for (const absent of ['Doe, Jane', 'Not on file', 'correct it here', 'Self-pay']) expect(pdf.text).not.toContain(absent);
    expect(pdf.text).toContain(form === 'release-of-information' ? 'WHAT MAY BE RELEASED' : 'I have no health insurance');
  });

  it('keeps several forms for one patient as one PDF, each on its own pages, printed as one job', async () => {
    const result = await service.printFormPacket({ forms: [{ ...JaneDoeForm, form: 'intake' }, { ...JaneDoeForm, form: 'consent-to-treat' }, { ...JaneDoeForm, form: 'hipaa-notice' }] });
    expect(result.document).toMatchObject({ kind: 'form-packet', title: 'Forms (3) — Doe, Jane' });
    expect(result.printerMessage).toBe('No document printer is set up; the forms were saved as a PDF.');
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(4);
    for (const label of ['Patient intake', 'Consent to treat', 'HIPAA notice of privacy practices acknowledgment']) expect(pdf.text).toContain(label);
    await expect(service.printFormPacket({ forms: [{ ...JaneDoeForm, form: 'intake' }, { ...JaneDoeForm, form: 'intake' }] })).rejects.toThrow('A packet holds each form once');
    await expect(service.printFormPacket({ forms: [{ ...JaneDoeForm, patientId: 'a' }, { ...JaneDoeForm, form: 'intake', patientId: 'b' }] })).rejects.toThrow('A packet is for one patient');
    await expect(service.printFormPacket({ forms: [] })).rejects.toThrow('Choose the forms to print');
  });

  it('prints hostile text as text on the release of information', async () => {
    const result = await service.printForm({ ...ScriptNameForm, form: 'release-of-information' });
    const pdf = await read(result.document.fileName);
    expect(pdf.text).toContain(`<script>alert("x")</script> O'Brien & Co`);
    expect(pdf.text).toContain('I authorize <b>Clinic</b> & "Sons" to release');
  });

  it('prints hostile text as text, a self-pay patient as self-pay, and a reprint marked COPY', async () => {
    const result = await service.printForm({ ...ScriptNameForm, form: 'consent-to-treat' });
    const pdf = await read(result.document.fileName);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain(`<script>alert("x")</script> O'Brien & Co`);
    expect(pdf.text).toContain('<b>Clinic</b> & "Sons"');
    expect(pdf.text).toContain('Self-pay (no insurance on file)');
    expect(pdf.text).not.toContain('COPY');

    await service.reprint(result.document.id);
    const copy = await read(`2026-12-09/form-consent-to-treat-${result.document.id}-copy1.pdf`);
    expect(copy.text).toContain('COPY — REPRINT');
    expect(copy.text).toContain('Consent to treat');
  });
});

/** A small signature-like picture (a dark stroke on a clear ground, as the signature pad draws) as a PNG, base64. */
function signaturePng(): string {
  const png = new PNG({ width: 240, height: 60 });
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < 240; x++) {
      const i = (y * 240 + x) * 4;
      const ink = Math.abs(y - (30 + Math.round(18 * Math.sin(x / 14)))) < 2;
      png.data[i] = ink ? 11 : 255;
      png.data[i + 1] = ink ? 31 : 255;
      png.data[i + 2] = ink ? 77 : 255;
      png.data[i + 3] = ink ? 255 : 0;
    }
  }
  return PNG.sync.write(png).toString('base64');
}

describe('forms signed on screen', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-signed-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const signed = (overrides: Partial<SignedFormRequest['signature']> = {}): SignedFormRequest => ({
    form: { ...JaneDoeForm, patientId: '0193a000-0000-7000-8000-00000000000a' },
    signature: { png: signaturePng(), signerName: 'Jane Doe', relationship: '', signedAt: '2026-12-09T14:10:00.000Z', witness: 'Dana Reyes', ...overrides },
    version: 1,
  });

  it('are kept, not printed, as a signed form of the patient, and the PDF comes back to be stored with their documents', async () => {
    const { print, jobs, rendered } = fakePrintService(dir, '2026-12-09T14:10:00.000Z');
    const result = await print.keepSignedForm(signed());
    expect(result.document).toMatchObject({ kind: 'signed-form', title: 'Consent to treat — Doe, Jane (signed)', patientId: '0193a000-0000-7000-8000-00000000000a', waiting: true });
    expect(result.sentToPrinter).toBe(false);
    expect(jobs).toEqual([]);
    expect(Buffer.from(result.pdf).toString()).toBe(await readFile(path.join(dir, result.document.fileName), 'utf8'));
    const markup = rendered[0]!.html;
    expect(markup).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(markup).toContain('<img class="signature" alt="Signature" src="data:image/png;base64,iVBORw0KGgo');
    expect(visibleText(markup)).toContain('Signed on screen Dec 9, 2026, 8:10 AM CST, witnessed by Dana Reyes · Form wording version 1');
    // An unsigned form allows no pictures at all.
    await print.printForm(JaneDoeForm);
    expect(rendered[1]!.html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect((await print.list(5, { patientId: '0193a000-0000-7000-8000-00000000000a' })).map((d) => d.kind)).toEqual(['signed-form']);
    // A copy for the patient is printed from the printed documents, as the original first.
    expect((await print.send(result.document.id)).sentToPrinter).toBe(true);
    expect(jobs[jobs.length - 1]!.job.title).toBe('Consent to treat — Doe, Jane (signed)');
  });

  it.each([
    ['a picture that is not a PNG', signed({ png: Buffer.from('<svg onload=alert(1)>').toString('base64') }), /The signature must be a PNG picture/],
    ['no signer', signed({ signerName: ' ' }), /Enter the name of the person signing/],
    ['a blank form', { ...signed(), form: { ...JaneDoeForm, blank: true } }, /Only a form filled in for a patient on file is signed on screen|A blank form carries no patient/],
    ['no patient on file', { ...signed(), form: JaneDoeForm }, /Only a form filled in for a patient on file is signed on screen/],
  ])('refuse %s and keep nothing', async (_what, request, message) => {
    const { print } = fakePrintService(dir, '2026-12-09T14:10:00.000Z');
    await expect(print.keepSignedForm(request as SignedFormRequest)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it.skipIf(!existsSync(CHROMIUM))('print the signature on its line, the signer, the date and the witness, and hostile text as text', async () => {
    const renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    try {
      let n = 0;
      const service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, now: () => new Date('2026-12-09T14:10:00.000Z'), newId: () => `doc-${++n}` });
      const result = await service.keepSignedForm(signed({ signerName: '<script>x</script> Doe', relationship: 'Mother & guardian' }));
      const pdf = await readPdf(path.join(dir, result.document.fileName), { pngInto: dir, dpi: 50 });
      expect(pdf.pages).toBe(1);
      for (const text of ['<script>x</script> Doe', 'Mother & guardian', '12/09/2026', 'Signed on screen Dec 9, 2026, 8:10 AM CST, witnessed by Dana Reyes · Form wording version 1']) expect(pdf.text).toContain(text);
      const copy = await service.reprint(result.document.id);
      const reprinted = await readPdf(path.join(dir, `${copy.document.fileName.replace(/\.pdf$/, '')}-copy1.pdf`));
      expect(reprinted.text).toContain('COPY — REPRINT');
      expect(reprinted.text).toContain('witnessed by Dana Reyes');
    } finally {
      await renderer.close();
    }
  });
});
