/**
 * Escaping for print templates. Printed documents carry text people typed (patient names,
 * descriptions), so every interpolation is escaped unless it is explicitly marked as trusted
 * markup; forgetting to escape has to be impossible, not merely unlikely.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '` so that text is safe both between tags and inside quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Markup that is already safe to insert. Only `html` and `raw` create it. */
export interface SafeHtml {
  readonly markup: string;
}

// Only values registered here count as markup, so an object that merely looks like SafeHtml
// (for example parsed from JSON) is still escaped.
const trustedValues = new WeakSet<SafeHtml>();

function trusted(markup: string): SafeHtml {
  const value: SafeHtml = Object.freeze({ markup, toString: () => markup });
  trustedValues.add(value);
  return value;
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && trustedValues.has(value as SafeHtml);
}

/** What may be interpolated into `html`: text (escaped), safe markup, lists of either, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

/**
 * Marks a fragment as trusted markup so `html` inserts it unescaped. Only for markup written in
 * the code (or produced by `html`), never for data.
 */
export function raw(trustedMarkup: string): SafeHtml {
  return trusted(trustedMarkup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isSafeHtml(value)) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolation unless it is `SafeHtml`. Arrays are rendered
 * item by item (so `items.map((i) => html\`<li>${i}</li>\`)` works); `null`, `undefined` and
 * `false` render as nothing so conditionals read naturally.
 *
 * @example html`<p class="name">${patient.name}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return trusted(out);
}

/**
 * The head of a printed document: its title (escaped), a Content-Security-Policy that allows
 * nothing but the document's own inline style (and, when asked, pictures embedded as data: URLs),
 * and that style (trusted: written in the template).
 */
export function documentHead(title: string, style: string, options: { dataImages?: boolean } = {}): SafeHtml {
  // Pictures the template embeds itself (a signature) are data: URLs; nothing is ever fetched.
  // Written in the code from constants, so trusted markup.
  const policy = `default-src 'none'; style-src 'unsafe-inline'${options.dataImages ? '; img-src data:' : ''}`;
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${raw(policy)}">
<title>${title}</title>
<style>${raw(style)}</style>
</head>`;
}
