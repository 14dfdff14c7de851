/** What other features may use of demo: everything else in this folder is its own. */
export { SeedProgressBar } from './SeedProgressBar';
export { DEMO_PASSWORD, DEMO_STAFF } from './demoStaff';
export { DEFAULT_DEMO_PATIENTS, DEMO_SIZES, loadDemoClinic } from './loadDemoClinic';
export { type SeedProgress } from './seedClinic';
