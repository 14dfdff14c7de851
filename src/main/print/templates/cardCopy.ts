import type { CardCopyData, CardPicture } from '../../../shared/print/cardCopy';
import { pageRule } from './page';
import type { DocumentPaper } from '../../../shared/print/paper';
import { documentHead, html, type SafeHtml } from '../html';

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.copy { border: 1.5pt solid #000; padding: 1mm 0; margin-bottom: 3mm; text-align: center; font-weight: bold; }
header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 1.5pt solid #000; padding-bottom: 2mm; }
header .clinic { font-weight: bold; font-size: 12pt; }
header .who { text-align: right; }
header .who .name { font-weight: bold; font-size: 10.5pt; }
h1 { font-size: 14pt; margin: 3mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; }
th { text-align: left; font-weight: normal; font-size: 7pt; text-transform: uppercase; letter-spacing: 0.4pt; color: #444; padding: 1mm 2mm 0; }
td { font-weight: bold; padding: 0 2mm 1.5mm; border-bottom: 0.6pt solid #999; overflow-wrap: anywhere; }
.side { margin: 0 auto 5mm; width: 128.4mm; break-inside: avoid; }
.side .caption { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.5pt; color: #333; margin-bottom: 1mm; }
.side .frame { width: 128.4mm; height: 81mm; border: 0.6pt solid #999; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.side img { width: 100%; height: 100%; object-fit: contain; display: block; }
.side .missing { color: #444; font-style: italic; }
footer { margin-top: 2mm; border-top: 0.5pt solid #666; padding-top: 1.2mm; display: flex; justify-content: space-between; font-size: 7.5pt; color: #333; }
`;

function side(label: string, picture: CardPicture | null): SafeHtml {
  return html`<section class="side">
  <p class="caption">${label}</p>
  <div class="frame">${picture ? html`<img alt="${label}" src="${`data:${picture.contentType};base64,${picture.data}`}">` : html`<p class="missing">No picture of the ${label.toLowerCase()} on file</p>`}</div>
</section>`;
}

/**
 * A copy of the patient's insurance card on one letter page: the coverage on file, then the
 * card's front and back at one and a half times their size. Every value is escaped; the pictures
 * are only ever the stored JPEG or WebP, as data: URLs the page's policy allows and nothing else.
 */
export function renderCardCopyHtml(data: CardCopyData, options: { copy: boolean; paper?: DocumentPaper }): string {
  const title = `${options.copy ? 'COPY — ' : ''}Insurance card — ${data.patient.name}`;
  const printed = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(data.printedAt));
  const c = data.coverage;
  return html`<!doctype html>
<html lang="en">
${documentHead(title, `${pageRule(options.paper ?? 'letter')}${STYLE}`, { dataImages: true })}
<body>
${options.copy && html`<p class="copy">COPY — REPRINT</p>`}
<header>
  <p class="clinic">${data.clinic.name}</p>
  <div class="who"><p class="name">${data.patient.name}</p><p>${[data.patient.birthDate && `DOB ${data.patient.birthDate}`, data.patient.mrn && `MRN ${data.patient.mrn}`].filter(Boolean).join(' · ')}</p></div>
</header>
<h1>Insurance card${c.rank ? ` (${c.rank.toLowerCase()})` : ''}</h1>
<table>
  <tr><th>Insurance company</th><th>Plan</th><th>Member ID</th><th>Group number</th></tr>
  <tr><td>${c.payerName}</td><td>${c.plan || '—'}</td><td>${c.memberId}</td><td>${c.groupNumber || '—'}</td></tr>
  <tr><th colspan="4">Subscriber</th></tr>
  <tr><td colspan="4">${c.subscriber}</td></tr>
</table>
${side('Front', data.front)}
${side('Back', data.back)}
<footer><span>Printed ${printed} by ${data.printedBy}</span><span>Copy of the card on file</span></footer>
</body>
</html>
`.markup;
}
