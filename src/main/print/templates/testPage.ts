import { documentHead, html } from '../html';

export interface TestPageData {
  clinicName: string;
  printer: string;
  /** What the printer prints here: "Receipts (80 mm thermal roll)", "Letter and A4 documents". */
  use: string;
  /** The paper the page is laid out for, in millimetres. */
  widthMm: number;
  printedAt: string;
  timeZone: string;
}

/**
 * A printer's test page: which printer, what it is for, when; a ruler 50 mm long to check the
 * scale, and a box at the printable width to check nothing is cut off at the edges.
 */
export function renderTestPageHtml(data: TestPageData, marginMm: number, size: string): string {
  const width = data.widthMm - 2 * marginMm;
  const when = new Intl.DateTimeFormat('en-US', { timeZone: data.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(data.printedAt));
  const style = `
@page { ${size ? `size: ${size}; ` : ''}margin: ${marginMm}mm; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${width}mm; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; line-height: 1.35; }
p { margin: 0 0 1.5mm; overflow-wrap: anywhere; }
h1 { font-size: 13pt; margin: 0 0 2mm; }
.edge { border: 0.8pt solid #000; padding: 2mm; }
.ruler { margin-top: 3mm; width: 50mm; height: 4mm; border: 0.8pt solid #000; border-top: 0; background: repeating-linear-gradient(to right, #000 0 0.3mm, transparent 0.3mm 5mm); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
`;
  return html`<!doctype html>
<html lang="en">
${documentHead(`Test page — ${data.printer}`, style)}
<body>
<div class="edge">
<h1>Test page</h1>
<p><b>${data.clinicName}</b></p>
<p>Printer: ${data.printer}</p>
<p>For: ${data.use}</p>
<p>Printed ${when}</p>
<p>The box should show on all four sides. The ruler below is 50 mm (about 2 in) long, with a mark every 5 mm.</p>
<div class="ruler"></div>
</div>
</body>
</html>
`.markup;
}
