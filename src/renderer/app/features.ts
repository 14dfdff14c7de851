import { auditFeature } from '../features/audit';
import { catalogFeature } from '../features/catalog';
import { checkinFeature } from '../features/checkin';
import { conflictsFeature } from '../features/conflicts';
import { demoFeature } from '../features/demo';
import { patientsFeature } from '../features/patients';
import { printingFeature } from '../features/printing';
import { paymentsFeature } from '../features/payments';
import { scheduleFeature } from '../features/schedule';
import { settingsFeature } from '../features/settings';
import { staffFeature } from '../features/staff';
import { syncFeature } from '../features/sync';
import type { FeatureRepositories, FeatureScreenId } from './feature';

/**
 * Every feature of the desk, in navigation order. This list builds the database (each feature's
 * collections), the desk's repositories, start-up, the navigation and its shortcuts. Adding a
 * feature is its folder and one line here.
 */
export const FEATURES = [patientsFeature, scheduleFeature, checkinFeature, paymentsFeature, auditFeature, staffFeature, catalogFeature, settingsFeature, syncFeature, conflictsFeature, printingFeature, demoFeature] as const;

export type Features = typeof FEATURES;
/** The repositories every feature adds to the desk. */
export type DeskRepositories = FeatureRepositories<Features>;
/** A screen of the navigation. */
export type Screen = FeatureScreenId<Features>;
