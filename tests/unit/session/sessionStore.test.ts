import { beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '../../../src/renderer/features/signin/sessionStore';
import { DanaFrontDesk } from '../../fixtures/clinic';

const store = useSessionStore.getState;

beforeEach(() => {
  store().signOut();
});

describe("the session's copy of the signed-in person", () => {
  it('takes their changed record and keeps the session as it was', () => {
    store().signIn(DanaFrontDesk, new Date('2026-11-23T15:00:00Z'));
    store().lock();
    store().refresh({ ...DanaFrontDesk, roles: ['front-desk', 'billing'], siteIds: ['north', 'main'] });
    expect(store()).toMatchObject({ staff: { roles: ['front-desk', 'billing'], siteIds: ['north', 'main'] }, locked: true, signedInAt: '2026-11-23T15:00:00.000Z' });
  });

  it("ignores someone else's record, and signs nobody in", () => {
    store().refresh(DanaFrontDesk);
    expect(store().staff).toBeNull();
    store().signIn(DanaFrontDesk, new Date('2026-11-23T15:00:00Z'));
    store().refresh({ ...DanaFrontDesk, id: 'someone-else', roles: ['administrator'] });
    expect(store().staff?.roles).toEqual(['front-desk']);
  });
});
