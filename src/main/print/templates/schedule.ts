import type { AppointmentCardData, DayScheduleData, ReminderListData } from '../../../shared/print/schedule';
import { DOCUMENT_PAGES, pageRule } from './page';
import type { DocumentPaper } from '../../../shared/print/paper';
import { formatUsDate } from '../../../shared/patients/patient';
import { documentHead, html } from '../html';
import type { PageSpec } from '../pdf';

/** US letter, half-inch margins. */
export const LETTER_PAGE: PageSpec = DOCUMENT_PAGES.letter;
/** A 5 × 3½ inch card. */
export const CARD_PAGE: PageSpec = { widthMm: 127, heightMm: 88.9, marginMm: 6 };


const SCHEDULE_STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; margin-bottom: 3mm; }
header .clinic { font-size: 9pt; }
header .clinic .name { font-weight: bold; font-size: 11pt; }
header .what { text-align: right; }
header .what .provider { font-size: 14pt; font-weight: bold; }
header .what .date { font-size: 11pt; }
table { width: 100%; border-collapse: collapse; }
thead th { text-align: left; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.4pt; border-bottom: 1pt solid #000; padding: 1mm 1.5mm; }
tbody td { padding: 1.6mm 1.5mm; border-bottom: 0.5pt solid #999; vertical-align: top; }
tbody tr { break-inside: avoid; }
td.time { white-space: nowrap; font-weight: bold; width: 31mm; }
td.patient .name { font-weight: bold; }
td.patient .dob, td.visit .reason { color: #333; font-size: 8.5pt; }
td.status { white-space: nowrap; width: 22mm; }
td.check { width: 14mm; text-align: center; }
.box { display: inline-block; width: 3.5mm; height: 3.5mm; border: 0.8pt solid #000; }
.empty { padding: 10mm 0; text-align: center; color: #333; }
footer { margin-top: 4mm; font-size: 8pt; color: #333; display: flex; justify-content: space-between; }
.name, .reason, td { overflow-wrap: anywhere; }
`;

/**
 * A provider's day on letter or A4 paper: every visit by time with the patient (and date of birth, to
 * tell namesakes apart), the visit, room, status and a box to tick at arrival. Every value is
 * escaped; a reprint is marked as a copy.
 */
export function renderDayScheduleHtml(data: DayScheduleData, options: { copy: boolean; paper?: DocumentPaper }): string {
  const day = new Date(`${data.date}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const title = `${options.copy ? 'COPY — ' : ''}Schedule of ${data.providerName}, ${day}`;
  const time = (instant: string) => new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
  const rows = data.visits.map(
    (v) => html`<tr>
      <td class="time">${time(v.start)}–${time(v.end)}</td>
      <td class="patient"><p class="name">${v.patientName}</p>${v.birthDate && html`<p class="dob">DOB ${formatUsDate(v.birthDate)}${v.phone && html` · ${v.phone}`}</p>`}</td>
      <td class="visit"><p>${v.type || '—'}</p>${v.reason && v.reason !== v.type && html`<p class="reason">${v.reason}</p>`}</td>
      <td>${v.room || '—'}</td>
      <td class="status">${v.status}</td>
      <td class="check"><span class="box"></span></td>
    </tr>`,
  );
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  return html`<!doctype html>
<html lang="en">
${documentHead(title, `${pageRule(options.paper ?? 'letter')}${SCHEDULE_STYLE}`)}
<body>
${options.copy && html`<p class="copy">COPY — REPRINT</p>`}
<header>
  <div class="clinic"><p class="name">${data.clinic.name}</p>${data.clinic.address && html`<p>${data.clinic.address}</p>`}${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}</div>
  <div class="what"><p class="provider">${data.providerName}</p><p class="date">${day}</p><p>${data.visits.length === 1 ? '1 visit' : `${data.visits.length} visits`}</p></div>
</header>
${
  data.visits.length === 0
    ? html`<p class="empty">No visits booked.</p>`
    : html`<table>
  <thead><tr><th>Time</th><th>Patient</th><th>Visit</th><th>Room</th><th>Status</th><th>Here</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`
}
<footer><span>Printed ${printed} by ${data.printedBy}</span><span>Confidential: patient information</span></footer>
</body>
</html>
`.markup;
}

/**
 * The reminder calls of a day on letter or A4 paper: each booked visit by time with the number to call,
 * how the patient agreed to be reached, and room to write the result. Every value is escaped.
 */
export function renderReminderListHtml(data: ReminderListData, options: { copy: boolean; paper?: DocumentPaper }): string {
  const day = new Date(`${data.date}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const title = `${options.copy ? 'COPY — ' : ''}Reminder calls for ${day}`;
  const rows = data.rows.map(
    (r) => html`<tr>
      <td class="time">${r.time}</td>
      <td class="patient"><p class="name">${r.patient}</p><p class="dob">${r.provider}</p></td>
      <td>${r.phone}</td>
      <td>${r.contact}${r.texts && html`<p class="dob">Texts OK</p>`}</td>
      <td class="result">${r.result}</td>
    </tr>`,
  );
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  return html`<!doctype html>
<html lang="en">
${documentHead(title, `${pageRule(options.paper ?? 'letter')}${SCHEDULE_STYLE}\ntd.time { width: 20mm; } td.result { width: 40mm; border-bottom: 0.5pt solid #999; }`)}
<body>
${options.copy && html`<p class="copy">COPY — REPRINT</p>`}
<header>
  <div class="clinic"><p class="name">${data.clinic.name}</p>${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}</div>
  <div class="what"><p class="provider">Reminder calls</p><p class="date">${day}</p><p>${data.rows.length === 1 ? '1 visit' : `${data.rows.length} visits`}</p></div>
</header>
${
  data.rows.length === 0
    ? html`<p class="empty">No booked visits on this day.</p>`
    : html`<table>
  <thead><tr><th>Time</th><th>Patient</th><th>Phone</th><th>Contact by</th><th>Result</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`
}
<footer><span>Printed ${printed} by ${data.printedBy}</span><span>Confidential: patient information</span></footer>
</body>
</html>
`.markup;
}

const CARD_STYLE = `
@page { size: 127mm 88.9mm; margin: ${CARD_PAGE.marginMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; line-height: 1.3; }
p { margin: 0; }
.copy { font-weight: bold; text-align: center; border: 1pt solid #000; margin-bottom: 1.5mm; }
.clinic { border-bottom: 1pt solid #000; padding-bottom: 1.5mm; margin-bottom: 2mm; }
.clinic .name { font-weight: bold; font-size: 10.5pt; }
.for { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.4pt; }
.patient { font-weight: bold; font-size: 10pt; margin-bottom: 1.5mm; }
.visit { margin-bottom: 1.2mm; }
.visit .when { font-weight: bold; font-size: 10pt; }
.cancel { margin-top: 2mm; font-size: 7.5pt; border-top: 0.5pt solid #666; padding-top: 1mm; }
.name, .when, .with { overflow-wrap: anywhere; }
`;

/** The patient's card: their next visits (up to four), the clinic's address and phone, and how to cancel. */
export function renderAppointmentCardHtml(data: AppointmentCardData, options: { copy: boolean }): string {
  const when = (instant: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
  const visits = data.visits.map((v) => html`<div class="visit"><p class="when">${when(v.start)}</p><p class="with">${[v.type, v.providerName && `with ${v.providerName}`].filter(Boolean).join(' ')}</p></div>`);
  const notice = data.cancelNoticeHours > 0 ? `at least ${data.cancelNoticeHours} ${data.cancelNoticeHours === 1 ? 'hour' : 'hours'} before` : 'as soon as you can';
  return html`<!doctype html>
<html lang="en">
${documentHead(`${options.copy ? 'COPY — ' : ''}Appointment card for ${data.patientName}`, CARD_STYLE)}
<body>
${options.copy && html`<p class="copy">COPY</p>`}
<div class="clinic"><p class="name">${data.clinic.name}</p>${data.clinic.address && html`<p>${data.clinic.address}</p>`}${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}</div>
<p class="for">${data.visits.length === 1 ? 'Your next appointment' : 'Your next appointments'}</p>
<p class="patient">${data.patientName}</p>
${visits}
<p class="cancel">To cancel or change a visit, please call ${data.clinic.phone || 'the clinic'} ${notice}.</p>
</body>
</html>
`.markup;
}
