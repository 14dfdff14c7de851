import { Badge, Button, Card, Group, Menu, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ROLE_LABEL } from '../../../shared/auth/permissions';
import { knownSites, type Staff } from '../../../shared/auth/staff';
import { useDesk } from '../../app/DeskContext';
import { useSettings } from '../../app/settingsStore';
import { useObservable } from '../../app/useObservable';
import { RefusalNotice } from '../../components/RefusalNotice';
import { useGuardedAction } from '../../components/useGuardedAction';
import { useSessionStore } from '../signin/public';
import { AddStaffForm } from './AddStaffForm';
import { EditAccessDialog } from './EditAccessDialog';
import { SecretDialog, type SecretChange } from './SecretDialog';

/** Everyone who works at the clinic: add people, change their roles and sites, reset secrets, deactivate; and one's own account. */
export function StaffScreen() {
  const desk = useDesk();
  const me = useSessionStore((s) => s.staff);
  const guard = useGuardedAction();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<SecretChange | null>(null);
  const [editing, setEditing] = useState<Staff | null>(null);
  const staff = useObservable(() => desk.staff.observeAll(), [] as Staff[], [desk]);
  const here = useSettings().siteId;
  const sites = knownSites(staff, here);

  const setActive = (person: Staff, active: boolean) =>
    guard
      .run(async () => {
        await desk.staff.setActive(desk.ctx, person.id, active);
        notifications.show({ color: 'teal', message: `${person.displayName} ${active ? 'reactivated' : 'deactivated'}` });
      })
      .catch((e: unknown) => notifications.show({ color: 'red', message: (e as Error).message }));

  return (
    <>
      <Stack>
        <Group justify="space-between">
          <Title order={2}>Staff</Title>
          <Group>
            {me && (
              <>
                <Button variant="default" onClick={() => setSecret({ staff: me, kind: 'password' })}>
                  Change my password
                </Button>
                <Button variant="default" onClick={() => setSecret({ staff: me, kind: 'pin' })}>
                  Change my PIN
                </Button>
              </>
            )}
            <Button onClick={() => setAdding(true)}>Add person</Button>
          </Group>
        </Group>
        <RefusalNotice guard={guard} />
        {adding && (
          <Card withBorder>
            <AddStaffForm sites={sites} onDone={() => setAdding(false)} run={guard.run} />
          </Card>
        )}
        <Table aria-label="Staff">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>User name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Sites</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.displayName}</Table.Td>
                <Table.Td>{s.username}</Table.Td>
                <Table.Td>{s.roles.map((r) => ROLE_LABEL[r]).join(', ')}</Table.Td>
                <Table.Td>{s.siteIds.join(', ')}</Table.Td>
                <Table.Td>
                  <Badge color={s.status === 'active' ? 'teal' : 'gray'} variant="light">
                    {s.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal={false}>
                    <Menu.Target>
                      <Button size="xs" variant="subtle" aria-label={`Actions for ${s.displayName}`}>
                        Actions
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setEditing(s)}>Edit roles and sites</Menu.Item>
                      <Menu.Item onClick={() => setSecret({ staff: s, kind: 'password' })}>Reset password</Menu.Item>
                      <Menu.Item onClick={() => setSecret({ staff: s, kind: 'pin' })}>Reset PIN</Menu.Item>
                      {s.status === 'active' ? (
                        <Menu.Item color="red" onClick={() => void setActive(s, false)}>
                          Deactivate
                        </Menu.Item>
                      ) : (
                        <Menu.Item onClick={() => void setActive(s, true)}>Reactivate</Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      {/* Outside the stack, so closed dialogs leave no gaps in it. */}
      <SecretDialog change={secret} onClose={() => setSecret(null)} run={guard.run} />
      <EditAccessDialog person={editing} me={me?.id ?? null} sites={sites} here={here} onClose={() => setEditing(null)} run={guard.run} />
    </>
  );
}
