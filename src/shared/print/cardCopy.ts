import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../patients/document';
import { InstantSchema, TimeZoneSchema } from '../domain/time';

const Text = (max: number) => z.string().max(max);

/** A picture of one side of the card as it is stored with the patient's documents: JPEG or WebP, base64. */
export const CardPictureSchema = z
  .object({
    contentType: z.enum(['image/jpeg', 'image/webp']),
    data: z.string().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, 'The picture is too large').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The picture is not base64 data'),
  })
  .superRefine((p, ctx) => {
    // The first bytes must be the kind of picture it says: nothing else reaches the page.
    const jpeg = p.data.startsWith('/9j/');
    const webp = p.data.startsWith('UklGR');
    if ((p.contentType === 'image/jpeg' && !jpeg) || (p.contentType === 'image/webp' && !webp)) ctx.addIssue({ code: 'custom', path: ['data'], message: `The picture is not a ${p.contentType === 'image/jpeg' ? 'JPEG' : 'WebP'} picture` });
  });
export type CardPicture = z.infer<typeof CardPictureSchema>;

/**
 * A copy of a patient's insurance card for the paper chart or a payer: the coverage on file and
 * the pictures of the card's front and back (either may be missing) on one letter page.
 */
export const CardCopyDataSchema = z.object({
  clinic: z.object({ name: z.string().min(1).max(120) }),
  /** The patient, so the document is found again from their record. */
  patientId: z.string().max(36).optional(),
  patient: z.object({ name: z.string().min(1).max(210), birthDate: Text(10), mrn: Text(20) }),
  coverage: z.object({ rank: Text(20), payerName: z.string().min(1).max(120), plan: Text(80), memberId: Text(30), groupNumber: Text(30), subscriber: Text(200) }),
  front: CardPictureSchema.nullable(),
  back: CardPictureSchema.nullable(),
  timeZone: TimeZoneSchema,
  printedAt: InstantSchema,
  printedBy: z.string().min(1).max(100),
});
export type CardCopyData = z.infer<typeof CardCopyDataSchema>;
