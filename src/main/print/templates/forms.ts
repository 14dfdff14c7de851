import { PRINTABLE_FORM_LABEL, type FormPrintData, type OnScreenSignature, type PrintableForm } from '../../../shared/print/forms';
import { pageRule, sheetHeightMm } from './page';
import type { DocumentPaper } from '../../../shared/print/paper';
import { formatUsDate } from '../../../shared/patients/patient';
import { documentHead, escapeHtml, html, raw, type SafeHtml } from '../html';
import { BUILT_IN_WORDING, isEditableForm, type EditableForm, type Wording } from '../../../shared/catalog/formWording';

/** Printed on reprints so a copy is not taken for the form the patient signed. */
export const FORM_COPY_MARKER = 'COPY — REPRINT';

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.sheet { min-height: 250mm; display: flex; flex-direction: column; }
.sheet + .sheet { break-before: page; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; letter-spacing: 0.5pt; }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; }
header.top .clinic { font-size: 8.5pt; min-width: 0; flex: 1 1 auto; }
header.top img.logo { display: block; flex: none; max-height: 15mm; max-width: 48mm; margin-right: -3mm; object-fit: contain; object-position: left bottom; }
header.top .clinic .name { font-weight: bold; font-size: 12.5pt; line-height: 1.2; margin-bottom: 0.5mm; }
header.top .who { text-align: right; font-size: 8.5pt; max-width: 80mm; }
header.top .who .name { font-weight: bold; font-size: 10.5pt; }
.caption { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.5pt; color: #444; }
h1 { font-size: 15pt; line-height: 1.2; margin: 3mm 0 0.8mm; }
.lede { font-size: 8.5pt; color: #222; margin-bottom: 1mm; }
.continued { display: flex; justify-content: space-between; gap: 6mm; border-bottom: 1pt solid #000; padding-bottom: 1.5mm; margin-bottom: 1mm; font-size: 8.5pt; }
.continued .title { font-weight: bold; flex: none; max-width: 50%; }
section { margin-top: 3mm; break-inside: avoid; }
h2 { font-size: 8.3pt; text-transform: uppercase; letter-spacing: 0.6pt; margin: 0; padding: 0.7mm 1.5mm; background: #e8e8e8; border-top: 1pt solid #000; }
.hint { font-size: 8pt; color: #333; margin: 1.2mm 1.5mm 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.boxes { display: grid; grid-template-columns: repeat(12, 1fr); border-left: 0.6pt solid #000; border-top: 0.6pt solid #000; margin-top: 1.5mm; }
.boxes > div { grid-column: span 6; min-height: 8mm; padding: 0.7mm 1.5mm 0.9mm; border-right: 0.6pt solid #000; border-bottom: 0.6pt solid #000; min-width: 0; }
.boxes > div.s3 { grid-column: span 3; }
.boxes > div.s12 { grid-column: span 12; }
.boxes .value { font-weight: bold; font-size: 9pt; overflow-wrap: anywhere; }
.boxes .value .item { display: inline-block; margin-right: 5mm; }
.boxes .none { font-weight: normal; font-style: italic; color: #666; }
.fix { margin-top: 0.5mm; }
.lines { margin: 0 1.5mm; }
.fix .lines, .fix .fields { margin: 0; }
.lines .line { height: 6.5mm; border-bottom: 0.6pt solid #000; }
.fields { display: flex; gap: 5mm; margin: 0 1.5mm; align-items: flex-end; }
.fields .field { flex: 1; display: flex; align-items: flex-end; gap: 1.5mm; min-height: 7mm; }
.fields .field.narrow { flex: 0 0 55mm; }
.fields .field .label { white-space: nowrap; font-size: 8.2pt; }
.fields .field .fill { flex: 1; border-bottom: 0.6pt solid #000; height: 5mm; }
table.grid { width: calc(100% - 3mm); margin: 1mm 1.5mm 0; }
table.grid th { font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; font-weight: normal; text-align: left; padding: 0.8mm 1.5mm 0; }
table.grid td { height: 7mm; border-bottom: 0.6pt solid #000; padding: 0; }
table.grid td + td, table.grid th + th { border-left: 6mm solid transparent; }
table.grid col.wide { width: 50%; }
table.grid col.mid { width: 22%; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.8pt solid #000; vertical-align: -0.5mm; margin-right: 1.5mm; background: #fff; }
.checks { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1.6mm 4mm; margin: 1.5mm 1.5mm 0; }
.checks p { font-size: 8.5pt; }
.check-line { margin: 1.5mm 1.5mm 0; font-size: 8.5pt; }
.fields + .check-line { margin-top: 2.5mm; }
.check-line .box.gap { margin-left: 4mm; }
.text { margin: 1.5mm 1.5mm 0; font-size: 8.6pt; line-height: 1.35; }
.text p + p, .text p + ul, .text ul + p { margin-top: 1.4mm; }
.text ul { margin: 0; padding-left: 5mm; }
.text li + li { margin-top: 0.9mm; }
.text .head { font-weight: bold; }
.office { margin-top: 4mm; border: 1pt solid #000; padding: 1.8mm 3mm 2.2mm; break-inside: avoid; }
.office .caption { font-weight: bold; color: #000; margin-bottom: 1mm; }
.office p { font-size: 8.5pt; }
.office .opts { display: grid; grid-template-columns: 1fr 1fr; gap: 1.3mm 4mm; margin-top: 1.3mm; }
.office .fields { margin: 1mm 0 0; }
.office .opts .fields { margin: 0; }
.office .opts .field { min-height: 0; }
.office .opts .field .fill { height: 3.5mm; }
.compact section { margin-top: 2mm; }
.compact .text { font-size: 8.2pt; line-height: 1.3; }
.initials { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 1.8mm 4mm; margin: 1.5mm 1.5mm 0; font-size: 8.5pt; }
.initial { display: inline-block; width: 11mm; border-bottom: 0.6pt solid #000; margin-right: 2mm; height: 3.5mm; vertical-align: -0.5mm; }
.boxes.blank > div { min-height: 9.5mm; }
header.top .who.blank { width: 75mm; text-align: left; }
header.top .who.blank .fields { margin: 0; }
.sign { margin-top: 3.5mm; break-inside: avoid; border-top: 1pt solid #000; padding-top: 1.5mm; }
.sign .attest { margin: 0; font-weight: bold; }
.sign .row { display: flex; gap: 8mm; }
.sign .slot { flex: 1; padding-top: 7.5mm; }
.sign .slot.date { flex: 0 0 45mm; }
.sign .slot .rule { border-bottom: 0.8pt solid #000; }
.sign .slot p { font-size: 7.5pt; color: #333; padding-top: 0.7mm; }
.sign.signed .row { align-items: flex-end; }
.sign.signed .slot { padding-top: 2mm; }
.sign .slot .filled { display: block; height: 6mm; padding-left: 1mm; font-size: 9.5pt; font-weight: bold; line-height: 6mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sign .slot img.signature { display: block; height: 14mm; max-width: 90mm; margin: 0 0 0.6mm 2mm; object-fit: contain; object-position: left bottom; }
.sign .witness { margin-top: 1.5mm; font-size: 7.5pt; color: #222; }
/* The signature and the footer stay together, the footer at the foot of the page. */
.end { flex: 1 0 auto; display: flex; flex-direction: column; break-inside: avoid; }
footer { margin-top: auto; padding-top: 3mm; }
footer div { display: flex; justify-content: space-between; gap: 6mm; border-top: 0.5pt solid #666; padding-top: 1.2mm; font-size: 7.3pt; color: #333; }
footer span:first-child { flex: none; max-width: 45%; }
footer span:last-child { text-align: right; }
.name, .value, .who, .clinic, footer span { overflow-wrap: anywhere; }
`;

/** The style on a paper: its page, and sheets as tall as the page so each footer sits at its foot. */
function styleFor(paper: DocumentPaper = 'letter'): string {
  return `${pageRule(paper)}${STYLE}.sheet { min-height: ${sheetHeightMm(paper)}mm; }\n`;
}

/** Common conditions the intake asks about, three to a row. */
const CONDITIONS = [
  'Asthma',
  'COPD or emphysema',
  'Diabetes',
  'High blood pressure',
  'High cholesterol',
  'Heart disease or heart attack',
  'Stroke',
  'Thyroid disease',
  'Kidney disease',
  'Liver disease or hepatitis',
  'Cancer',
  'Depression or anxiety',
  'Arthritis',
  'Seizures',
  'Acid reflux or ulcers',
  'Bleeding or clotting disorder',
  'Migraines',
  'Tuberculosis',
];

/**
 * A check-in form on letter paper, filled in with what the clinic has on file (patient and
 * insurance, each with room to correct it) followed by the form's own content and signature lines.
 * The intake takes two pages; the other forms one. Every value is escaped; a reprint is marked as a
 * copy.
 */
export function renderFormHtml(data: FormPrintData, options: { copy: boolean; paper?: DocumentPaper; signed?: { signature: OnScreenSignature; version: number } }): string {
  const title = `${options.copy ? `${FORM_COPY_MARKER} — ` : ''}${PRINTABLE_FORM_LABEL[data.form]} — ${data.blank ? 'blank' : data.patient.name}`;
  return html`<!doctype html>
<html lang="en">
${documentHead(title, styleFor(options.paper), { dataImages: Boolean(options.signed || data.logo) })}
<body>
${formSheets(data, options)}
</body>
</html>
`.markup;
}

/**
 * Several forms for one patient in one document (the forms due at check-in, printed as one job),
 * each starting on a new page, in the order given. A reprint marks every page a copy.
 */
export function renderFormPacketHtml(forms: readonly FormPrintData[], options: { copy: boolean; paper?: DocumentPaper }): string {
  const first = forms[0]!;
  const title = `${options.copy ? `${FORM_COPY_MARKER} — ` : ''}Forms (${forms.length}) — ${first.blank ? 'blank' : first.patient.name}`;
  return html`<!doctype html>
<html lang="en">
${documentHead(title, styleFor(options.paper), { dataImages: forms.some((f) => f.logo) })}
<body>
${forms.map((form) => formSheets(form, options))}
</body>
</html>
`.markup;
}

/** The pages of one form (two for the intake, one for the others). */
function formSheets(data: FormPrintData, options: { copy: boolean; signed?: { signature: OnScreenSignature; version: number } }): SafeHtml {
  const label = PRINTABLE_FORM_LABEL[data.form];
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  const dob = data.patient.birthDate && `DOB ${formatUsDate(data.patient.birthDate)}`;
  const mrn = data.patient.mrn && `MRN ${data.patient.mrn}`;
  const footer = (page: string) => html`<footer><div><span>Printed ${printed} by ${data.printedBy}</span><span>${joined(`${label}${page}`, data.patient.name, mrn)}</span></div></footer>`;
  const copy = options.copy && html`<p class="copy">${FORM_COPY_MARKER}</p>`;
  const signedPart = options.signed && { ...options.signed, logoVersion: data.logo?.version ?? null, when: new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(options.signed.signature.signedAt)), date: new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: '2-digit', day: '2-digit', year: 'numeric' }).format(new Date(options.signed.signature.signedAt)) };

  const first = html`<div class="sheet${data.form === 'release-of-information' ? ' compact' : ''}">
${copy}
<header class="top">
  ${data.logo && html`<img class="logo" alt="" src="${`data:image/png;base64,${data.logo.png}`}">`}
  <div class="clinic"><p class="name">${data.clinic.name}</p>${data.clinic.address && html`<p>${data.clinic.address}</p>`}${data.clinic.phone && html`<p>${data.clinic.phone}</p>`}</div>
  ${data.blank ? html`<div class="who blank"><p class="caption">Patient</p><div class="fields"><div class="field"><span class="label">Name</span><span class="fill"></span></div></div><div class="fields"><div class="field"><span class="label">Date of birth</span><span class="fill"></span></div></div></div>` : html`<div class="who"><p class="caption">Patient</p><p class="name">${data.patient.name}</p>${(dob || mrn) && html`<p>${joined(dob, mrn)}</p>`}</div>`}
</header>
<h1>${label}</h1>
<p class="lede">${data.blank ? 'Please fill in your details in capital letters, then read the form and sign it.' : 'We have filled in what we have on file. Please check it and correct anything that is wrong, then read the form and sign it.'}</p>
${data.blank ? blankPatientBlock(data.form) : patientBlock(data)}
${data.form !== 'release-of-information' && (data.blank ? blankInsuranceBlock() : insuranceBlock(data))}
${data.form === 'intake' ? intakeFirstPage(footer(' (continued on the next page)')) : html`${FORM_BODY[data.form](data)}<div class="end">${signature(data.form, wordingOf(data).attestation, signedPart)}${footer('')}</div>`}
</div>`;

  const second =
    data.form === 'intake' &&
    html`<div class="sheet">
${copy}
<div class="continued"><span class="title">${label} (continued) · ${data.clinic.name}</span><span class="name">${data.blank ? 'Patient name: ______________________________' : joined(data.patient.name, dob, mrn)}</span></div>
${intakeSecondPage()}
<div class="end">${signature('intake', wordingOf(data).attestation, signedPart)}${footer(' (continued)')}</div>
</div>`;

  return html`${first}${second}`;
}

function joined(...parts: string[]): string {
  return parts.filter(Boolean).join(' · ');
}

/** One item on file: its label and value, or "Not on file" when there is none. */
function onFile(label: string, value: string | readonly string[], span: 3 | 6 | 12 = 6): SafeHtml {
  const values = (typeof value === 'string' ? [value] : value).filter((v) => v.trim() !== '');
  const shown = values.length === 0 ? html`<span class="none">Not on file</span>` : values.length === 1 ? values[0] : values.map((v) => html`<span class="item">${v}</span>`);
  return html`<div${span === 6 ? null : raw(` class="s${span}"`)}><p class="caption">${label}</p><p class="value">${shown}</p></div>`;
}

/** The items on file, then lines to correct them. */
function onFileBlock(items: SafeHtml[], fixLines: number): SafeHtml {
  return html`<div class="boxes">${items}</div>
  <div class="fix">
    <div class="fields"><div class="field"><span class="label">If anything is wrong or missing, correct it here:</span><span class="fill"></span></div></div>
    ${fixLines > 1 && lines(fixLines - 1)}
  </div>`;
}

function patientBlock(data: FormPrintData): SafeHtml {
  const p = data.patient;
  // The release of information needs only who the records are about: it fits one page.
  if (data.form === 'release-of-information') {
    return html`<section class="patient">
  <h2>Patient</h2>
  ${onFileBlock([onFile('Name', p.name), onFile('Date of birth', p.birthDate ? formatUsDate(p.birthDate) : '', 3), onFile('Medical record no.', p.mrn, 3), onFile('Address', p.address), onFile(p.phones.length > 1 ? 'Phones' : 'Phone', p.phones)], 1)}
</section>`;
  }
  return html`<section class="patient">
  <h2>Patient</h2>
  ${onFileBlock(
    [
      onFile('Name', p.name),
      onFile('Preferred name', p.preferredName, 3),
      onFile('Date of birth', p.birthDate ? formatUsDate(p.birthDate) : '', 3),
      onFile('Sex', p.sex, 3),
      onFile('Medical record no.', p.mrn, 3),
      onFile('Preferred language', p.language),
      onFile('Address', p.address, 12),
      onFile(p.phones.length > 1 ? 'Phones' : 'Phone', p.phones),
      onFile('Email', p.email),
      onFile('Emergency contact', p.emergencyContact),
      onFile('Responsible for payment', p.guarantor),
    ],
    2,
  )}
</section>`;
}

function insuranceBlock(data: FormPrintData): SafeHtml {
  const i = data.insurance;
  if (!i) {
    return html`<section class="insurance">
  <h2>Insurance</h2>
  ${onFileBlock([onFile('Coverage', 'Self-pay (no insurance on file)', 12)], 1)}
  <p class="hint">If you have health insurance, please show your card at the front desk so we can bill it.</p>
</section>`;
  }
  return html`<section class="insurance">
  <h2>Insurance</h2>
  ${onFileBlock(
    [
      onFile('Insurance company', i.payerName),
      onFile('Plan', i.plan),
      onFile('Member ID', i.memberId, 3),
      onFile('Group number', i.groupNumber, 3),
      onFile('Subscriber', i.subscriber),
    ],
    1,
  )}
</section>`;
}

function lines(count: number): SafeHtml {
  return html`<div class="lines">${Array.from({ length: count }, () => raw('<div class="line"></div>'))}</div>`;
}

/** A table of blank rows to write in; the first column takes half the width. */
function grid(headings: readonly string[], rows: number): SafeHtml {
  return html`<table class="grid">
  <colgroup>${headings.map((_, i) => (i === 0 ? raw('<col class="wide">') : i < headings.length - 1 ? raw('<col class="mid">') : raw('<col>')))}</colgroup>
  <thead><tr>${headings.map((h) => html`<th>${h}</th>`)}</tr></thead>
  <tbody>${Array.from({ length: rows }, () => html`<tr>${headings.map(() => raw('<td></td>'))}</tr>`)}</tbody>
</table>`;
}

/** The end of the intake's first page; the medications keep with the footer so it never stands alone. */
function intakeFirstPage(footer: SafeHtml): SafeHtml {
  return html`<section>
  <h2>Reason for today’s visit</h2>
  <p class="hint">What brings you in today, and how long has it been going on?</p>
  ${lines(2)}
</section>
<div class="end"><section>
  <h2>Current medications</h2>
  <p class="check-line"><span class="box"></span>I take no medications</p>
  <p class="hint">Include prescriptions, over-the-counter medicines, vitamins and supplements.</p>
  ${grid(['Medication', 'Dose', 'How often'], 6)}
</section>${footer}</div>`;
}

function intakeSecondPage(): SafeHtml {
  return html`<section>
  <h2>Allergies</h2>
  <p class="check-line"><span class="box"></span>No known allergies</p>
  <p class="hint">Medicines, foods, latex, insect stings or anything else, and what happens.</p>
  ${grid(['Allergic to', 'Reaction'], 4)}
</section>
<section>
  <h2>Past medical history</h2>
  <p class="hint">Check any condition you have now or have had.</p>
  <div class="checks">${CONDITIONS.map((c) => html`<p><span class="box"></span>${c}</p>`)}</div>
  <div class="fields"><div class="field"><span class="label">Other conditions</span><span class="fill"></span></div></div>
  ${lines(1)}
  <div class="fields"><div class="field"><span class="label">Surgeries and hospital stays (with year)</span><span class="fill"></span></div></div>
  ${lines(2)}
</section>
<section>
  <h2>Primary care and referring provider</h2>
  <div class="fields"><div class="field"><span class="label">Primary care provider</span><span class="fill"></span></div><div class="field narrow"><span class="label">Phone</span><span class="fill"></span></div></div>
  <div class="fields"><div class="field"><span class="label">Referred by (if someone referred you)</span><span class="fill"></span></div><div class="field narrow"><span class="label">Phone</span><span class="fill"></span></div></div>
  <p class="check-line">May we send a summary of today’s visit to your primary care provider? <span class="box gap"></span>Yes <span class="box gap"></span>No</p>
</section>`;
}

/** Boxes to write the patient's details in, on a blank form. */
function blankPatientBlock(form: PrintableForm): SafeHtml {
  const box = (label: string, span: 3 | 6 | 12 = 6) => html`<div${span === 6 ? null : raw(` class="s${span}"`)}><p class="caption">${label}</p></div>`;
  const boxes =
    form === 'release-of-information'
      ? [box('Last name'), box('First name'), box('Date of birth', 3), box('Phone', 3), box('Address')]
      : [box('Last name'), box('First name'), box('Date of birth', 3), box('Sex', 3), box('Preferred name'), box('Address', 12), box('City, state, ZIP'), box('Phone', 3), box('Email', 3), box('Emergency contact and phone'), box('Responsible for payment (if not the patient)')];
  return html`<section class="patient">
  <h2>Patient</h2>
  <div class="boxes blank">${boxes}</div>
</section>`;
}

function blankInsuranceBlock(): SafeHtml {
  const box = (label: string, span: 3 | 6 = 6) => html`<div${span === 6 ? null : raw(` class="s${span}"`)}><p class="caption">${label}</p></div>`;
  return html`<section class="insurance">
  <h2>Insurance</h2>
  <p class="check-line"><span class="box"></span>I have no health insurance</p>
  <div class="boxes blank">${[box('Insurance company'), box('Plan'), box('Member ID', 3), box('Group number', 3), box('Subscriber (if not the patient) and relationship')]}</div>
  <p class="hint">Please also show your insurance card at the front desk.</p>
</section>`;
}

const FORM_BODY: Record<Exclude<PrintableForm, 'intake'>, (data: FormPrintData) => SafeHtml> = {
  'release-of-information': (data) => html`<section>
  <h2>Who may release, and to whom</h2>
  <p class="text">I authorize <b>${data.clinic.name}</b> to release my health information to:</p>
  <div class="fields"><div class="field"><span class="label">Person or organization</span><span class="fill"></span></div></div>
  <div class="fields"><div class="field"><span class="label">Address</span><span class="fill"></span></div></div>
  <div class="fields"><div class="field"><span class="label">Phone</span><span class="fill"></span></div><div class="field"><span class="label">Fax or email</span><span class="fill"></span></div></div>
</section>
<section>
  <h2>What may be released</h2>
  <div class="checks">${['The entire record', 'Office visit notes', 'Laboratory results', 'Imaging reports', 'Immunization record', 'Medication and allergy list', 'Billing and payment records', 'Referrals and letters'].map((c) => html`<p><span class="box"></span>${c}</p>`)}</div>
  <div class="fields"><div class="field"><span class="label">Only from (date)</span><span class="fill"></span></div><div class="field"><span class="label">to (date)</span><span class="fill"></span></div><div class="field"><span class="label">Other</span><span class="fill"></span></div></div>
  <p class="hint">Information about the following is released only if you write your initials beside it:</p>
  <div class="initials">${['HIV/AIDS testing or treatment', 'Mental health records', 'Alcohol or drug treatment', 'Genetic testing', 'Sexually transmitted infections'].map((c) => html`<p><span class="initial"></span>${c}</p>`)}</div>
</section>
<section>
  <h2>Why, how, and until when</h2>
  <p class="check-line">Purpose: <span class="box gap"></span>At my request <span class="box gap"></span>Continuing care <span class="box gap"></span>Insurance <span class="box gap"></span>Legal <span class="box gap"></span>Other: ________________</p>
  <p class="check-line">Send by: <span class="box gap"></span>Mail <span class="box gap"></span>Fax <span class="box gap"></span>Secure email <span class="box gap"></span>I will pick it up</p>
  <div class="fields"><div class="field"><span class="label">This authorization ends on (date or event; if none is given, one year after it is signed)</span><span class="fill"></span></div></div>
</section>
<section>
  <h2>Your rights</h2>
  <div class="text"><ul>
    <li>You may revoke this authorization at any time by writing to ${data.clinic.name}, except for information already released because of it.</li>
    <li>Your treatment, payment, enrollment or eligibility for benefits does not depend on whether you sign it.</li>
    <li>Information released may be disclosed again by the person who receives it and may then no longer be protected by federal privacy law.</li>
    <li>You may see or get a copy of the information to be released, and you are entitled to a copy of this form.</li>
  </ul></div>
</section>`,

  'consent-to-treat': (data) => html`<section>
  <h2>Consent to examination and treatment</h2>
  <div class="text">${wordingHtml(wordingOf(data).body, data.clinic)}</div>
</section>`,

  'hipaa-notice': (data) => html`<section>
  <h2>Acknowledgment of receipt of the Notice of Privacy Practices</h2>
  <div class="text">${wordingHtml(wordingOf(data).body, data.clinic)}</div>
</section>`,

  'financial-policy': (data) => html`<section>
  <h2>Our financial policy</h2>
  <div class="text">${wordingHtml(wordingOf(data).body, data.clinic)}</div>
</section>`,
};

/** What the signer declares on the forms whose wording is fixed. */
const FIXED_ATTESTATION: Record<Exclude<PrintableForm, EditableForm>, string> = {
  'release-of-information': 'I authorize the release of my health information as described above.',
  intake: 'To the best of my knowledge, the information on this form is complete and correct.',
};

/** The wording a form is printed with: the clinic's version sent with the data, or the built-in one. */
function wordingOf(data: FormPrintData): Wording {
  if (!isEditableForm(data.form)) return { version: 1, body: '', attestation: FIXED_ATTESTATION[data.form] };
  return data.wording ?? BUILT_IN_WORDING[data.form];
}

/**
 * A form's wording as markup: paragraphs (separated by an empty line), lists (lines starting
 * with `- `), `**bold**`, and `{clinic}` and `{phone}` filled in. Every piece of text is escaped
 * first, so wording a manager typed can never become markup of its own.
 */
export function wordingHtml(text: string, clinic: { name: string; phone: string }): SafeHtml {
  const inline = (line: string) =>
    raw(
      escapeHtml(line)
        .replaceAll('{clinic}', escapeHtml(clinic.name))
        .replaceAll('{phone}', escapeHtml(clinic.phone || 'the front desk'))
        .replace(/\*\*(.+?)\*\*/g, '<span class="head">$1</span>'),
    );
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((b) => b.split('\n').map((l) => l.trim()).filter(Boolean)).filter((b) => b.length > 0);
  return html`${blocks.map((lines) => {
    // Runs of list items become one list; other lines of the block are one paragraph.
    const parts: SafeHtml[] = [];
    let items: string[] = [];
    let words: string[] = [];
    const flush = () => {
      if (items.length) parts.push(html`<ul>${items.map((i) => html`<li>${inline(i)}</li>`)}</ul>`);
      if (words.length) parts.push(html`<p>${inline(words.join(' '))}</p>`);
      items = [];
      words = [];
    };
    for (const line of lines) {
      if (line.startsWith('- ')) {
        if (words.length) flush();
        items.push(line.slice(2));
      } else {
        if (items.length) flush();
        words.push(line);
      }
    }
    flush();
    return parts;
  })}`;
}

interface SignedPart {
  signature: OnScreenSignature;
  version: number;
  /** The version of the logo at the top of the form, or null when it has none. */
  logoVersion: number | null;
  /** When it was signed, in the clinic's time zone, in words and as a date. */
  when: string;
  date: string;
}

function signature(form: PrintableForm, attestation: string, signed?: SignedPart): SafeHtml {
  const filled = (value: string | undefined) => (signed ? html`<span class="filled">${value ?? ''}</span>` : null);
  return html`<section class="sign${signed ? ' signed' : ''}">
  <p class="attest">${attestation}</p>
  <div class="row">
    <div class="slot">${signed && html`<img class="signature" alt="Signature" src="${`data:image/png;base64,${signed.signature.png}`}">`}<div class="rule"></div><p>Signature of patient or legal representative</p></div>
    <div class="slot date">${filled(signed?.date)}<div class="rule"></div><p>Date</p></div>
  </div>
  <div class="row">
    <div class="slot">${filled(signed?.signature.signerName)}<div class="rule"></div><p>Printed name</p></div>
    <div class="slot">${filled(signed?.signature.relationship)}<div class="rule"></div><p>Relationship to patient (if not the patient)</p></div>
  </div>
  ${signed && html`<p class="witness">Signed on screen ${signed.when}, witnessed by ${signed.signature.witness} · Form wording version ${signed.version}${signed.logoVersion ? ` · Logo version ${signed.logoVersion}` : ''}</p>`}
</section>
${form === 'hipaa-notice' && !signed && officeUse()}`;
}

function officeUse(): SafeHtml {
  return html`<div class="office">
  <p class="caption">For office use only: complete if the acknowledgment is not signed</p>
  <p>We tried to obtain written acknowledgment of receipt of our Notice of Privacy Practices, but it could not be obtained because:</p>
  <div class="opts">
    <p><span class="box"></span>The patient refused to sign</p>
    <p><span class="box"></span>An emergency prevented obtaining it</p>
    <p><span class="box"></span>Communication barriers prevented obtaining it</p>
    <div class="fields"><div class="field"><span class="label"><span class="box"></span>Other (please specify)</span><span class="fill"></span></div></div>
  </div>
  <div class="fields"><div class="field"><span class="label">Staff member</span><span class="fill"></span></div><div class="field narrow"><span class="label">Date</span><span class="fill"></span></div></div>
</div>`;
}
