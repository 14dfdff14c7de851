import { createElement, type ReactElement } from 'react';
import type { RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { buildDesk } from '../../../src/renderer/app/buildDesk';
import { openClinicDatabase } from '../../../src/renderer/app/clinicDatabase';
import { collectionsOf, defineFeature, screensOf, type FeatureScreenId } from '../../../src/renderer/app/feature';
import { FEATURES, type Screen } from '../../../src/renderer/app/features';
import { defineCollection, MAX_COLLECTIONS } from '../../../src/renderer/data/collection';
import { latestChangeWins } from '../../../src/renderer/data/conflicts';
import { openDatabase } from '../../../src/renderer/data/database';
import { SYNCED_COLLECTIONS } from '../../../src/shared/sync/collections';
import { TEST_DATABASE_KEY } from '../../fixtures/clinic';
import { testClient, testSettings } from '../../support/desk';

/** A new, small feature as a developer would add it: one folder's worth, registered by one line. */
type Note = { id: string; text: string; createdAt: string; updatedAt: string; updatedBy: string; siteId: string };
const noteSchema: RxJsonSchema<Note> = {
  title: 'notes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 36 }, text: { type: 'string' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' }, updatedBy: { type: 'string' }, siteId: { type: 'string' } },
  required: ['id', 'text', 'createdAt', 'updatedAt', 'updatedBy', 'siteId'],
  additionalProperties: false,
};
function NotesScreen(): ReactElement {
  return createElement('p', null, 'Notes');
}
const notesFeature = defineFeature({
  id: 'notes',
  collections: { notes: defineCollection<Note>({ schema: noteSchema, migrationStrategies: {}, conflicts: latestChangeWins<Note>() }) },
  repositories: (db, { ctx }) => ({
    notes: {
      async add(text: string): Promise<Note> {
        const note = { id: `note-${Date.now()}`, text, ...ctx.created() };
        await db.notes.insert(note);
        await ctx.auditSaved({ action: 'create', subject: `notes/${note.id}` });
        return note;
      },
      async count(): Promise<number> {
        return db.notes.count().exec();
      },
    },
  }),
  screens: [{ id: 'notes', label: 'Notes', key: '0', component: NotesScreen }],
});
const WITH_NOTES = [...FEATURES, notesFeature] as const;

const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

describe('the features list', () => {
  it('declares every synced collection once, within RxDB\'s limit', () => {
    const names = Object.keys(collectionsOf(FEATURES));
    expect(names.length).toBeLessThanOrEqual(MAX_COLLECTIONS);
    expect([...names].sort()).toEqual([...SYNCED_COLLECTIONS].sort());
  });

  it('builds the navigation in list order with one shortcut each', () => {
    expect(screensOf(FEATURES).map((s) => [s.label, `Alt+${s.key}`])).toEqual([
      ['Patients', 'Alt+1'],
      ['Schedule', 'Alt+2'],
      ['Check-in', 'Alt+3'],
      ['Payments', 'Alt+4'],
      ['Audit log', 'Alt+5'],
      ['Staff', 'Alt+6'],
      ['Settings', 'Alt+7'],
      ['Sync', 'Alt+8'],
      ['Review conflicts', 'Alt+9'],
    ]);
    expectTypeOf<Screen>().toEqualTypeOf<'patients' | 'schedule' | 'checkin' | 'payments' | 'audit' | 'staff' | 'settings' | 'sync' | 'conflicts'>();
  });

  it('takes a new feature as one more entry: its collection opens, its repository is on the desk, its screen in the navigation', async () => {
    const db = await openDatabase({ name: `features${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY, collections: collectionsOf(WITH_NOTES) });
    closing.push(() => db.close());
    const settings = testSettings();
    const desk = buildDesk({
      db: db as never,
      client: testClient('N1'),
      settings: () => settings,
      actor: () => ({ id: 'staff-1', name: 'Morgan Lee', roles: ['front-desk'] }),
      features: WITH_NOTES,
    });
    await desk.notes.add('Call back about the referral');
    expect(await desk.notes.count()).toBe(1);
    // The new record is stamped and audited like every other write.
    const note = (await db.notes!.find().exec())[0]!.toJSON();
    expect(note).toMatchObject({ updatedBy: 'staff-1', siteId: 'north' });
    expect((await db.audit!.find().exec()).map((e) => e.toJSON().subject)).toEqual([`notes/${note.id}`]);
    // The other features are all still there.
    expect(typeof desk.patients.register).toBe('function');
    expect(screensOf(WITH_NOTES).at(-1)).toMatchObject({ id: 'notes', label: 'Notes', key: '0' });
    expectTypeOf<FeatureScreenId<typeof WITH_NOTES>>().toEqualTypeOf<Screen | 'notes'>();
  });

  it('refuses two features with the same collection, repository or shortcut', async () => {
    expect(() => collectionsOf([notesFeature, notesFeature])).toThrow('Two features declare the collection notes');
    expect(() => screensOf([notesFeature, { ...notesFeature, id: 'other', collections: {} }])).toThrow('Two screens use the shortcut Alt+0');
    const db = await openClinicDatabase({ name: `twice${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY });
    closing.push(() => db.close());
    const settings = testSettings();
    expect(() =>
      buildDesk({ db, client: testClient('N1'), settings: () => settings, actor: () => ({ id: 's', name: 'S', roles: [] }), features: [...FEATURES, { ...FEATURES[1], id: 'again' }] }),
    ).toThrow('Two features add a repository named appointments');
  });

  it(`refuses more collections than RxDB opens (${MAX_COLLECTIONS}), before opening any`, async () => {
    const many = Object.fromEntries(Array.from({ length: MAX_COLLECTIONS + 1 }, (_, i) => [`c${i}`, notesFeature.collections.notes]));
    await expect(openDatabase({ name: `many${Date.now()}`, storage: getRxStorageMemory(), encryptionKey: TEST_DATABASE_KEY, collections: many })).rejects.toThrow(
      `The features declare ${MAX_COLLECTIONS + 1} collections`,
    );
  });
});
