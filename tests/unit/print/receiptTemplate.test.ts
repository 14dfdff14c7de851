import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../../src/main/print/html';
import { COPY_MARKER, renderReceiptHtml } from '../../../src/main/print/templates/receipt';
import { JaneDoeCopayReceipt, ScriptNameReceipt } from '../../fixtures/receipts';
import { ReceiptDataSchema } from '../../../src/shared/print/receipt';
import { visibleText } from '../../support/printing';


describe('html', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('escapes interpolations, but not raw() or nested html fragments', () => {
    const name = '<b>x</b>';
    const items = ['a&b', html`<i>${'<c>'}</i>`];
    expect(html`<p>${name}</p>${raw('<hr>')}${items}${null}${false}${undefined}${3}`.markup).toBe(
      '<p>&lt;b&gt;x&lt;/b&gt;</p><hr>a&amp;b<i>&lt;c&gt;</i>3',
    );
  });

  it('escapes objects that only look like trusted markup', () => {
    const forged = JSON.parse('{"markup":"<script>x</script>"}') as ReturnType<typeof raw>;
    expect(html`${forged}`.markup).not.toContain('<script>');
  });
});

describe('renderReceiptHtml', () => {
  it('produces a complete document with a strict CSP and 80 mm print CSS', () => {
    const out = renderReceiptHtml(JaneDoeCopayReceipt, { copy: false });
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(out).toMatch(/@page \{ margin: 4mm; \}/);
    expect(out).toContain('width: 72mm');
    expect(out).toContain('monospace');
    expect(out).toContain('<title>Receipt N2-000145</title>');
  });

  it('shows clinic, number, patient, lines, total, method, cashier and the thank-you', () => {
    const text = visibleText(renderReceiptHtml(JaneDoeCopayReceipt, { copy: false }));
    for (const expected of [
      'Maple Street Family Clinic',
      '1200 Maple St, Suite 4, Springfield, IL 62704',
      '(217) 555-0142',
      'RECEIPT',
      'No. N2-000145',
      'Patient Doe, Jane',
      'DOB 03/07/1984',
      'Office visit copay $25.00',
      'TOTAL $25.00',
      'Paid by Card ending 4242',
      'Cashier Maria Lopez',
      'Thank you',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the clinic’s NPI and tax id when it has them', () => {
    const text = visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, clinic: { ...JaneDoeCopayReceipt.clinic, npi: '1234567893', taxId: '12-3456789' } }, { copy: false }));
    expect(text).toContain('(217) 555-0142 NPI 1234567893 Tax ID 12-3456789 RECEIPT');
    expect(visibleText(renderReceiptHtml(JaneDoeCopayReceipt, { copy: false }))).not.toContain('NPI');
  });

  it('dates the receipt in the clinic time zone, not UTC', () => {
    // 02:30 UTC on Nov 23 is 8:30 PM on Nov 22 in Chicago.
    const text = visibleText(renderReceiptHtml(JaneDoeCopayReceipt, { copy: false }));
    expect(text).toContain('Nov 22, 2026, 8:30 PM CST');
    expect(text).not.toContain('Nov 23');
  });

  it('shows a hostile patient name as text and never as markup', () => {
    const out = renderReceiptHtml(ScriptNameReceipt, { copy: false });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<b>level 3</b>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co');
    const text = visibleText(out);
    expect(text).toContain(`Patient <script>alert("x")</script> O'Brien & Co`);
    expect(text).toContain('New patient visit <b>level 3</b> $120.00');
    expect(text).toContain('Cashier Sam "Front Desk" Lee');
  });

  it('lists every line with its amount and the total', () => {
    const text = visibleText(renderReceiptHtml(ScriptNameReceipt, { copy: false }));
    expect(text).toContain('Flu vaccine $45.50');
    expect(text).toContain('Previous balance $10.25');
    expect(text).toContain('TOTAL $175.75');
    expect(text).toContain('Paid by Check #1234');
  });

  it('marks a reprint as a copy at the top and in the title, and only a reprint', () => {
    const original = renderReceiptHtml(JaneDoeCopayReceipt, { copy: false });
    const copy = renderReceiptHtml(JaneDoeCopayReceipt, { copy: true });
    expect(original).not.toContain('COPY');
    expect(COPY_MARKER).toBe('COPY — REPRINT');
    expect(copy).toContain(`<title>COPY — REPRINT — Receipt N2-000145</title>`);
    const body = copy.slice(copy.indexOf('<body>'));
    expect(body.indexOf(COPY_MARKER)).toBeLessThan(body.indexOf('Maple Street Family Clinic'));
  });

  it('describes payments without ever printing more than four card digits', () => {
    const text = (method: 'cash' | 'card' | 'check', reference: string) =>
      visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, method, reference }, { copy: false }));
    expect(text('card', '4111 1111 1111 4242')).toContain('Paid by Card ending 4242');
    expect(text('card', '4111 1111 1111 4242')).not.toContain('4111');
    expect(text('card', '')).toContain('Paid by Card Cashier');
    expect(text('check', '#1001')).toContain('Paid by Check #1001');
    expect(text('cash', 'drawer 2')).toContain('Paid by Cash Cashier');
  });

  it('shows the cash handed over and the change, and a card’s authorization code', () => {
    const cash = visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, method: 'cash', reference: '', tenderedCents: 4000 }, { copy: false }));
    expect(cash).toContain('Paid by Cash Cash tendered $40.00 Change $15.00 Cashier');
    // Tendered exactly: no change line.
    expect(visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, method: 'cash', reference: '', tenderedCents: 2500 }, { copy: false }))).not.toContain('Change');
    const card = visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, method: 'card', reference: '4242', authCode: '07Q2KX' }, { copy: false }));
    expect(card).toContain('Paid by Card ending 4242 Authorization 07Q2KX Cashier');
    expect(visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, method: 'other', reference: 'HSA card' }, { copy: false }))).toContain('Paid by Other: HSA card Cashier');
  });

  it('lists each tender of a split payment with its amount, the cash’s change and the card’s authorization, and the balance left', () => {
    const data = ReceiptDataSchema.parse({
      ...JaneDoeCopayReceipt,
      method: 'cash',
      reference: '',
      tenders: [
        { method: 'cash', reference: '', amountCents: 1000, tenderedCents: 2000, authCode: '' },
        { method: 'card', reference: '4242', amountCents: 1500, tenderedCents: 0, authCode: '07Q2KX' },
      ],
      balanceCents: 4000,
    });
    const text = visibleText(renderReceiptHtml(data, { copy: false }));
    expect(text).toContain('Cash $10.00 Cash tendered $20.00 Change $10.00 Card ending 4242 $15.00 Authorization 07Q2KX Balance due $40.00 Cashier');
    expect(text).not.toContain('Paid by');
    expect(visibleText(renderReceiptHtml({ ...JaneDoeCopayReceipt, balanceCents: -500 }, { copy: false }))).toContain('Credit on account $5.00');
    // Tenders that do not add up to the total are refused.
    expect(ReceiptDataSchema.safeParse({ ...data, tenders: [data.tenders![0]] }).success).toBe(false);
  });

  it('leaves out empty clinic details and an empty birth date', () => {
    const data = {
      ...JaneDoeCopayReceipt,
      clinic: { name: 'Solo Clinic', address: '', phone: '' },
      patient: { name: 'Doe, John', birthDate: '' },
    };
    const out = renderReceiptHtml(data, { copy: false });
    expect(out).not.toContain('<p></p>');
    expect(visibleText(out)).not.toContain('DOB');
  });
});
