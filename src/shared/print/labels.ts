import { z } from 'zod';
import { HumanNumberSchema } from '../domain/humanNumber';
import { InstantSchema, TimeZoneSchema } from '../domain/time';

/**
 * What a label is for:
 * - `patient`: name, date of birth, sex and MRN with its barcode, for forms and specimens;
 * - `chart`: the same led by the family name in large type, with the provider, for a chart folder;
 * - `wristband`: one band, name, date of birth and MRN with its barcode along its length.
 */
export const LabelKindSchema = z.enum(['patient', 'chart', 'wristband']);
export type LabelKind = z.infer<typeof LabelKindSchema>;

export const LABEL_KIND_LABEL: Record<LabelKind, string> = {
  patient: 'Patient labels',
  chart: 'Chart labels',
  wristband: 'Wristband',
};

/** The label printer's stock, set per workstation: 2¼ × 1¼ in or 4 × 6 in labels, one a label. */
export const LabelStockSchema = z.enum(['2.25x1.25in', '4x6in']);
export type LabelStock = z.infer<typeof LabelStockSchema>;

export const LABEL_STOCK_LABEL: Record<LabelStock, string> = {
  '2.25x1.25in': '2¼ × 1¼ in',
  '4x6in': '4 × 6 in',
};

/**
 * Where labels print: on the label printer's own stock (`roll`), or on a letter sheet of 30
 * (2⅝ × 1 in, 3 across and 10 down, the common address-label sheet) on the document printer,
 * from a chosen position so a sheet partly used is used up.
 */
export const LabelLayoutSchema = z.enum(['roll', 'sheet-30']);
export type LabelLayout = z.infer<typeof LabelLayoutSchema>;

/** How many labels one request prints at most: one full sheet. */
export const MAX_LABELS = 30;

/** Labels for one patient. The renderer sends this (never HTML); main draws the barcode and lays them out. */
export const LabelPrintDataSchema = z
  .object({
    label: LabelKindSchema,
    layout: LabelLayoutSchema,
    count: z.number().int().min(1).max(MAX_LABELS),
    /** On a sheet, the first free label (1 is the top left, read across then down). */
    startAt: z.number().int().min(1).max(MAX_LABELS).default(1),
    clinic: z.object({ name: z.string().min(1).max(120) }),
    /** The patient, so the document is found again from their record; not printed. */
    patientId: z.string().max(36).optional(),
    patient: z.object({
      name: z.string().min(1).max(210),
      /** MM/DD/YYYY, or '' when not on file. */
      birthDate: z.string().max(10),
      sex: z.string().max(20),
      /** The barcode encodes it; it must be there. */
      mrn: HumanNumberSchema,
    }),
    /** The patient's provider, on chart labels ('' for none). */
    provider: z.string().max(120).default(''),
    timeZone: TimeZoneSchema,
    printedAt: InstantSchema,
    printedBy: z.string().min(1).max(100),
  })
  .superRefine((data, ctx) => {
    if (data.layout === 'sheet-30' && data.startAt + data.count - 1 > MAX_LABELS) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: `A sheet holds ${MAX_LABELS} labels: from label ${data.startAt}, at most ${MAX_LABELS - data.startAt + 1} fit` });
    }
    if (data.label === 'wristband' && data.layout !== 'roll') {
      ctx.addIssue({ code: 'custom', path: ['layout'], message: 'A wristband prints on the label printer, not on a sheet' });
    }
  });
export type LabelPrintData = z.infer<typeof LabelPrintDataSchema>;
export type LabelPrintRequest = z.input<typeof LabelPrintDataSchema>;
