import { formatCents } from '../../../shared/domain/money';
import { pageRule } from './page';
import type { DocumentPaper } from '../../../shared/print/paper';
import { formatTimeInZone } from '../../../shared/domain/time';
import type { DaySheetData } from '../../../shared/print/daySheet';
import { documentHead, html, type SafeHtml } from '../html';

export const DAY_SHEET_COPY_MARKER = 'COPY — REPRINT';

const METHOD: Record<DaySheetData['payments'][number]['method'], string> = { cash: 'Cash', check: 'Check', card: 'Card', other: 'Other' };

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; letter-spacing: 0.5pt; }
header { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; }
header .name { font-weight: bold; font-size: 12pt; }
header .right { text-align: right; }
h1 { font-size: 15pt; margin: 3mm 0 1mm; }
h2 { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.6pt; margin: 4mm 0 1mm; padding: 0.6mm 1.5mm; background: #e8e8e8; border-top: 1pt solid #000; break-after: avoid; }
.figures { display: flex; gap: 3mm; margin-top: 2mm; }
.figures div { flex: 1; border: 0.8pt solid #000; padding: 1.5mm 2mm; }
.figures .caption { font-size: 6.5pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; }
.figures .value { font-size: 12pt; font-weight: bold; font-variant-numeric: tabular-nums; }
.figures .net { background: #f0f0f0; border-width: 1.5pt; }
table { width: 100%; border-collapse: collapse; }
th { font-size: 6.5pt; text-transform: uppercase; letter-spacing: 0.3pt; color: #444; font-weight: normal; text-align: left; padding: 0.6mm 2mm 0.5mm 0; border-bottom: 0.8pt solid #000; }
td { padding: 0.7mm 2mm 0.7mm 0; border-bottom: 0.3pt solid #ccc; vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
th.n, td.n { text-align: right; padding-right: 0; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.n + th, td.n + td { padding-left: 4mm; }
tfoot td { font-weight: bold; border-top: 1pt solid #000; border-bottom: 0; }
tr.voided td { text-decoration: line-through; color: #555; }
tr.voided td.mark { text-decoration: none; }
.check { margin-top: 1mm; font-size: 7.5pt; }
.empty { font-style: italic; color: #444; margin: 1mm 1.5mm; }
.slip { break-before: page; }
.slip .total { font-size: 13pt; }
.signatures { display: flex; gap: 10mm; margin-top: 14mm; }
.signatures div { flex: 1; border-top: 0.8pt solid #000; padding-top: 1mm; font-size: 7.5pt; }
footer { margin-top: 4mm; border-top: 0.5pt solid #666; padding-top: 1mm; font-size: 7pt; color: #333; display: flex; justify-content: space-between; }
`;

function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function daySheetTitle(data: DaySheetData): string {
  return `Day sheet — ${longDate(data.date)}`;
}

const money = (cents: number) => formatCents(cents);

function list<T>(rows: readonly T[], empty: string, head: SafeHtml, row: (r: T) => SafeHtml, foot?: SafeHtml): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table><thead>${head}</thead><tbody>${rows.map(row)}</tbody>${foot ? html`<tfoot>${foot}</tfoot>` : null}</table>`;
}

/**
 * The day sheet on letter paper: the day's figures, payments by tender (with the check that the
 * tenders add up to the payments), by workstation with each drawer's count, by provider, every
 * payment, charge, refund, adjustment and void, and the deposit slip on a page of its own. Every
 * value is escaped; a reprint is marked as a copy.
 */
export function renderDaySheetHtml(data: DaySheetData, options: { copy: boolean; paper?: DocumentPaper }): string {
  const time = (at: string) => formatTimeInZone(at, data.timeZone);
  const { totals } = data;
  const tenderSum = totals.paid.cash + totals.paid.check + totals.paid.card + totals.paid.other;
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(data.printedAt));
  const title = `${options.copy ? `${DAY_SHEET_COPY_MARKER} — ` : ''}${daySheetTitle(data)}`;
  const top = html`<header><div><p class="name">${data.clinic.name}</p>${data.clinic.address && html`<p>${data.clinic.address}</p>`}${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}</div><div class="right"><p>Printed ${printed}</p><p>by ${data.printedBy}</p></div></header>`;

  return html`<!doctype html>
<html lang="en">
${documentHead(title, `${pageRule(options.paper ?? 'letter')}${STYLE}`)}
<body>
${options.copy && html`<p class="copy">${DAY_SHEET_COPY_MARKER}</p>`}
${top}
<h1>Day sheet · ${longDate(data.date)}</h1>
<div class="figures">
  <div><p class="caption">Charges</p><p class="value">${money(totals.chargedCents)}</p></div>
  <div><p class="caption">Adjustments</p><p class="value">${money(totals.adjustedCents)}</p></div>
  <div><p class="caption">Payments</p><p class="value">${money(totals.paidCents)}</p></div>
  <div><p class="caption">Refunds</p><p class="value">${money(totals.refundedCents)}</p></div>
  <div class="net"><p class="caption">Net received</p><p class="value">${money(totals.netCents)}</p></div>
</div>

<h2>Payments by tender</h2>
<table><thead><tr><th>Cash</th><th>Check</th><th>Card</th><th>Other</th><th class="n">Total</th></tr></thead>
<tbody><tr><td>${money(totals.paid.cash)}</td><td>${money(totals.paid.check)}</td><td>${money(totals.paid.card)}</td><td>${money(totals.paid.other)}</td><td class="n"><b>${money(totals.paidCents)}</b></td></tr></tbody></table>
<p class="check">${tenderSum === totals.paidCents ? `Tenders add up to the payments: ${money(tenderSum)}.` : `Tenders (${money(tenderSum)}) do not add up to the payments (${money(totals.paidCents)}).`} Voided payments are struck through below and left out of every total.</p>

<h2>By workstation</h2>
${list(
  data.byWorkstation,
  'No payments were taken.',
  html`<tr><th>Workstation</th><th>Site</th><th class="n">Cash</th><th class="n">Check</th><th class="n">Card</th><th class="n">Other</th><th class="n">Refunded</th><th>Drawer</th></tr>`,
  (w) => html`<tr><td>${w.workstation}</td><td>${w.site}</td><td class="n">${money(w.tenders.cash)}</td><td class="n">${money(w.tenders.check)}</td><td class="n">${money(w.tenders.card)}</td><td class="n">${money(w.tenders.other)}</td><td class="n">${money(w.refundedCents)}</td><td>${w.drawer}</td></tr>`,
)}

<h2>By provider</h2>
${list(
  data.byProvider,
  'No charges were posted.',
  html`<tr><th>Provider</th><th class="n">Charges</th><th class="n">Adjustments</th></tr>`,
  (p) => html`<tr><td>${p.provider}</td><td class="n">${money(p.chargedCents)}</td><td class="n">${money(p.adjustedCents)}</td></tr>`,
)}

<h2>Payments (${data.payments.length})</h2>
${list(
  data.payments,
  'No payments.',
  html`<tr><th>Time</th><th>Receipt</th><th>Patient</th><th>Tender</th><th>Workstation</th><th class="n">Amount</th></tr>`,
  (p) => html`<tr class="${p.voided ? 'voided' : ''}"><td>${time(p.at)}</td><td>${p.receiptNumber}</td><td>${p.patient}</td><td>${METHOD[p.method]}${p.reference && html` ${p.reference}`}</td><td>${p.workstation}</td><td class="n">${money(p.amountCents)}</td></tr>`,
  html`<tr><td colspan="5">Payments (voided left out)</td><td class="n">${money(totals.paidCents)}</td></tr>`,
)}

<h2>Charges (${data.charges.length})</h2>
${list(
  data.charges,
  'No charges.',
  html`<tr><th>Time</th><th>Patient</th><th>Charge</th><th>Provider</th><th class="n">Amount</th></tr>`,
  (c) => html`<tr class="${c.voided ? 'voided' : ''}"><td>${time(c.at)}</td><td>${c.patient}</td><td>${c.description}</td><td>${c.provider}</td><td class="n">${money(c.amountCents)}</td></tr>`,
  html`<tr><td colspan="4">Charges (voided left out)</td><td class="n">${money(totals.chargedCents)}</td></tr>`,
)}

<h2>Refunds (${data.refunds.length})</h2>
${list(
  data.refunds,
  'No refunds.',
  html`<tr><th>Time</th><th>Patient</th><th>Of receipt</th><th>Given back by</th><th>Why</th><th class="n">Amount</th></tr>`,
  (r) => html`<tr><td>${time(r.at)}</td><td>${r.patient}</td><td>${r.of}</td><td>${METHOD[r.method]}</td><td>${r.note}</td><td class="n">${money(r.amountCents)}</td></tr>`,
)}

<h2>Adjustments (${data.adjustments.length})</h2>
${list(
  data.adjustments,
  'No adjustments.',
  html`<tr><th>Time</th><th>Patient</th><th>Reason</th><th>Note</th><th class="n">Amount</th></tr>`,
  (a) => html`<tr class="${a.voided ? 'voided' : ''}"><td>${time(a.at)}</td><td>${a.patient}</td><td>${a.reason}</td><td>${a.note}</td><td class="n">${money(a.amountCents)}</td></tr>`,
)}

<h2>Voids (${data.voids.length})</h2>
${list(
  data.voids,
  'No voids.',
  html`<tr><th>Time</th><th>Patient</th><th>Voided</th><th>Why</th><th class="n">Amount</th></tr>`,
  (v) => html`<tr><td>${time(v.at)}</td><td>${v.patient}</td><td>${v.what}</td><td>${v.note}</td><td class="n">${money(v.amountCents)}</td></tr>`,
)}
<footer><span>${data.clinic.name} · day sheet of ${data.date}</span><span>Printed ${printed}</span></footer>

<section class="slip">
${top}
<h1>Deposit slip · ${longDate(data.date)}</h1>
<h2>Checks (${data.deposit.checks.length})</h2>
${list(
  data.deposit.checks,
  'No checks to deposit.',
  html`<tr><th>Check number</th><th>From</th><th class="n">Amount</th></tr>`,
  (c) => html`<tr><td>${c.number}</td><td>${c.patient}</td><td class="n">${money(c.amountCents)}</td></tr>`,
  html`<tr><td colspan="2">Checks</td><td class="n">${money(data.deposit.checksCents)}</td></tr>`,
)}
<h2>Cash</h2>
<table><tbody><tr><td>${data.deposit.cashFrom}</td><td class="n">${money(data.deposit.cashCents)}</td></tr></tbody>
<tfoot><tr class="total"><td>Total deposit</td><td class="n">${money(data.deposit.cashCents + data.deposit.checksCents)}</td></tr></tfoot></table>
<div class="signatures"><div>Prepared by</div><div>Verified by</div><div>Date deposited</div></div>
</section>
</body>
</html>
`.markup;
}
