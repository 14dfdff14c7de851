import type { Patient } from '../../shared/patients/patient';
import type { Settings } from '../../shared/settings/channels';
import { createWorkContext, type Actor, type DeskWorkContext } from '../data/workContext';
import { createAuditLog, type AuditLog } from '../features/audit/auditLog';
import type { AuditOutbox } from '../features/audit/auditOutbox';
import { createAuditTrail } from '../features/audit/auditTrail';
import type { PlatformClient } from '../platform/client';
import type { ClinicCollections } from './clinicDatabase';
import type { DeskFeature, FeatureDeps, FeatureRepositories } from './feature';
import { FEATURES } from './features';

/** What every desk has, whatever its features: main, the work context and the audit log. */
export interface DeskCore {
  client: PlatformClient;
  ctx: DeskWorkContext;
  log: AuditLog;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any feature, whatever its repositories take
type AnyFeature = DeskFeature<any, any, string, any>;

/**
 * Builds the desk's repositories from the features' list over an open database: the work
 * context and audit log first, then each feature's repositories in list order, then each
 * feature's start-up. The app and the tests build a desk the same way.
 */
export function buildDesk<F extends readonly AnyFeature[] = typeof FEATURES>(deps: {
  db: Partial<ClinicCollections> & { audit: ClinicCollections['audit'] };
  client: PlatformClient;
  settings: () => Settings;
  actor: () => Actor;
  now?: () => Date;
  outbox?: AuditOutbox;
  features?: F;
}): DeskCore & FeatureRepositories<F> {
  const features = (deps.features ?? FEATURES) as readonly AnyFeature[];
  const now = deps.now ?? (() => new Date());
  const settings = deps.settings;
  const log = createAuditLog(deps.db, {
    workstationId: () => settings().workstationId,
    siteId: () => settings().siteId,
    now,
    ...(deps.outbox ? { outbox: deps.outbox } : {}),
  });
  const repos: Record<string, unknown> = {};
  // The desk's own parts are not a feature's to replace.
  const taken = new Set(['client', 'ctx', 'log']);
  const findPatient: FeatureDeps['findPatient'] = async (id) => {
    const patients = repos['patients'] as { get(id: string): ReturnType<FeatureDeps['findPatient']> } | undefined;
    if (!patients) throw new Error('The patients feature is not in the features list; nothing can be written about a patient.');
    return patients.get(id);
  };
  const patientIdentities: FeatureDeps['patientIdentities'] = async (id) => {
    const patients = repos['patients'] as { resolve(id: string): Promise<Patient | null>; identities(id: string): Promise<string[]> };
    const survivor = await patients.resolve(id);
    return patients.identities(survivor?.id ?? id);
  };
  const ctx = createWorkContext({
    actor: deps.actor,
    siteId: () => settings().siteId,
    timeZone: () => settings().clinic.timeZone,
    now,
    log,
    patients: findPatient,
  });
  const featureDeps: FeatureDeps = { ctx, client: deps.client, auditTrail: createAuditTrail(deps.db), settings, findPatient, patientIdentities };
  const made = features.map((feature) => {
    const own = feature.repositories(deps.db as never, featureDeps);
    for (const [name, repo] of Object.entries(own)) {
      if (Object.hasOwn(repos, name) || taken.has(name)) throw new Error(`Two features add a repository named ${name}`);
      repos[name] = repo;
    }
    return own;
  });
  features.forEach((feature, i) => feature.start?.(made[i]!, featureDeps));
  // Entries of saved changes that could not be written before a restart are written now.
  void log.flush();
  return Object.assign(repos, { client: deps.client, ctx, log }) as unknown as DeskCore & FeatureRepositories<F>;
}
