import { Modal } from '@mantine/core';
import type { Staff } from '../../../shared/auth/staff';
import { EditAccessForm, type EditAccessProps } from './EditAccessForm';

/** An administrator changes which roles a person holds and at which sites they may sign in. */
export function EditAccessDialog({ person, ...rest }: EditAccessProps & { person: Staff | null }) {
  return (
    <Modal opened={person !== null} onClose={rest.onClose} title={person ? `Roles and sites of ${person.displayName}` : ''} size="lg" withinPortal={false}>
      {person && <EditAccessForm key={person.id} person={person} {...rest} />}
    </Modal>
  );
}
