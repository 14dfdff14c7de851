import type { VisitSummaryData } from '../../../shared/print/visitSummary';
import { COMMON_CONTENT, pageRule, sheetHeightMm } from './page';
import type { DocumentPaper } from '../../../shared/print/paper';
import { formatCents } from '../../../shared/domain/money';
import { formatTimeInZone } from '../../../shared/domain/time';
import { formatUsDate } from '../../../shared/patients/patient';
import { FORM_LABEL } from '../../../shared/schedule/scheduling';
import { documentHead, html, raw, type SafeHtml } from '../html';

/** Printed on reprints so a copy is not taken for the summary handed out at check-out. */
export const SUMMARY_COPY_MARKER = 'COPY — REPRINT';

/** Payments print in two columns side by side only when their receipt numbers and methods are this short, so they do not wrap. */
const TWO_COLUMN_TEXT = { receiptNumber: 16, method: 12 };

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.sheet { min-height: 250mm; display: flex; flex-direction: column; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; letter-spacing: 0.5pt; }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; }
header.top .clinic { font-size: 8.5pt; min-width: 0; flex: 1 1 auto; }
header.top img.logo { display: block; flex: none; max-height: 15mm; max-width: 48mm; margin-right: -3mm; object-fit: contain; object-position: left bottom; }
header.top .clinic .name { font-weight: bold; font-size: 12.5pt; line-height: 1.2; margin-bottom: 0.5mm; }
header.top .who { text-align: right; font-size: 8.5pt; flex: 0 1 auto; max-width: 80mm; min-width: 40mm; }
header.top .who .name { font-weight: bold; font-size: 10.5pt; }
.caption { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.5pt; color: #444; }
h1 { font-size: 17pt; line-height: 1.2; margin: 4mm 0 0.8mm; }
.lede { font-size: 9pt; color: #222; }
section { margin-top: 4.5mm; break-inside: avoid; }
h2 { font-size: 8.3pt; text-transform: uppercase; letter-spacing: 0.6pt; margin: 0; padding: 0.7mm 1.5mm; background: #e8e8e8; border-top: 1pt solid #000; }
.facts { display: flex; gap: 8mm; margin: 2mm 1.5mm 0; }
.facts > div { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; gap: 1.4mm; }
.facts > div:first-child { flex-grow: 1.3; }
.fact { display: flex; align-items: baseline; gap: 2mm; min-width: 0; }
.fact .caption { flex: 0 0 19mm; }
.fact .value { flex: 1; min-width: 0; font-weight: bold; }
.next { margin: 2mm 0 0; border: 1.5pt solid #000; background: #f0f0f0; padding: 3mm 4mm 2.8mm; }
.next .when { font-size: 15pt; font-weight: bold; line-height: 1.25; }
.next .when .at { white-space: nowrap; }
.next .what { font-size: 10pt; margin-top: 0.8mm; }
.next .call { margin-top: 2.5mm; padding-top: 1.8mm; border-top: 0.6pt solid #777; font-size: 9pt; }
.next.none { background: #fff; border-width: 0.8pt; padding: 2.5mm 4mm; }
.next.none .reason { font-size: 10pt; font-weight: bold; }
.next.none .call { border-top: 0; padding-top: 0; margin-top: 1mm; }
.empty { margin: 2mm 1.5mm 0; font-style: italic; color: #444; }
.payments { margin: 1.5mm 1.5mm 0; }
.payments .columns { display: flex; gap: 8mm; align-items: flex-start; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.receipt { width: 38%; }
col.time { width: 17%; }
col.method { width: 25%; }
th { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; font-weight: normal; text-align: left; padding: 0.8mm 2.5mm 0.6mm 0; border-bottom: 0.8pt solid #000; }
td { padding: 1.2mm 2.5mm 1.2mm 0; border-bottom: 0.4pt solid #bbb; vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
.two td { padding-top: 0.6mm; padding-bottom: 0.6mm; font-size: 8.3pt; }
.two col.receipt { width: 36%; }
.two col.time { width: 19%; }
th.amount, td.amount { text-align: right; padding-right: 0; white-space: nowrap; font-variant-numeric: tabular-nums; }
.payments .total { display: flex; justify-content: space-between; gap: 6mm; border-top: 1pt solid #000; padding-top: 1.3mm; font-weight: bold; font-size: 10pt; }
ul.signed { list-style: none; display: flex; flex-wrap: wrap; gap: 1.4mm 8mm; margin: 2mm 1.5mm 0; padding: 0; }
ul.signed li { font-weight: bold; }
ul.signed li::before { content: "\\2713"; display: inline-block; width: 4.5mm; }
footer { margin-top: auto; padding-top: 4mm; }
footer div { display: flex; justify-content: space-between; gap: 6mm; border-top: 0.5pt solid #666; padding-top: 1.2mm; font-size: 7.3pt; color: #333; }
footer span:first-child { min-width: 0; }
footer span:last-child { flex: none; text-align: right; }
.name, .value, .who, .clinic, .when, .what, .call, .reason, td, li, footer span { overflow-wrap: anywhere; }
/* Smaller type and tighter spacing for a summary that would not otherwise fit on its page. */
.dense { font-size: 8pt; line-height: 1.28; }
.dense header.top .clinic { font-size: 7.5pt; }
.dense header.top .clinic .name { font-size: 10.5pt; }
.dense header.top .who { font-size: 7.5pt; max-width: 90mm; }
.dense header.top .who .name { font-size: 9pt; }
.dense h1 { font-size: 14pt; margin-top: 2.5mm; }
.dense .lede { font-size: 8pt; }
.dense section { margin-top: 2.5mm; }
.dense .facts { margin-top: 1.2mm; }
.dense .facts > div { gap: 0.6mm; }
.dense .next { margin-top: 1.2mm; padding: 1.8mm 3mm; }
.dense .next .when { font-size: 12pt; }
.dense .next .what { font-size: 8.5pt; margin-top: 0.3mm; }
.dense .next .call { font-size: 8pt; margin-top: 1.2mm; padding-top: 1mm; }
.dense .payments { margin-top: 0.8mm; }
.dense td { padding-top: 0.35mm; padding-bottom: 0.35mm; font-size: 7.5pt; line-height: 1.2; border-bottom: 0; }
.dense tbody tr:nth-child(even) td { background: #efefef; }
.dense .payments .total { font-size: 9pt; padding-top: 0.8mm; }
.dense ul.signed { margin-top: 1.2mm; gap: 0.6mm 6mm; }
.dense footer { padding-top: 2mm; }
.dense footer div { font-size: 6.8pt; }
`;

/**
 * How a summary is laid out to fit on one page: in regular type with the payments in one column,
 * or, when that would not fit, with many short payments in two columns, or else in smaller, denser
 * type, which fits even the largest summary.
 */
export interface Layout {
  twoColumns: boolean;
  dense: boolean;
}

const MM_PER_PT = 25.4 / 72;
/**
 * The height the sheet's content may take (the page less its margins, less some slack), and its
 * width: the room on either paper, so the layout chosen fits one page of letter and of A4.
 */
const PAGE_CONTENT_MM = COMMON_CONTENT.heightMm - 8;
const CONTENT_WIDTH_MM = COMMON_CONTENT.widthMm;

/** The summary's title, as it is kept and printed: "Visit summary — Doe, Jane, Dec 9, 2026". */
export function visitSummaryTitle(data: VisitSummaryData): string {
  return `Visit summary — ${data.patient.name}, ${calendarDate(data.visit.date, { month: 'short', day: 'numeric', year: 'numeric' })}`;
}

/**
 * The summary the patient takes home at check-out, on one page of letter or A4: today's visit, the
 * follow-up booked (prominent, with how to cancel) or why none was, today's payments with their
 * total, and the forms signed. Every value is escaped; a reprint is marked as a copy.
 */
export function renderVisitSummaryHtml(data: VisitSummaryData, options: { copy: boolean; paper?: DocumentPaper }): string {
  const { clinic, patient, visit } = data;
  const title = `${options.copy ? `${SUMMARY_COPY_MARKER} — ` : ''}${visitSummaryTitle(data)}`;
  const time = (instant: string) => formatTimeInZone(instant, data.timeZone);
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  const dob = patient.birthDate && `DOB ${formatUsDate(patient.birthDate)}`;
  const mrn = patient.mrn && `MRN ${patient.mrn}`;
  const layout = layoutOf(data, options.copy);
  // The logo is left off a summary so long it needs the dense type: what the patient needs comes first.
  const logo = layout.dense ? null : data.logo;

  return html`<!doctype html>
<html lang="en">
${documentHead(title, `${pageRule(options.paper ?? 'letter')}${STYLE}.sheet { min-height: ${sheetHeightMm(options.paper ?? 'letter')}mm; }\n`, { dataImages: Boolean(logo) })}
<body>
<div class="sheet${layout.dense ? raw(' dense') : null}">
${options.copy && html`<p class="copy">${SUMMARY_COPY_MARKER}</p>`}
<header class="top">
  ${logo && html`<img class="logo" alt="" src="${`data:image/png;base64,${logo.png}`}">`}
  <div class="clinic"><p class="name">${clinic.name}</p>${clinic.address && html`<p>${clinic.address}</p>`}${clinic.phone && html`<p>${clinic.phone}</p>`}</div>
  <div class="who"><p class="caption">Patient</p><p class="name">${patient.name}</p>${(dob || mrn) && html`<p>${joined(dob, mrn)}</p>`}</div>
</header>
<h1>Visit summary</h1>
<p class="lede">Thank you for visiting us today. Please keep this summary for your records.</p>
<section class="today">
  <h2>Today’s visit</h2>
  <div class="facts">
    <div>${fact('Date', calendarDate(visit.date, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }))}${fact('Visit', visit.type)}${fact('Provider', visit.provider)}</div>
    <div>${fact('Arrived at', time(visit.arrivedAt))}${visit.seenAt && fact('Seen at', time(visit.seenAt))}${fact('Room', visit.room)}</div>
  </div>
</section>
<section class="follow-up">
  <h2>Your next visit</h2>
  ${nextVisit(data)}
</section>
<section class="paid">
  <h2>Payments today</h2>
  ${payments(data, layout)}
</section>
${
  data.formsSigned.length > 0 &&
  html`<section class="forms">
  <h2>Forms signed today</h2>
  <ul class="signed">${data.formsSigned.map((form) => html`<li>${FORM_LABEL[form]}</li>`)}</ul>
</section>`
}
<footer><div><span>Printed ${printed} by ${data.printedBy}</span><span>${joined('Visit summary', mrn)}</span></div></footer>
</div>
</body>
</html>
`.markup;
}

/** A calendar date (`YYYY-MM-DD`, no time zone) written out in US English. */
function calendarDate(date: string, style: Intl.DateTimeFormatOptions): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { ...style, timeZone: 'UTC' });
}

function joined(...parts: string[]): string {
  return parts.filter(Boolean).join(' · ');
}

/** One fact about the visit; left out when there is nothing to say. */
function fact(label: string, value: string): SafeHtml | null {
  if (value.trim() === '') return null;
  return html`<div class="fact"><p class="caption">${label}</p><p class="value">${value}</p></div>`;
}

function nextVisit(data: VisitSummaryData): SafeHtml {
  const call = `please call ${data.clinic.phone || 'the clinic'}`;
  const f = data.followUp;
  if (!f) {
    const reason = data.noFollowUpReason.trim();
    return html`<div class="next none">
    <p class="reason">No follow-up booked${reason && `: ${reason}`}</p>
    <p class="call">To book a visit, ${call}.</p>
  </div>`;
  }
  const day = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(f.start));
  const what = f.type && f.provider ? `${f.type} with ${f.provider}` : f.type || (f.provider && `With ${f.provider}`);
  const hours = data.cancelNoticeHours;
  const notice = hours > 0 ? `at least ${hours} ${hours === 1 ? 'hour' : 'hours'} before your visit` : 'as soon as you can';
  return html`<div class="next">
    <p class="when">${day} <span class="at">at ${formatTimeInZone(f.start, data.timeZone)}</span></p>
    ${what && html`<p class="what">${what}</p>`}
    <p class="call">If you cannot come, ${call} ${notice}.</p>
  </div>`;
}

function payments(data: VisitSummaryData, layout: Layout): SafeHtml {
  const all = data.payments;
  if (all.length === 0) return html`<p class="empty">No payments today</p>`;
  const total = all.reduce((sum, p) => sum + p.amountCents, 0);
  const table = (rows: typeof all) => html`<table>
      <colgroup><col class="receipt"><col class="time"><col class="method"><col></colgroup>
      <thead><tr><th>Receipt</th><th>Time</th><th>Paid by</th><th class="amount">Amount</th></tr></thead>
      <tbody>${rows.map((p) => html`<tr><td>${p.receiptNumber}</td><td>${formatTimeInZone(p.at, data.timeZone)}</td><td>${p.method}</td><td class="amount">${formatCents(p.amountCents)}</td></tr>`)}</tbody>
    </table>`;
  const half = Math.ceil(all.length / 2);
  return html`<div class="payments${layout.twoColumns ? raw(' two') : null}">
    ${layout.twoColumns ? html`<div class="columns">${table(all.slice(0, half))}${table(all.slice(half))}</div>` : table(all)}
    <p class="total"><span>Total paid today</span><span class="amount">${formatCents(total)}</span></p>
  </div>`;
}

/** How many lines `text` takes in a column `widthMm` wide, counted generously (wide letters, words that do not fill a line). */
function linesOf(text: string, widthMm: number, fontPt: number, bold = false): number {
  const charMm = fontPt * MM_PER_PT * (bold ? 0.7 : 0.62);
  return Math.max(1, Math.ceil((text.length * 1.08) / Math.max(1, Math.floor(widthMm / charMm))));
}

/** The first layout that fits the page: regular type, then payments in two columns, then dense type. */
export function layoutOf(data: VisitSummaryData, copy: boolean): Layout {
  if (regularHeightMm(data, copy, false) <= PAGE_CONTENT_MM) return { twoColumns: false, dense: false };
  const short = data.payments.length > 1 && data.payments.every((p) => p.receiptNumber.length <= TWO_COLUMN_TEXT.receiptNumber && p.method.length <= TWO_COLUMN_TEXT.method);
  if (short && regularHeightMm(data, copy, true) <= PAGE_CONTENT_MM) return { twoColumns: true, dense: false };
  return { twoColumns: false, dense: true };
}

/**
 * About how tall (mm) the summary's content is in regular type, following the style sheet's sizes
 * and erring towards too tall.
 */
function regularHeightMm(data: VisitSummaryData, copy: boolean, twoColumns: boolean): number {
  const { clinic, patient, visit } = data;
  const line = (pt: number, height = 1.35) => pt * height * MM_PER_PT;
  const text = (value: string, widthMm: number, pt: number, bold = false) => (value ? linesOf(value, widthMm, pt, bold) * line(pt) : 0);
  const section = 4.5 + line(8.3) + 1.8;

  // Dates and times are counted at the longest they can be written.
  const idLine = joined(patient.birthDate && 'DOB 00/00/0000', patient.mrn && `MRN ${patient.mrn}`);
  // The clinic's column: what the patient's (at most 80 mm) and a logo (at most 45 mm net) leave, with the 8 mm gaps.
  const clinicWidth = CONTENT_WIDTH_MM - 80 - 8 - (data.logo ? 45 + 8 : 0);
  const header =
    Math.max(
      data.logo ? 15 : 0,
      linesOf(clinic.name, clinicWidth, 12.5, true) * line(12.5, 1.2) + 0.5 + text(clinic.address, clinicWidth, 8.5) + text(clinic.phone, clinicWidth, 8.5),
      line(6.8) + text(patient.name, 80, 10.5, true) + text(idLine, 80, 8.5),
    ) + 2.6;
  const title = 4.8 + line(17, 1.2) + line(9);

  const facts = (values: string[], widthMm: number) => values.reduce((sum, v) => sum + text(v || 'x', widthMm, 9, true) + 1.4, 0);
  const today = section + 2 + Math.max(facts(['Wednesday, September 30, 2026', visit.type, visit.provider], 79), facts(['12:00 PM', '12:00 PM', visit.room], 56));

  const wide = CONTENT_WIDTH_MM - 10;
  const f = data.followUp;
  const call = `If you cannot come, please call ${clinic.phone || 'the clinic'} at least 168 hours before your visit.`;
  const next = f
    ? section + 9 + text('Wednesday, September 30, 2026 at 12:00 PM', wide, 15, true) + 0.8 + text(`${f.type} with ${f.provider}`, wide, 10) + 4.5 + text(call, wide, 9)
    : section + 7 + text(`No follow-up booked: ${data.noFollowUpReason}`, wide, 10, true) + 1 + text(call, wide, 9);

  const n = data.payments.length;
  const rows = twoColumns ? Math.ceil(n / 2) * (line(8.3) + 1.4) : data.payments.reduce((sum, p) => sum + Math.max(linesOf(p.receiptNumber, 68, 9), linesOf(p.method, 44, 9)) * line(9) + 2.6, 0);
  const paid = section + (n === 0 ? 2 + line(9) : 1.5 + line(6.8) + 1.7 + rows + 1.8 + line(10));

  const formsWidth = data.formsSigned.reduce((sum, form) => sum + FORM_LABEL[form].length * 9 * MM_PER_PT * 0.7 + 13, 0);
  const forms = data.formsSigned.length === 0 ? 0 : section + 2 + Math.ceil(formsWidth / (CONTENT_WIDTH_MM - 3)) * (line(9) + 1.4);

  const footer = 5.5 + text(`Printed Sep 30, 2026, 12:00 PM CDT by ${data.printedBy}`, 120, 7.3);
  return (copy ? 10.5 : 0) + header + title + today + next + paid + forms + footer;
}
