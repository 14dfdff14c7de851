import { z } from 'zod';

/** The paper the document printer holds: US letter, or A4 where that is the office paper. */
export const DocumentPaperSchema = z.enum(['letter', 'a4']);
export type DocumentPaper = z.infer<typeof DocumentPaperSchema>;
export const DOCUMENT_PAPER_LABEL: Readonly<Record<DocumentPaper, string>> = { letter: 'Letter (8½ × 11 in)', a4: 'A4 (210 × 297 mm)' };

/**
 * The documents laid out on the document printer's paper. Statements stay on letter (their address
 * sits in a US #10 window envelope's window) and label sheets on the letter sheet of 30; an
 * appointment card is a card.
 */
export const PAPER_SIZED_KINDS = ['day-schedule', 'reminder-calls', 'form', 'signed-form', 'form-packet', 'visit-summary', 'day-sheet', 'card-copy'] as const;
