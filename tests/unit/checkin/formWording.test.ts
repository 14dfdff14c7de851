import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wordingHtml } from '../../../src/main/print/templates/forms';
import { openClinicDatabase, type ClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { PermissionDenied } from '../../../src/renderer/data/workContext';
import type { Role } from '../../../src/shared/auth/permissions';
import { BUILT_IN_WORDING, currentWording, FormWordingSchema, type FormWording } from '../../../src/shared/catalog/formWording';
import { FormPrintDataSchema, SignedFormDataSchema } from '../../../src/shared/print/forms';
import { JaneDoe, TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { JaneDoeForm } from '../../fixtures/forms';
import { openTestDesk, testClient } from '../../support/desk';
import { visibleText } from '../../support/printing';

const stamp = { createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'Morgan Lee', siteId: 'main' };
const version = (id: string, n: number, updatedAt: string, body = `Version ${n} of the consent, at length enough.`): FormWording =>
  FormWordingSchema.parse({ id, kind: 'form-wording', name: `Consent to treat, version ${n}`, form: 'consent-to-treat', wordingVersion: n, body, attestation: 'I consent.', ...stamp, updatedAt });

describe('the forms’ wording', () => {
  it('is the built-in wording (version 1) until a version is saved; then the highest, and of two offices’ same number the later', () => {
    expect(currentWording([], 'consent-to-treat')).toEqual({ id: null, ...BUILT_IN_WORDING['consent-to-treat'] });
    const north = version('0193a000-0000-7000-8000-0000000000a1', 2, '2026-12-02T09:00:00.000Z', 'North office wording, long enough to keep.');
    const south = version('0193a000-0000-7000-8000-0000000000b1', 2, '2026-12-02T11:00:00.000Z', 'South office wording, long enough to keep.');
    expect(currentWording([north, south], 'consent-to-treat')).toMatchObject({ id: south.id, version: 2, body: south.body });
    expect(currentWording([south, north, version('0193a000-0000-7000-8000-0000000000a3', 3, '2026-12-01T08:00:00.000Z')], 'consent-to-treat').version).toBe(3);
    expect(currentWording([north], 'financial-policy')).toMatchObject({ id: null, version: 1 });
  });

  it('is laid out from plain text, and whatever a manager typed stays text', () => {
    const markup = wordingHtml('First <b>paragraph</b> of {clinic}.\n\n- one **bold** item\n- call {phone}\n\n<script>alert(1)</script>', { name: 'A & B <Clinic>', phone: '' }).markup;
    expect(markup).toBe(
      '<p>First &lt;b&gt;paragraph&lt;/b&gt; of A &amp; B &lt;Clinic&gt;.</p><ul><li>one <span class="head">bold</span> item</li><li>call the front desk</li></ul><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('printed with a clinic’s version is signed with that version, and no other', () => {
    const wording = { version: 3, body: 'Our own consent wording, long enough to print.', attestation: 'I agree.' };
    const form = FormPrintDataSchema.parse({ ...JaneDoeForm, patientId: JaneDoe.id, wording });
    const signature = { png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', signerName: 'Jane Doe', relationship: '', signedAt: '2026-12-09T14:10:00.000Z', witness: 'Dana Reyes' };
    expect(SignedFormDataSchema.safeParse({ form, signature, version: 3 }).success).toBe(true);
    expect(SignedFormDataSchema.safeParse({ form, signature, version: 1 }).error?.issues[0]?.message).toBe('The version signed must be the version of the wording printed');
    expect(SignedFormDataSchema.safeParse({ form: { ...form, wording: null }, signature, version: 1 }).success).toBe(true);
  });
});

describe('saving a form’s wording', () => {
  let db: ClinicDatabase;
  let roles: Role[];
  let n = 0;
  beforeEach(async () => {
    db = await openClinicDatabase({ name: `wording${Date.now()}${n++}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    roles = ['manager'];
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps each save as the next version, never changing an earlier one; the desk prints and signs with the newest', async () => {
    const sent: unknown[] = [];
    const client = testClient('T1', { 'print:form': (r) => (sent.push(r), Promise.reject(new Error('not printing in this test'))) });
    const d = openTestDesk(db, { roles: () => roles, client });
    roles = ['front-desk'];
    await expect(d.catalog.saveFormWording({ form: 'consent-to-treat', body: 'A front desk may not change the wording.', attestation: 'I agree.' })).rejects.toBeInstanceOf(PermissionDenied);
    roles = ['manager'];
    const v2 = await d.catalog.saveFormWording({ form: 'consent-to-treat', body: '  Our consent, version two, long enough.  ', attestation: 'I agree to care.' });
    expect(v2).toMatchObject({ wordingVersion: 2, name: 'Consent to treat, version 2', body: 'Our consent, version two, long enough.' });
    await expect(d.catalog.saveFormWording({ form: 'consent-to-treat', body: 'Our consent, version two, long enough.', attestation: 'I agree to care.' })).rejects.toThrow('That is the wording of version 2 already.');
    const v3 = await d.catalog.saveFormWording({ form: 'consent-to-treat', body: 'Our consent, version three, long enough.', attestation: 'I agree to care.' });
    expect(v3.wordingVersion).toBe(3);
    expect((await d.catalog.formWordings()).map((w) => [w.wordingVersion, w.body])).toEqual(
      expect.arrayContaining([
        [2, 'Our consent, version two, long enough.'],
        [3, 'Our consent, version three, long enough.'],
      ]),
    );
    await expect(d.catalog.saveFormWording({ form: 'consent-to-treat', body: 'short', attestation: 'I agree.' })).rejects.toThrow('Write the form’s wording (at least a sentence)');

    await db.patients.insert(JaneDoe);
    const patient = (await d.patients.get(JaneDoe.id))!;
    await expect(d.formPrints.print('consent-to-treat', patient, null)).rejects.toThrow();
    expect(sent[0]).toMatchObject({ form: 'consent-to-treat', wording: { version: 3, body: 'Our consent, version three, long enough.', attestation: 'I agree to care.' } });
    await d.formPrints.print('intake', patient, null).catch(() => undefined);
    expect(sent[1]).toMatchObject({ form: 'intake', wording: null });
    await d.log.flush();
    const audit = (await db.audit.find().exec()).map((e) => e.toJSON()).filter((e) => e.subject === `catalog/${v3.id}`);
    expect(audit).toHaveLength(1);
    expect(visibleText(JSON.stringify(audit[0]!.changes))).toContain('Our consent, version three');
  });
});
