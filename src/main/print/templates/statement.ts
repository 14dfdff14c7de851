import { formatCents } from '../../../shared/domain/money';
import { formatUsDate } from '../../../shared/patients/patient';
import type { StatementData } from '../../../shared/print/statement';
import { documentHead, html } from '../html';
import { LETTER_PAGE } from './schedule';

export const STATEMENT_COPY_MARKER = 'COPY — REPRINT';

const STYLE = `
@page { size: letter; margin: ${LETTER_PAGE.marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; letter-spacing: 0.5pt; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm; }
header .clinic { font-size: 8.5pt; min-width: 0; }
header .clinic .name { font-weight: bold; font-size: 13pt; line-height: 1.2; margin-bottom: 0.8mm; }
header .box { flex: 0 0 74mm; border: 1.5pt solid #000; }
header .box h1 { margin: 0; padding: 1.2mm 3mm; background: #000; color: #fff; font-size: 11pt; letter-spacing: 0.6pt; text-transform: uppercase; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.8mm 4mm; padding: 2mm 3mm 2.4mm; }
.facts .caption { font-size: 7.5pt; color: #333; align-self: baseline; }
.facts .value { text-align: right; font-weight: bold; font-variant-numeric: tabular-nums; }
.facts .due { font-size: 13pt; }
.address { margin-top: 6mm; min-height: 22mm; font-size: 10pt; line-height: 1.35; padding-left: 6mm; }
.address .caption { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.5pt; color: #444; margin-bottom: 0.8mm; }
.address .name { font-weight: bold; }
.patient { margin-top: 2mm; font-size: 8.5pt; padding-left: 6mm; }
h2 { font-size: 8.3pt; text-transform: uppercase; letter-spacing: 0.6pt; margin: 5mm 0 0; padding: 0.7mm 1.5mm; background: #e8e8e8; border-top: 1pt solid #000; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin-top: 1mm; }
col.date { width: 23mm; }
col.money { width: 24mm; }
th { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; font-weight: normal; text-align: left; padding: 0.8mm 2mm 0.6mm 1.5mm; border-bottom: 0.8pt solid #000; }
td { padding: 1mm 2mm 1mm 1.5mm; border-bottom: 0.4pt solid #bbb; vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
tr.forward td { font-style: italic; color: #222; }
td:first-child { white-space: nowrap; }
th.n, td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.empty { font-style: italic; color: #444; margin: 2mm 1.5mm 0; }
.summary { display: flex; margin-top: 4mm; border: 1pt solid #000; break-inside: avoid; }
.summary div { flex: 1; padding: 1.6mm 2.5mm; border-left: 0.6pt solid #000; }
.summary div:first-child { border-left: 0; }
.summary .caption { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; }
.summary .value { font-size: 11pt; font-weight: bold; font-variant-numeric: tabular-nums; }
.summary .due { background: #f0f0f0; border-left-width: 1.5pt; }
.plan { margin-top: 3.5mm; border: 0.8pt solid #000; border-left: 3pt solid #000; padding: 2mm 3mm; break-inside: avoid; }
.plan .head { font-weight: bold; font-size: 9.5pt; }
.pay { margin-top: 3.5mm; font-size: 8.5pt; break-inside: avoid; }
.pay p + p { margin-top: 0.8mm; }
.stub { margin-top: 6mm; break-inside: avoid; }
.stub .cut { border-top: 1pt dashed #000; text-align: center; font-size: 7pt; color: #333; padding-top: 1mm; letter-spacing: 0.4pt; }
.stub .body { display: flex; gap: 8mm; margin-top: 2mm; }
.stub .from { flex: 1; font-size: 8.5pt; }
.stub .from .name { font-weight: bold; font-size: 10pt; }
.stub table { margin-top: 0; width: 90mm; flex: none; }
.stub td { border: 0.8pt solid #000; padding: 0.8mm 2mm; }
.stub td.caption { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.4pt; background: #eee; width: 32mm; }
.stub td.value { font-weight: bold; text-align: right; font-variant-numeric: tabular-nums; width: 36mm; }
.stub .enclosed { height: 7mm; }
.stub .mailto { margin-top: 3mm; font-size: 8.5pt; }
footer { margin-top: 4mm; border-top: 0.5pt solid #666; padding-top: 1mm; font-size: 7pt; color: #333; display: flex; justify-content: space-between; gap: 6mm; }
`;

export function statementTitle(data: StatementData): string {
  return `Statement ${formatUsDate(data.statementDate)} — ${data.patient.name}`;
}

const money = (cents: number) => (cents < 0 ? `${formatCents(-cents)} CR` : formatCents(cents));

/**
 * A patient statement on letter paper: the clinic and the statement's figures at the top, who it
 * is addressed to where a window envelope shows it, the account's activity since the last
 * statement with its running balance, what is due, the payment plan, how to pay, and a stub to
 * return with the payment. Every value is escaped; a reprint is marked as a copy.
 */
export function renderStatementHtml(data: StatementData, options: { copy: boolean }): string {
  const { clinic } = data;
  const title = `${options.copy ? `${STATEMENT_COPY_MARKER} — ` : ''}${statementTitle(data)}`;
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  const owes = data.amountDueCents > 0;
  const account = data.patient.mrn || '—';
  const ids = [clinic.npi && `NPI ${clinic.npi}`, clinic.taxId && `Tax ID ${clinic.taxId}`].filter(Boolean).join(' · ');
  const plan = data.plan;
  return html`<!doctype html>
<html lang="en">
${documentHead(title, STYLE)}
<body>
${options.copy && html`<p class="copy">${STATEMENT_COPY_MARKER}</p>`}
<header>
  <div class="clinic"><p class="name">${clinic.name}</p>${clinic.address && html`<p>${clinic.address}</p>`}${clinic.phone && html`<p>${clinic.phone}</p>`}${ids && html`<p>${ids}</p>`}</div>
  <div class="box">
    <h1>Statement</h1>
    <div class="facts">
      <p class="caption">Statement date</p><p class="value">${formatUsDate(data.statementDate)}</p>
      <p class="caption">Account</p><p class="value">${account}</p>
      <p class="caption">Amount due</p><p class="value due">${owes ? formatCents(data.amountDueCents) : money(data.amountDueCents)}</p>
      <p class="caption">Please pay by</p><p class="value">${owes ? formatUsDate(data.dueDate) : 'Nothing due'}</p>
    </div>
  </div>
</header>
<div class="address">
  <p class="caption">Bill to</p>
  <p class="name">${data.billTo.name}</p>
  ${data.billTo.addressLines.map((l) => html`<p>${l}</p>`)}
</div>
${data.billTo.name !== data.patient.name && html`<p class="patient">Patient: <b>${data.patient.name}</b></p>`}
<h2>${data.previousDate ? `Account activity since your statement of ${formatUsDate(data.previousDate)}` : 'Account activity'}</h2>
<table>
  <colgroup><col class="date"><col><col class="money"><col class="money"><col class="money"></colgroup>
  <thead><tr><th>Date</th><th>Description</th><th class="n">Charges</th><th class="n">Payments and credits</th><th class="n">Balance</th></tr></thead>
  <tbody>
    ${data.previousDate && html`<tr class="forward"><td>${formatUsDate(data.previousDate)}</td><td>Balance from your last statement</td><td></td><td></td><td class="n">${money(data.previousCents)}</td></tr>`}
    ${data.lines.map((l) => html`<tr><td>${formatUsDate(l.date)}</td><td>${l.description}</td><td class="n">${l.chargeCents ? formatCents(l.chargeCents) : ''}</td><td class="n">${l.creditCents ? formatCents(l.creditCents) : ''}</td><td class="n">${money(l.balanceCents)}</td></tr>`)}
  </tbody>
</table>
${data.lines.length === 0 && html`<p class="empty">Nothing new on your account since your last statement.</p>`}
<div class="summary">
  <div><p class="caption">Previous balance</p><p class="value">${money(data.previousCents)}</p></div>
  <div><p class="caption">New charges</p><p class="value">${formatCents(data.chargesCents)}</p></div>
  <div><p class="caption">Payments and credits</p><p class="value">${formatCents(data.creditsCents)}</p></div>
  <div class="due"><p class="caption">Amount due</p><p class="value">${money(data.amountDueCents)}</p></div>
</div>
${
  plan &&
  html`<div class="plan">
  <p class="head">${plan.overdueCents > 0 ? `Your payment plan: ${formatCents(plan.overdueCents)} is past due. Please pay it now.` : 'Your payment plan is up to date. Thank you.'}</p>
  <p>${plan.nextDueDate ? `Next instalment: ${formatCents(plan.nextCents)} due ${formatUsDate(plan.nextDueDate)}. ` : ''}Left to pay on the plan: ${formatCents(plan.remainingCents)}.</p>
</div>`
}
<div class="pay">
  <p><b>How to pay:</b> at the front desk by cash, check or card${clinic.phone ? html`, or call us at ${clinic.phone}` : ''}. Please make checks payable to ${clinic.name} and write your account number on them.</p>
  <p>Questions about this statement? ${clinic.phone ? html`Call ${clinic.phone}.` : 'Ask at the front desk.'} If you cannot pay in full, ask us about a payment plan.</p>
</div>
<div class="stub">
  <p class="cut">✂ Please detach and return this part with your payment</p>
  <div class="body">
    <div class="from">
      <p class="name">${data.billTo.name}</p>
      ${data.billTo.addressLines.map((l) => html`<p>${l}</p>`)}
      <p class="mailto">Make checks payable to and mail to:<br><b>${clinic.name}</b>${clinic.address && html`<br>${clinic.address}`}</p>
    </div>
    <table>
      <tr><td class="caption">Account</td><td class="value">${account}</td></tr>
      <tr><td class="caption">Statement date</td><td class="value">${formatUsDate(data.statementDate)}</td></tr>
      <tr><td class="caption">Amount due</td><td class="value">${money(data.amountDueCents)}</td></tr>
      <tr><td class="caption">Please pay by</td><td class="value">${owes ? formatUsDate(data.dueDate) : '—'}</td></tr>
      <tr><td class="caption">Amount enclosed</td><td class="value enclosed">$</td></tr>
    </table>
  </div>
</div>
<footer><span>Printed ${printed} by ${data.printedBy}</span><span>Statement · Account ${account}</span></footer>
</body>
</html>
`.markup;
}
