import type { RxJsonSchema, WithDeleted } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { pulledDocument, pushedDocument } from '../../../src/renderer/features/sync/replication';
import { appointmentSchema } from '../../../src/renderer/features/schedule/appointmentsCollection';
import type { Appointment } from '../../../src/shared/schedule/appointment';
import { JaneDoeNineAm } from '../../fixtures/clinic';

const schema = appointmentSchema as RxJsonSchema<Appointment>;
const pulled = pulledDocument(schema);
const pushed = pushedDocument(schema);

describe('documents crossing the replication', () => {
  it('keeps a record as it is, both ways', () => {
    const doc = { ...JaneDoeNineAm, _deleted: false } as WithDeleted<Appointment>;
    expect(pulled(doc)).toBe(doc);
    expect(pushed(doc)).toBe(doc);
  });

  it('fills a bare tombstone so that the local store can apply the deletion', () => {
    expect(pulled({ id: JaneDoeNineAm.id, _deleted: true } as unknown as WithDeleted<Appointment>)).toMatchObject({ id: JaneDoeNineAm.id, _deleted: true, patientId: '', arrivedAt: null });
  });

  it('stores the design document that holds the server’s rules as a deleted record, and never sends it back', () => {
    const design = { id: '_design/clinicdesk', language: 'javascript', validate_doc_update: 'function () {}', clinicdesk: { version: 3 }, _deleted: false } as unknown as WithDeleted<Appointment>;
    const local = pulled(design);
    expect(local).toMatchObject({ id: '_design/clinicdesk', _deleted: true, status: '' });
    expect(local).not.toHaveProperty('validate_doc_update');
    expect(pushed(local)).toBeNull();
  });
});
