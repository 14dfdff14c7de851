import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPdfRenderer } from '../../../src/main/print/chromiumPdf';
import { createPrintService } from '../../../src/main/print/printService';
import { renderFormHtml, renderFormPacketHtml } from '../../../src/main/print/templates/forms';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { CatalogEntrySchema } from '../../../src/shared/catalog/catalog';
import { currentLogo, describeLogo, FormLogoSchema, LogoPngSchema, nextLogoVersion, pngSize, type FormLogo } from '../../../src/shared/catalog/formLogo';
import { FormPrintDataSchema, SignedFormDataSchema } from '../../../src/shared/print/forms';
import { JaneDoe, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { JaneDoeForm, ScriptNameForm } from '../../fixtures/forms';
import { JaneDoeVisitSummary, LongestVisitSummary } from '../../fixtures/visitSummary';
import { renderVisitSummaryHtml } from '../../../src/main/print/templates/visitSummary';
import { VisitSummaryDataSchema } from '../../../src/shared/print/visitSummary';
import { openTestDesk, testClient } from '../../support/desk';
import { logoPng } from '../../support/pictures';
import { readPdf, visibleText } from '../../support/printing';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const stamp = { createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'staff-1', siteId: 'main' };
const version = (id: string, n: number, png: string, updatedAt = stamp.updatedAt): FormLogo =>
  FormLogoSchema.parse({ id, kind: 'form-logo', name: `Forms logo, version ${n}`, logoVersion: n, png, ...stamp, updatedAt });

describe('the forms’ logo', () => {
  it('reads a PNG’s size from its header, and nothing from what is not a PNG', () => {
    expect(pngSize(logoPng(600, 150))).toEqual({ width: 600, height: 150 });
    expect(pngSize(logoPng(17, 400))).toEqual({ width: 17, height: 400 });
    expect(pngSize(Buffer.from('GIF89a not a png at all, just some bytes to be long enough').toString('base64'))).toBeNull();
    expect(pngSize('iVBORw0KGgo=')).toBeNull();
  });

  it.each([
    ['not a PNG', Buffer.from('<svg onload=alert(1)></svg> and more text to be long enough').toString('base64'), 'The logo must be a PNG picture'],
    ['markup after a PNG’s start', `${logoPng(600, 150)}"><script>`, 'The logo must be a PNG picture'],
    ['a PNG too small to read on paper', logoPng(12, 40), 'The logo is too small (12 × 40 pixels)'],
    ['a PNG larger than a logo is kept', logoPng(1300, 100), 'The logo is too large (1300 × 100 pixels; at most 1200 × 400)'],
    ['a PNG with a damaged header', `iVBORw0KGgoAAAANSUhEUg${'A'.repeat(60)}`.replace('SUhEUg', 'SUhFUg'), 'The logo is not a readable PNG picture'],
    ['more bytes than the catalog keeps', `iVBORw0KGgo${'A'.repeat(200_000)}`, 'The logo is too large: use a smaller picture'],
  ])('refuses %s, with one reason', (_what, png, message) => {
    expect(LogoPngSchema.safeParse(png).error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('is none until one is saved; then the highest version, of two offices’ same number the later, and none once taken off', () => {
    const a = logoPng(600, 150);
    const b = logoPng(400, 100);
    expect(currentLogo([])).toBeNull();
    expect(nextLogoVersion([])).toBe(1);
    const north = version('0193a000-0000-7000-8000-0000000000a1', 1, a, '2026-12-02T09:00:00.000Z');
    const south = version('0193a000-0000-7000-8000-0000000000b1', 1, b, '2026-12-02T11:00:00.000Z');
    expect(currentLogo([north, south])).toEqual({ id: south.id, version: 1, png: b });
    expect(nextLogoVersion([north, south])).toBe(2);
    const off = version('0193a000-0000-7000-8000-0000000000a2', 2, '');
    expect(currentLogo([south, off, north])).toBeNull();
    expect(currentLogo([south, off, version('0193a000-0000-7000-8000-0000000000a3', 3, a, '2026-11-01T00:00:00.000Z')])).toMatchObject({ version: 3, png: a });
    expect(describeLogo(a)).toMatch(/^PNG 600 × 150 px, \d+ KB$/);
    expect(describeLogo('')).toBe('no logo');
    expect(CatalogEntrySchema.safeParse(off).success).toBe(true);
  });

  it('is printed at the top of every sheet of a form and a packet, as a picture the document allows and nothing else', () => {
    const png = logoPng();
    const form = FormPrintDataSchema.parse({ ...JaneDoeForm, form: 'intake', logo: { version: 4, png } });
    const markup = renderFormHtml(form, { copy: false });
    expect(markup).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(markup.split(`<img class="logo" alt="" src="data:image/png;base64,${png}">`)).toHaveLength(2);
    const packet = renderFormPacketHtml([form, { ...form, form: 'consent-to-treat' }], { copy: false });
    expect(packet.split('<img class="logo"')).toHaveLength(3);
    expect(packet).toContain('img-src data:');
    // Without a logo, no picture is allowed at all.
    expect(renderFormHtml(JaneDoeForm, { copy: false })).not.toContain('img-src');
    expect(renderFormPacketHtml([JaneDoeForm], { copy: false })).not.toContain('img-src');
    // Markup can never ride in as a logo.
    expect(FormPrintDataSchema.safeParse({ ...ScriptNameForm, logo: { version: 1, png: `${png}"><script>alert(1)</script>` } }).success).toBe(false);
  });

  it('a signed form names the logo version it was signed under', () => {
    const form = FormPrintDataSchema.parse({ ...JaneDoeForm, patientId: JaneDoe.id, logo: { version: 2, png: logoPng() } });
    const signature = { png: logoPng(240, 60), signerName: 'Jane Doe', relationship: '', signedAt: '2026-12-09T14:10:00.000Z', witness: 'Dana Reyes' };
    const data = SignedFormDataSchema.parse({ form, signature, version: 1 });
    expect(visibleText(renderFormHtml(data.form, { copy: false, signed: { signature: data.signature, version: 1 } }))).toContain('witnessed by Dana Reyes · Form wording version 1 · Logo version 2');
    expect(visibleText(renderFormHtml({ ...data.form, logo: null }, { copy: false, signed: { signature: data.signature, version: 1 } }))).not.toContain('Logo version');
  });
});

describe('saving the forms’ logo', () => {
  let db: ClinicDatabase;
  let roles: Role[];
  let n = 0;
  beforeEach(async () => {
    db = await openClinicDatabase({ name: `logo${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    roles = ['manager'];
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps each save as the next version; the desk prints, signs and prints blank forms with the newest; the audit log has its size, not the picture', async () => {
    const sent: { channel: string; request: unknown }[] = [];
    const result = { document: { id: 'doc-1', kind: 'form', title: 'Form', createdAt: '2026-12-09T14:10:00.000Z', fileName: 'form.pdf', copies: 0 }, sentToPrinter: false, printerMessage: 'Saved as PDF' };
    const kept = (channel: string) => async (request: unknown) => (sent.push({ channel, request }), { ...result, pdf: 'JVBERi0=' }) as never;
    const client = testClient('T1', { 'print:form': kept('print:form'), 'print:formPacket': kept('print:formPacket'), 'print:signedForm': kept('print:signedForm'), 'print:formPreview': async (request: unknown) => (sent.push({ channel: 'print:formPreview', request }), { html: '<p>form</p>' }) });
    const d = openTestDesk(db, { roles: () => roles, client });
    const first = logoPng(600, 150);
    const second = logoPng(400, 120);

    roles = ['front-desk'];
    await expect(d.catalog.saveFormLogo(first)).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['manager'];
    await expect(d.catalog.saveFormLogo('')).rejects.toThrow('The forms have no logo to take off.');
    await expect(d.catalog.saveFormLogo(logoPng(8, 8))).rejects.toThrow('The logo is too small (8 × 8 pixels)');
    const v1 = await d.catalog.saveFormLogo(first);
    expect(v1).toMatchObject({ kind: 'form-logo', logoVersion: 1, name: 'Forms logo, version 1', png: first });
    await expect(d.catalog.saveFormLogo(first)).rejects.toThrow('That logo is version 1 already.');
    const v2 = await d.catalog.saveFormLogo(second);
    expect(v2.logoVersion).toBe(2);

    await db.patients.insert(JaneDoe);
    const patient = (await d.patients.get(JaneDoe.id))!;
    await d.formPrints.print('consent-to-treat', patient, null);
    await d.formPrints.printBlank('intake');
    expect(sent.map((s) => s.request)).toEqual([expect.objectContaining({ logo: { version: 2, png: second } }), expect.objectContaining({ blank: true, logo: { version: 2, png: second } })]);
    const form = FormPrintDataSchema.parse(sent[0]!.request);
    sent.length = 0;
    await d.formPrints.sign(form, { png: logoPng(240, 60), signerName: 'Jane Doe', relationship: '' });
    expect(sent[0]).toMatchObject({ channel: 'print:signedForm', request: { form: { logo: { version: 2 } }, version: 1 } });
    await d.formPrints.printPacket(['consent-to-treat', 'intake'], patient, null);
    expect(sent[1]).toMatchObject({ channel: 'print:formPacket', request: { forms: [{ logo: { version: 2 } }, { logo: { version: 2 } }] } });
    sent.length = 0;

    const off = await d.catalog.saveFormLogo('');
    expect(off).toMatchObject({ logoVersion: 3, png: '', name: 'Forms logo, version 3 (none)' });
    await d.formPrints.print('consent-to-treat', patient, null);
    expect(sent[0]!.request).toMatchObject({ logo: null });
    // The preview shows a logo not saved yet, without saving it.
    await d.formPrints.previewWording('consent-to-treat', null, { version: 4, png: first });
    expect(sent[1]).toMatchObject({ channel: 'print:formPreview', request: { logo: { version: 4, png: first } } });
    expect((await db.catalog.find({ selector: { kind: 'form-logo' } }).exec()).map((e) => e.get('logoVersion')).sort()).toEqual([1, 2, 3]);

    await d.log.flush();
    const audit = (await db.audit.find().exec()).map((e) => e.toJSON());
    const saves = audit.filter((e) => [v1.id, v2.id, off.id].some((id) => e.subject === `catalog/${id}`));
    expect(saves).toHaveLength(3);
    const written = JSON.stringify(saves);
    expect(written).not.toContain(first.slice(0, 40));
    expect(written).toContain('PNG 600 × 150 px');
    expect(written).toContain('no logo');
    const prints = audit.filter((e) => e.action === 'print').map((e) => visibleText(String(e.detail ?? '')));
    expect(prints).toEqual(expect.arrayContaining([expect.stringContaining('Consent to treat (logo version 2)'), expect.stringContaining('signed on screen by Jane Doe, witnessed by Morgan Lee; wording version 1, logo version 2'), expect.stringContaining('Consent to treat, Patient intake as one packet (logo version 2)')]));
  });
});

describe.skipIf(!existsSync(CHROMIUM))('a printed form with the logo (Chromium)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'clinicdesk-logo-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('draws the logo at the top left, beside the clinic’s name, at a printed size, on the form and its signed copy', async () => {
    const renderer = createChromiumPdfRenderer({ executablePath: CHROMIUM });
    try {
      let n = 0;
      const service = createPrintService({ dir, pdf: renderer, printer: null, getReceiptPrinter: () => null, now: () => new Date('2026-12-09T14:10:00.000Z'), newId: () => `doc-${++n}` });
      const logo = { version: 2, png: logoPng(600, 150) };
      const printed = await service.printForm({ ...JaneDoeForm, logo });
      const file = path.join(dir, printed.document.fileName);
      const pdf = await readPdf(file, { pngInto: dir, dpi: 50 });
      expect(pdf.pages).toBe(1);
      expect(pdf.text).toContain('Maple Street Family Clinic');
      const { stdout: images } = await run('pdfimages', ['-list', file]);
      expect(images).toMatch(/\n\s*1\s+\d+\s+image\s+600\s+150\s/);

      // On the page (letter at 50 dpi: 425 × 550), the dark red is in the top-left corner, inside the margin, and nowhere else.
      const page = PNG.sync.read(await readFile(path.join(dir, `${path.basename(file, '.pdf')}-1.png`)));
      const red: [number, number][] = [];
      for (let y = 0; y < page.height; y++) {
        for (let x = 0; x < page.width; x++) {
          const i = (y * page.width + x) * 4;
          if (page.data[i]! > 120 && page.data[i + 1]! < 60 && page.data[i + 2]! < 60) red.push([x, y]);
        }
      }
      expect(red.length).toBeGreaterThan(50);
      const xs = red.map(([x]) => x);
      const ys = red.map(([, y]) => y);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(20); // the 12.7 mm margin is 25 px at 50 dpi
      expect(Math.max(...xs)).toBeLessThan(page.width / 3);
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...ys)).toBeLessThan(70); // within the header: at most 16 mm tall (about 31 px)

      const signed = await service.keepSignedForm({ form: { ...JaneDoeForm, patientId: JaneDoe.id, logo }, signature: { png: logoPng(240, 60), signerName: 'Jane Doe', relationship: '', signedAt: '2026-12-09T14:10:00.000Z', witness: 'Dana Reyes' }, version: 1 });
      const signedPdf = await readPdf(path.join(dir, signed.document.fileName));
      expect(signedPdf.text).toContain('Form wording version 1 · Logo version 2');

      // The visit summary the patient takes home carries it too; one so long it needs the dense type
      // leaves it off, and still fits one page.
      for (const [summary, pictures] of [[JaneDoeVisitSummary, 1], [LongestVisitSummary, 0]] as const) {
        const kept = await service.printVisitSummary({ ...summary, logo });
        const file = path.join(dir, kept.document.fileName);
        expect((await readPdf(file, { pngInto: process.env['LOGO_PNG'], dpi: 70 })).pages).toBe(1);
        // Its pictures (a picture's transparency is a mask of it, listed as "smask").
        expect((await run('pdfimages', ['-list', file])).stdout.trim().split('\n').slice(2).filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l))).toHaveLength(pictures);
      }
      expect(renderVisitSummaryHtml(VisitSummaryDataSchema.parse({ ...JaneDoeVisitSummary, logo }), { copy: false })).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
      expect(renderVisitSummaryHtml(JaneDoeVisitSummary, { copy: false })).not.toContain('img-src');

      // The logo takes no page of its own: each form keeps its pages, filled in and blank.
      for (const form of ['intake', 'release-of-information', 'hipaa-notice'] as const) {
        const filled = await service.printForm({ ...JaneDoeForm, form, logo });
        expect((await readPdf(path.join(dir, filled.document.fileName))).pages).toBe(form === 'intake' ? 2 : 1);
        const blank = await service.printForm({ ...JaneDoeForm, form, logo, blank: true, patientId: undefined, patient: { name: '', preferredName: '', birthDate: '', mrn: '', sex: '', address: '', phones: [], email: '', language: '', emergencyContact: '', guarantor: '' }, insurance: null });
        expect((await readPdf(path.join(dir, blank.document.fileName))).pages).toBe(form === 'intake' ? 2 : 1);
      }
    } finally {
      await renderer.close();
    }
  });
});
