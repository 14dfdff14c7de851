import { z } from 'zod';
import { ChangeStampSchema } from '../domain/changeStamp';
import { IdSchema, PatientIdSchema } from '../domain/ids';

export const DocumentIdSchema = IdSchema.brand<'DocumentId'>();
export type DocumentId = z.infer<typeof DocumentIdSchema>;

export const DocumentKindSchema = z.enum(['insurance-card-front', 'insurance-card-back', 'photo-id', 'signed-form', 'other']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  'insurance-card-front': 'Insurance card (front)',
  'insurance-card-back': 'Insurance card (back)',
  'photo-id': 'Photo ID',
  'signed-form': 'Signed form',
  other: 'Other',
};

/**
 * The largest stored image, in bytes after compression. RxDB's CouchDB replication does not carry
 * attachments, so an image travels inside its document as base64 (a third larger); CouchDB 3
 * refuses documents over 8 MB by default and every workstation keeps a copy, so cards are kept
 * small: a card photo compressed to 1600 px JPEG is usually 150-350 KB.
 */
export const MAX_DOCUMENT_BYTES = 600 * 1024;
/** Longest side of a stored image in pixels. */
export const MAX_IMAGE_SIDE = 1600;

export const DocumentContentTypeSchema = z.enum(['image/jpeg', 'image/webp', 'application/pdf']);

/** A scanned or photographed document stored in the synced `documents` collection. */
export const PatientDocumentSchema = z
  .object({
    id: DocumentIdSchema,
    patientId: PatientIdSchema,
    kind: DocumentKindSchema,
    title: z.string().trim().min(1).max(120),
    contentType: DocumentContentTypeSchema,
    /** The file, base64 encoded. */
    data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64 data'),
    bytes: z.number().int().positive().max(MAX_DOCUMENT_BYTES, 'The file is too large'),
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    /** SHA-256 of the file's bytes, hex: proves the copy that synced is the one that was saved. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    status: z.enum(['active', 'removed']),
  })
  .extend(ChangeStampSchema.shape)
  .refine((d) => Math.floor((d.data.length * 3) / 4) - (d.data.endsWith('==') ? 2 : d.data.endsWith('=') ? 1 : 0) === d.bytes, {
    message: 'The stored size does not match the data',
    path: ['bytes'],
  });
export type PatientDocument = z.infer<typeof PatientDocumentSchema>;
