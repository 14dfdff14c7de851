import type { ReceiptData } from '../../../shared/print/receipt';
import { PAYMENT_METHOD_LABEL } from '../../../shared/payments/ledger';
import { formatCents } from '../../../shared/domain/money';
import { isRealDate } from '../../../shared/domain/time';
import { documentHead, html, raw } from '../html';
import type { PageSpec } from '../pdf';

/** 80 mm roll paper; the length follows the content. */
export const RECEIPT_PAGE: PageSpec = { widthMm: 80, marginMm: 4 };

/** Printed on reprints so a copy cannot be passed off as a second original payment. */
export const COPY_MARKER = 'COPY — REPRINT';

const CONTENT_WIDTH_MM = RECEIPT_PAGE.widthMm - 2 * (RECEIPT_PAGE.marginMm ?? 0);

// `@page` deliberately has no `size`: CSS cannot say "as long as the content" (`80mm auto` is
// not valid), and a fixed CSS size would fight the measured page size the renderer passes.
// The body gets the printable width explicitly so that the layout measured on screen is the
// layout that prints.
const STYLE = `
@page { margin: ${RECEIPT_PAGE.marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body {
  display: flow-root;
  width: ${CONTENT_WIDTH_MM}mm;
  font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, "Courier New", monospace;
  font-size: 9pt;
  line-height: 1.35;
  font-variant-numeric: tabular-nums;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
p { margin: 0; }
.copy {
  border: 1.5pt solid #000;
  padding: 1mm 0;
  margin-bottom: 3mm;
  text-align: center;
  font-weight: bold;
  font-size: 11pt;
  letter-spacing: 0.5pt;
}
.clinic { text-align: center; }
.clinic .name { font-size: 12pt; font-weight: bold; line-height: 1.2; }
.title { text-align: center; margin-top: 3mm; }
.title .label { font-size: 12pt; font-weight: bold; letter-spacing: 2pt; }
hr { border: 0; border-top: 1pt dashed #000; margin: 2.5mm 0; }
.row { display: flex; justify-content: space-between; gap: 2mm; }
.row > :first-child { flex: none; }
.row > .value { min-width: 0; text-align: right; }
table { width: 100%; border-collapse: collapse; }
td { padding: 0.6mm 0; vertical-align: top; }
td.amount { text-align: right; white-space: nowrap; padding-left: 2mm; }
td.description { overflow-wrap: anywhere; }
.total td { font-weight: bold; font-size: 11pt; border-top: 1pt solid #000; padding-top: 1.5mm; }
.footer { text-align: center; margin-top: 4mm; }
.footer .thanks { font-weight: bold; }
.name, .value, .description { overflow-wrap: anywhere; }
`;

/**
 * Renders a payment receipt as a complete, self-contained HTML document for 80 mm thermal
 * paper. Every value from `data` is escaped; a reprint (`copy: true`) is marked
 * "COPY — REPRINT" at the top and in the title so it cannot pass for an original.
 */
export function renderReceiptHtml(data: ReceiptData, options: { copy: boolean }): string {
  const title = `${options.copy ? `${COPY_MARKER} — ` : ''}Receipt ${data.receiptNumber}`;
  const lines = data.lines.map(
    (line) => html`<tr>
        <td class="description">${line.description}</td>
        <td class="amount">${formatCents(line.amountCents)}</td>
      </tr>`,
  );
  const birthDate = formatBirthDate(data.patient.birthDate);

  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${options.copy && html`<p class="copy">${COPY_MARKER}</p>`}
<header class="clinic">
  <p class="name">${data.clinic.name}</p>
  ${data.clinic.address && html`<p>${data.clinic.address}</p>`}
  ${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}
  ${data.clinic.npi && html`<p>NPI ${data.clinic.npi}</p>`}
  ${data.clinic.taxId && html`<p>Tax ID ${data.clinic.taxId}</p>`}
</header>
<section class="title">
  <p class="label">RECEIPT</p>
  <p class="number">No. ${data.receiptNumber}</p>
  <p class="issued">${formatIssuedAt(data.issuedAt, data.timeZone)}</p>
</section>
<hr>
<section class="patient">
  <div class="row"><span>Patient</span><span class="value">${data.patient.name}</span></div>
  ${birthDate && html`<div class="row"><span>DOB</span><span class="value">${birthDate}</span></div>`}
</section>
<hr>
<table class="lines">
  <tbody>
    ${lines}
  </tbody>
  <tfoot>
    <tr class="total"><td>TOTAL</td><td class="amount">${formatCents(data.totalCents)}</td></tr>
  </tfoot>
</table>
<hr>
<section class="payment">
  ${
    data.tenders && data.tenders.length > 1
      ? data.tenders.map(
          (t) =>
            html`<div class="row"><span>${describePayment(t)}</span><span class="value">${formatCents(t.amountCents)}</span></div>${t.method === 'card' && t.authCode && html`<div class="row"><span>Authorization</span><span class="value">${t.authCode}</span></div>`}${t.method === 'cash' && t.tenderedCents > t.amountCents && html`<div class="row"><span>Cash tendered</span><span class="value">${formatCents(t.tenderedCents)}</span></div><div class="row"><span>Change</span><span class="value">${formatCents(t.tenderedCents - t.amountCents)}</span></div>`}`,
        )
      : html`<div class="row"><span>Paid by</span><span class="value">${describePayment(data)}</span></div>
  ${data.method === 'card' && data.authCode && html`<div class="row"><span>Authorization</span><span class="value">${data.authCode}</span></div>`}
  ${data.method === 'cash' && data.tenderedCents > data.totalCents && html`<div class="row"><span>Cash tendered</span><span class="value">${formatCents(data.tenderedCents)}</span></div><div class="row"><span>Change</span><span class="value">${formatCents(data.tenderedCents - data.totalCents)}</span></div>`}`
  }
  ${data.balanceCents !== undefined && html`<div class="row"><span>${data.balanceCents < 0 ? 'Credit on account' : 'Balance due'}</span><span class="value">${formatCents(Math.abs(data.balanceCents))}</span></div>`}
  <div class="row"><span>Cashier</span><span class="value">${data.cashier}</span></div>
</section>
<footer class="footer">
  <p class="thanks">Thank you</p>
  ${options.copy && html`<p>${COPY_MARKER}</p>`}
</footer>
</body>
</html>
`.markup;
}

/** A4 paper, for a receipt printed on the office printer outside the US. */
export const A4_PAGE: PageSpec = { widthMm: 210, heightMm: 297, marginMm: 14 };

const SHEET_STYLE = (size: 'letter' | 'A4', marginMm: number) => `
@page { size: ${size}; margin: ${marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; letter-spacing: 0.5pt; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm; }
header .clinic { font-size: 9pt; min-width: 0; }
header .clinic .name { font-weight: bold; font-size: 13pt; line-height: 1.2; margin-bottom: 0.8mm; }
header .box { flex: 0 0 82mm; border: 1.5pt solid #000; }
header .box h1 { margin: 0; padding: 1.2mm 3mm; background: #000; color: #fff; font-size: 11pt; letter-spacing: 0.6pt; text-transform: uppercase; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.8mm 4mm; padding: 2mm 3mm 2.4mm; }
.facts .caption, .who .caption { font-size: 7.5pt; color: #333; }
.facts .caption { white-space: nowrap; }
.facts .value { text-align: right; font-weight: bold; font-variant-numeric: tabular-nums; white-space: nowrap; }
.who { margin-top: 6mm; }
.who .name { font-weight: bold; font-size: 11pt; }
table { width: 100%; border-collapse: collapse; margin-top: 5mm; }
th { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; font-weight: normal; text-align: left; padding: 0.8mm 2mm 0.6mm 0; border-bottom: 0.8pt solid #000; }
td { padding: 1.2mm 2mm 1.2mm 0; border-bottom: 0.4pt solid #bbb; vertical-align: top; overflow-wrap: anywhere; }
th.n, td.n { text-align: right; padding-right: 0; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; font-size: 11pt; border-top: 1pt solid #000; border-bottom: 0; }
.bottom { display: flex; gap: 10mm; margin-top: 5mm; align-items: flex-start; }
.bottom .paid { flex: 1; }
.bottom .account { flex: 0 0 70mm; border: 1pt solid #000; padding: 2mm 3mm; }
.row { display: flex; justify-content: space-between; gap: 4mm; padding: 0.5mm 0; }
.row .value { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.account .row.strong { font-weight: bold; font-size: 11pt; }
.thanks { margin-top: 7mm; font-weight: bold; }
footer { margin-top: 6mm; border-top: 0.5pt solid #666; padding-top: 1mm; font-size: 7.5pt; color: #333; display: flex; justify-content: space-between; gap: 6mm; }
.name, .value, td { overflow-wrap: anywhere; }
`;

/**
 * The same receipt on letter or A4 paper, for a desk that prints receipts on its office printer:
 * the clinic with its NPI and tax id, the receipt's number and date, who paid, what for, each
 * tender with the cash handed over and the change, what the account owes after it, the cashier.
 * Every value is escaped; a reprint is marked as a copy.
 */
export function renderReceiptSheetHtml(data: ReceiptData, options: { copy: boolean; paper: 'letter' | 'a4' }): string {
  const title = `${options.copy ? `${COPY_MARKER} — ` : ''}Receipt ${data.receiptNumber}`;
  const page = options.paper === 'a4' ? { size: 'A4' as const, margin: A4_PAGE.marginMm! } : { size: 'letter' as const, margin: 12.7 };
  const tenders = data.tenders && data.tenders.length > 0 ? data.tenders : [{ method: data.method, reference: data.reference, amountCents: data.totalCents, tenderedCents: data.tenderedCents, authCode: data.authCode }];
  const ids = [data.clinic.npi && `NPI ${data.clinic.npi}`, data.clinic.taxId && `Tax ID ${data.clinic.taxId}`].filter(Boolean).join(' · ');
  const birthDate = formatBirthDate(data.patient.birthDate);
  return html`<!doctype html>
<html lang="en">
${documentHead(title, SHEET_STYLE(page.size, page.margin))}
<body>
${options.copy && html`<p class="copy">${COPY_MARKER}</p>`}
<header>
  <div class="clinic"><p class="name">${data.clinic.name}</p>${data.clinic.address && html`<p>${data.clinic.address}</p>`}${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}${ids && html`<p>${ids}</p>`}</div>
  <div class="box">
    <h1>Receipt</h1>
    <div class="facts">
      <p class="caption">Receipt no.</p><p class="value">${data.receiptNumber}</p>
      <p class="caption">Date</p><p class="value">${formatIssuedAt(data.issuedAt, data.timeZone)}</p>
      <p class="caption">Amount paid</p><p class="value">${formatCents(data.totalCents)}</p>
    </div>
  </div>
</header>
<div class="who"><p class="caption">Received from</p><p class="name">${data.patient.name}</p>${birthDate && html`<p>Date of birth ${birthDate}</p>`}</div>
<table>
  <thead><tr><th>For</th><th class="n">Amount</th></tr></thead>
  <tbody>${data.lines.map((l) => html`<tr><td>${l.description}</td><td class="n">${formatCents(l.amountCents)}</td></tr>`)}</tbody>
  <tfoot><tr class="total"><td>Total paid</td><td class="n">${formatCents(data.totalCents)}</td></tr></tfoot>
</table>
<div class="bottom">
  <div class="paid">
    ${tenders.map(
      (t) => html`<div class="row"><span>${describePayment(t)}</span><span class="value">${formatCents(t.amountCents)}</span></div>
    ${t.method === 'card' && t.authCode && html`<div class="row"><span>Authorization</span><span class="value">${t.authCode}</span></div>`}
    ${t.method === 'cash' && t.tenderedCents > t.amountCents && html`<div class="row"><span>Cash tendered</span><span class="value">${formatCents(t.tenderedCents)}</span></div><div class="row"><span>Change given</span><span class="value">${formatCents(t.tenderedCents - t.amountCents)}</span></div>`}`,
    )}
    <div class="row"><span>Cashier</span><span class="value">${data.cashier}</span></div>
  </div>
  ${
    data.balanceCents !== undefined &&
    html`<div class="account"><div class="row strong"><span>${data.balanceCents < 0 ? 'Credit on account' : 'Balance due'}</span><span class="value">${formatCents(Math.abs(data.balanceCents))}</span></div><p>${data.balanceCents > 0 ? 'after this payment' : data.balanceCents < 0 ? 'to use on a later visit' : 'Nothing is owed after this payment.'}</p></div>`
  }
</div>
<p class="thanks">Thank you.</p>
<footer><span>${data.clinic.name}${data.clinic.phone ? ` · ${data.clinic.phone}` : ''}</span><span>Receipt ${data.receiptNumber}${options.copy ? ` · ${COPY_MARKER}` : ''}</span></footer>
</body>
</html>
`.markup;
}

/** E.g. "Nov 22, 2026, 8:30 PM CST", in the clinic's zone rather than the workstation's. */
function formatIssuedAt(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** `YYYY-MM-DD` as US `MM/DD/YYYY`; anything else is shown as it was entered. */
function formatBirthDate(value: string): string {
  if (!isRealDate(value)) return value.trim();
  const [year, month, day] = value.split('-');
  return `${month}/${day}/${year}`;
}

/** The method with its reference; a card shows only its last four digits even if more was typed. */
function describePayment(data: Pick<ReceiptData, 'method' | 'reference'>): string {
  const label = PAYMENT_METHOD_LABEL[data.method];
  const reference = data.reference.trim();
  switch (data.method) {
    case 'card': {
      const digits = reference.replace(/\D/g, '');
      return digits.length >= 4 ? `${label} ending ${digits.slice(-4)}` : label;
    }
    case 'check':
      return reference ? `${label} #${reference.replace(/^#\s*/, '')}` : label;
    case 'cash':
      return label;
    case 'other':
      return reference ? `${label}: ${reference}` : label;
  }
}
