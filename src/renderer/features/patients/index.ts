import { defineFeature } from '../../app/feature';
import { catalogCollection } from '../catalog/public';
import { useFinderStatus } from './finder/finderStatusStore';
import { launchPatientFinder } from './finder/patientFinderIndex';
import { coveragesCollection } from './data/coveragesCollection';
import { createCoveragesRepo } from './data/coveragesRepo';
import { documentsCollection } from './data/documentsCollection';
import { createDocumentsRepo } from './data/documentsRepo';
import { patientsCollection } from './data/patientsCollection';
import { createPatientsRepo } from './data/patientsRepo';
import { PatientsScreen } from './PatientsScreen';

/**
 * Patients: the record, its coverages and scanned documents, the finder (which loads while the
 * desk shows its sign-in screen; search says so until it is ready), duplicates and merges.
 */
export const patientsFeature = defineFeature({
  id: 'patients',
  collections: { patients: patientsCollection, coverages: coveragesCollection, documents: documentsCollection },
  // A coverage keeps its payer's name from the clinic's payer list.
  uses: { catalog: catalogCollection },
  repositories: (db, { ctx, client, auditTrail }) => {
    const { finder, ready } = launchPatientFinder(db);
    let loaded = false;
    ready.then(
      () => {
        loaded = true;
        useFinderStatus.setState({ ready: true, failed: null });
      },
      (error: unknown) => {
        console.error('The patient finder could not load', error);
        useFinderStatus.setState({ failed: 'The patient list could not be loaded. Restart ClinicDesk; if it happens again, call support.' });
      },
    );
    // MRNs are issued by main, from this workstation's prefix and sequence.
    const nextMrn = async () => (await client.call('numbers:next', { kind: 'mrn' })).value;
    return {
      patients: createPatientsRepo(db, ctx, finder, nextMrn, auditTrail, { isReady: () => loaded, whenReady: ready }),
      coverages: createCoveragesRepo(db, ctx),
      documents: createDocumentsRepo(db, ctx),
    };
  },
  screens: [{ id: 'patients', label: 'Patients', key: '1', component: PatientsScreen }],
});
