import type { DocumentPaper } from '../../../shared/print/paper';
import type { PageSpec } from '../pdf';

/** Each document paper's page: the same half-inch margin on both. */
export const DOCUMENT_PAGES: Readonly<Record<DocumentPaper, PageSpec & { heightMm: number; marginMm: number }>> = {
  letter: { widthMm: 215.9, heightMm: 279.4, marginMm: 12.7 },
  a4: { widthMm: 210, heightMm: 297, marginMm: 12.7 },
};

/** The print style's page rule for a document paper. */
export function pageRule(paper: DocumentPaper): string {
  return `@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; margin: ${DOCUMENT_PAGES[paper].marginMm}mm; }`;
}

/** How tall a sheet is drawn so that its footer sits at the foot of the page (a little inside it). */
export function sheetHeightMm(paper: DocumentPaper): number {
  const page = DOCUMENT_PAGES[paper];
  return Math.round((page.heightMm - 2 * page.marginMm - 4) * 10) / 10;
}

/**
 * The room a one-page document can count on whichever paper it prints on: letter's height (the
 * shorter) and A4's width (the narrower), so a layout chosen to fit one page fits on both.
 */
export const COMMON_CONTENT = {
  heightMm: Math.min(...Object.values(DOCUMENT_PAGES).map((p) => p.heightMm - 2 * p.marginMm)),
  widthMm: Math.min(...Object.values(DOCUMENT_PAGES).map((p) => p.widthMm - 2 * p.marginMm)),
};
