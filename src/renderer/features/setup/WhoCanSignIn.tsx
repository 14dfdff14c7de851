import { Alert, List, Text } from '@mantine/core';
import { ROLE_LABEL } from '../../../shared/auth/permissions';
import { whoWorksAtSite, type Staff } from '../../../shared/auth/staff';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';
import { useSyncStore } from '../sync/public';

const NONE: Staff[] = [];

/**
 * Who will be able to sign in at the site a joining workstation is set to, from the clinic's
 * staff list once it has arrived in full. Until then it says the answer is not known yet, rather
 * than showing an empty or partial list as if that were everyone.
 */
export function WhoCanSignIn({ siteId }: { siteId: string }) {
  const desk = useDesk();
  const staff = useObservable(() => desk.staff.observeAll(), NONE, [desk]);
  const arrived = useSyncStore((s) => s.received.includes('staff'));
  const title = `Who can sign in at site “${siteId}”`;

  if (!arrived) {
    return (
      <Alert color="gray" role="status" aria-label="Who can sign in" title={title}>
        <Text size="sm">
          {staff.length === 0
            ? 'Not known yet: the clinic’s staff list has not arrived.'
            : `Not known yet: the clinic’s staff list is still arriving (${staff.length} ${staff.length === 1 ? 'person' : 'people'} so far).`}
        </Text>
      </Alert>
    );
  }

  const people = whoWorksAtSite(staff, siteId);
  const onlyAdministrators = people.every((p) => p.roles.includes('administrator'));
  return (
    <Alert color={onlyAdministrators ? 'orange' : 'teal'} role="status" aria-label="Who can sign in" title={title}>
      {onlyAdministrators && (
        <Text size="sm" mb="xs">
          {people.length === 0
            ? `Nobody can sign in at site “${siteId}”: nobody active works there and the clinic has no active administrator.`
            : `Only administrators can sign in at site “${siteId}” until an administrator adds the site to people on the Staff screen.`}
        </Text>
      )}
      {people.length > 0 && (
        <List size="sm" spacing={2}>
          {people.map((p) => (
            <List.Item key={p.id}>
              <Text span size="sm" fw={600}>
                {p.displayName}
              </Text>{' '}
              <Text span size="sm" c="dimmed">
                {p.roles.map((r) => ROLE_LABEL[r]).join(', ')}
                {p.roles.includes('administrator') && !p.siteIds.includes(siteId) ? ' (any site)' : ''}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
