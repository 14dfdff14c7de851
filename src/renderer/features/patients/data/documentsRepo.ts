import type { RxCollection } from 'rxdb';
import { map, type Observable } from 'rxjs';
import { DOCUMENT_KIND_LABEL, MAX_DOCUMENT_BYTES, PatientDocumentSchema, type DocumentKind, type PatientDocument } from '../../../../shared/patients/document';
import { newId, type PatientId } from '../../../../shared/domain/ids';
import { storedReader } from '../../../data/storedRecords';
import { DeskError, type WorkContext } from '../../../data/workContext';

const stored = storedReader(PatientDocumentSchema, 'A patient document');

export interface NewDocument {
  kind: DocumentKind;
  title?: string;
  contentType: PatientDocument['contentType'];
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Base64 of bytes, in chunks so a large file does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Scanned documents kept with the patient: insurance cards, IDs, signed forms. Each is one synced
 * document holding its file as base64 (RxDB's CouchDB replication does not carry attachments),
 * limited in size; opening one is audited like opening the record.
 */
export function createDocumentsRepo(db: { documents: RxCollection<PatientDocument> }, ctx: WorkContext) {
  return {
    async add(forPatient: PatientId, file: NewDocument): Promise<PatientDocument> {
      if (file.bytes.length === 0) throw new DeskError('The file is empty.');
      if (file.bytes.length > MAX_DOCUMENT_BYTES) {
        throw new DeskError(`The file is ${Math.ceil(file.bytes.length / 1024)} KB; the most a document may be is ${MAX_DOCUMENT_BYTES / 1024} KB.`);
      }
      const patientId = await ctx.patientOnFile(forPatient);
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId });
      const document = PatientDocumentSchema.parse({
        id: newId<'DocumentId'>(),
        patientId,
        kind: file.kind,
        title: file.title?.trim() || DOCUMENT_KIND_LABEL[file.kind],
        contentType: file.contentType,
        data: toBase64(file.bytes),
        bytes: file.bytes.length,
        width: file.width,
        height: file.height,
        sha256: await sha256Hex(file.bytes),
        status: 'active',
        ...ctx.created(),
      });
      await db.documents.insert(document);
      await ctx.auditSaved({ action: 'create', patientId, subject: `documents/${document.id}`, detail: `Added ${document.title} (${Math.ceil(document.bytes / 1024)} KB)`, approvedBy });
      return document;
    },
    /** Opens a document to look at it: checked, audited, and its content checked against its hash. */
    async open(id: string): Promise<{ document: PatientDocument; bytes: Uint8Array }> {
      const document = stored.one(await db.documents.findOne(id).exec());
      if (!document) throw new DeskError('That document could not be found.');
      await ctx.authorize('patient.view', { patientId: document.patientId });
      const bytes = fromBase64(document.data);
      if ((await sha256Hex(bytes)) !== document.sha256) throw new DeskError('This document is damaged: its content does not match what was saved.');
      await ctx.audit({ action: 'view', patientId: document.patientId, subject: `documents/${id}`, detail: `Viewed ${document.title}` });
      return { document, bytes };
    },
    /** Takes a document off the patient's list; it stays stored. */
    async remove(id: string): Promise<void> {
      const doc = await db.documents.findOne(id).exec();
      const document = stored.one(doc);
      if (!doc || !document) throw new DeskError('That document could not be found.');
      const { approvedBy } = await ctx.authorize('patient.edit', { patientId: document.patientId });
      await doc.incrementalPatch({ status: 'removed', ...ctx.stamp() });
      await ctx.auditSaved({ action: 'change', patientId: document.patientId, subject: `documents/${id}`, changes: [{ field: 'status', before: 'active', after: 'removed' }], approvedBy });
    },
    /** Documents of a patient and of every record merged into them, without their data. */
    observeForPatients(patientIds: readonly string[]): Observable<PatientDocument[]> {
      return stored.live(db.documents.find({ selector: { patientId: { $in: [...patientIds] }, status: 'active' } }).$).pipe(map((docs) => docs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
    },
  };
}

export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
