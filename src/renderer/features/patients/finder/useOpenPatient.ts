import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import type { PatientId } from '../../../../shared/domain/ids';
import { useDesk } from '../../../app/DeskContext';
import { useDeskStore } from '../../../app/deskStore';

/**
 * Opens a patient's record on the Patients screen from wherever the desk is. Opening is a view of
 * patient data, so it is permission-checked and audited first; resolves to whether it opened.
 */
export function useOpenPatient(): (id: PatientId) => Promise<boolean> {
  const desk = useDesk();
  return useCallback(
    async (id) => {
      try {
        const patient = await desk.patients.open(id);
        if (!patient) throw new Error('That patient could not be found.');
      } catch (error) {
        notifications.show({ color: 'red', title: 'Cannot open the record', message: (error as Error).message });
        return false;
      }
      const { selectPatient, go } = useDeskStore.getState();
      selectPatient(id);
      go('patients');
      return true;
    },
    [desk],
  );
}
