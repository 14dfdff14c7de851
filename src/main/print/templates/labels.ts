import bwipjs from 'bwip-js/node';
import { HumanNumberSchema } from '../../../shared/domain/humanNumber';
import { MAX_LABELS, type LabelPrintData, type LabelStock } from '../../../shared/print/labels';
import { documentHead, html, raw, type SafeHtml } from '../html';
import type { PageSpec } from '../pdf';

/** The label printer's stock, one label a page. */
const STOCK_PAGE: Record<LabelStock, PageSpec> = {
  '2.25x1.25in': { widthMm: 57.15, heightMm: 31.75, marginMm: 0 },
  '4x6in': { widthMm: 101.6, heightMm: 152.4, marginMm: 0 },
};
/** A 1 × 11 in wristband, printed along its length. */
const WRISTBAND_PAGE: PageSpec = { widthMm: 279.4, heightMm: 25.4, marginMm: 0 };
/** A letter sheet of 30 labels, 2⅝ × 1 in: half an inch from the top, 3⁄16 in from the left, ⅛ in between columns. */
const SHEET = { page: { widthMm: 215.9, heightMm: 279.4, marginMm: 0 } as PageSpec, topMm: 12.7, leftMm: 4.7625, labelWidthMm: 66.675, labelHeightMm: 25.4, columnPitchMm: 69.85, columns: 3 };

/** The page labels are laid out on: the label stock, a wristband, or a letter sheet of 30. */
export function labelPage(data: Pick<LabelPrintData, 'label' | 'layout'>, stock: LabelStock): PageSpec {
  if (data.label === 'wristband') return WRISTBAND_PAGE;
  return data.layout === 'sheet-30' ? SHEET.page : STOCK_PAGE[stock];
}

/**
 * The MRN as a Code 128 barcode (SVG, drawn by bwip-js), stretched to the width given; the quiet
 * zones scanners need are part of it. Only an MRN that fits the number format is drawn, so nothing
 * typed reaches the markup.
 */
export function mrnBarcode(mrn: string, widthMm: number, heightMm: number): SafeHtml {
  const text = HumanNumberSchema.parse(mrn);
  const svg = bwipjs.toSVG({ bcid: 'code128', text, height: 10, includetext: false, paddingwidth: 10 });
  return raw(svg.replace('<svg ', `<svg preserveAspectRatio="none" role="img" aria-label="MRN barcode" style="width:${widthMm}mm;height:${heightMm}mm" `));
}

function nameParts(name: string): { family: string; given: string } {
  const comma = name.indexOf(',');
  return comma < 0 ? { family: name, given: '' } : { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
}

/** One label's content, with a barcode `barcodeMm` wide and high; a tall label also names the clinic at its foot. */
function labelBody(data: LabelPrintData, barcodeMm: { width: number; height: number }, tall = false): SafeHtml {
  const { patient } = data;
  const details = [patient.birthDate && `DOB ${patient.birthDate}`, patient.sex].filter(Boolean).join(' · ');
  const barcode = html`${mrnBarcode(patient.mrn, barcodeMm.width, barcodeMm.height)}${tall && html`<p class="clinic">${data.clinic.name}</p>`}`;
  if (data.label === 'chart') {
    const { family, given } = nameParts(patient.name);
    return html`<p class="family">${family}</p>${given && html`<p class="given">${given}</p>`}
<p class="line">${details}</p>
<p class="line">MRN <b>${patient.mrn}</b>${data.provider && html` · ${data.provider}`}</p>
<div class="barcode">${barcode}</div>`;
  }
  return html`<p class="name">${patient.name}</p>
<p class="line">${details}</p>
<p class="line">MRN <b>${patient.mrn}</b></p>
<div class="barcode">${barcode}</div>`;
}

const BASE_STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.barcode svg { display: block; }
`;

/**
 * Labels for one patient: on the label printer's stock one a page; on a letter sheet of 30 each
 * at its place from `startAt`; or one wristband. Every value is escaped, and the barcode encodes
 * only the MRN. A label printed again is not marked COPY: it is the same label.
 */
export function renderLabelsHtml(data: LabelPrintData, options: { copy: boolean; stock: LabelStock }): string {
  const page = labelPage(data, options.stock);
  const title = `${data.label === 'wristband' ? 'Wristband' : data.label === 'chart' ? 'Chart labels' : 'Patient labels'} — ${data.patient.name}`;
  if (data.label === 'wristband') return wristbandHtml(data, title);
  if (data.layout === 'sheet-30') return sheetHtml(data, title);

  // On 4 × 6 stock everything is drawn larger, in proportion.
  const scale = page.widthMm / STOCK_PAGE['2.25x1.25in'].widthMm;
  // A 4 × 6 label stands tall: its lines are set from the top, the barcode and the clinic below them.
  const tall = (page.heightMm ?? 0) > page.widthMm;
  const style = `${BASE_STYLE}
@page { size: ${page.widthMm}mm ${page.heightMm}mm; margin: 0; }
.label { width: ${page.widthMm}mm; height: ${page.heightMm}mm; padding: ${2 * scale}mm ${2.5 * scale}mm; overflow: hidden; break-after: page; display: flex; flex-direction: column; justify-content: ${tall ? 'flex-start' : 'space-between'}; gap: ${tall ? '3mm' : '0'}; }
.barcode { margin-top: ${tall ? '4mm' : '0'}; }
.clinic { font-size: ${6 * scale}pt; margin-top: 3mm; }
.label:last-child { break-after: auto; }
.name { font-weight: bold; font-size: ${9 * scale}pt; }
.family { font-weight: bold; font-size: ${12 * scale}pt; line-height: 1.05; text-transform: uppercase; }
.given { font-size: ${8.5 * scale}pt; font-weight: bold; }
.line { font-size: ${7 * scale}pt; }
`;
  const body = labelBody(data, tall ? { width: 80, height: 22 } : { width: 44, height: 8 }, tall);
  const labels = Array.from({ length: data.count }, () => html`<section class="label">${body}</section>`);
  return html`<!doctype html>
<html lang="en">
${documentHead(title, style)}
<body>${labels}</body>
</html>`.markup;
}

function sheetHtml(data: LabelPrintData, title: string): string {
  const style = `${BASE_STYLE}
@page { size: letter; margin: 0; }
.sheet { position: relative; width: ${SHEET.page.widthMm}mm; height: ${SHEET.page.heightMm}mm; }
.label { position: absolute; width: ${SHEET.labelWidthMm}mm; height: ${SHEET.labelHeightMm}mm; padding: 1.6mm 3mm; overflow: hidden; display: flex; flex-direction: column; justify-content: space-between; }
.name { font-weight: bold; font-size: 8.5pt; }
.family { font-weight: bold; font-size: 10pt; line-height: 1.05; text-transform: uppercase; }
.given { font-size: 7.5pt; font-weight: bold; }
.line { font-size: 6.5pt; }
`;
  const body = labelBody(data, { width: 44, height: 7 });
  const labels = Array.from({ length: Math.min(data.count, MAX_LABELS - data.startAt + 1) }, (_, i) => {
    const position = data.startAt - 1 + i;
    const top = SHEET.topMm + Math.floor(position / SHEET.columns) * SHEET.labelHeightMm;
    const left = SHEET.leftMm + (position % SHEET.columns) * SHEET.columnPitchMm;
    return html`<section class="label" style="${`top:${top.toFixed(2)}mm;left:${left.toFixed(2)}mm`}">${body}</section>`;
  });
  return html`<!doctype html>
<html lang="en">
${documentHead(title, style)}
<body><div class="sheet">${labels}</div></body>
</html>`.markup;
}

function wristbandHtml(data: LabelPrintData, title: string): string {
  const { patient } = data;
  const style = `${BASE_STYLE}
@page { size: ${WRISTBAND_PAGE.widthMm}mm ${WRISTBAND_PAGE.heightMm}mm; margin: 0; }
.band { width: ${WRISTBAND_PAGE.widthMm}mm; height: ${WRISTBAND_PAGE.heightMm}mm; display: flex; align-items: center; gap: 5mm; padding: 1.5mm 4mm 1.5mm 38mm; overflow: hidden; }
.who { flex: 0 1 auto; min-width: 0; max-width: 100mm; }
.name { font-weight: bold; font-size: 11pt; }
.line { font-size: 7.5pt; }
.clinic { font-size: 6.5pt; color: #222; }
`;
  const details = [patient.birthDate && `DOB ${patient.birthDate}`, patient.sex].filter(Boolean).join(' · ');
  return html`<!doctype html>
<html lang="en">
${documentHead(title, style)}
<body><div class="band">
<div class="who"><p class="name">${patient.name}</p><p class="line">${details} · MRN <b>${patient.mrn}</b></p><p class="clinic">${data.clinic.name}</p></div>
<div class="barcode">${mrnBarcode(patient.mrn, 48, 13)}</div>
<div class="who"><p class="name">${patient.name}</p><p class="line">MRN <b>${patient.mrn}</b></p></div>
</div></body>
</html>`.markup;
}
