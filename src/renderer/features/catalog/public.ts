/** What other features may use of catalog: everything else in this folder is its own. */
export { PayerList, ProviderList, ServiceList } from './CatalogLists';
export { AppointmentTypeList, AvailabilityList, ExceptionList, RoomList } from './SchedulingLists';
export { useDeskRules, usePayers, useProviderNames, useProviders } from './useCatalog';
export { DeskRulesForm } from './DeskRulesForm';
export { catalogCollection } from './catalogCollection';
export type { CatalogRepo } from './catalogRepo';
export { FormWordingEditor } from './FormWordingEditor';
export { FormLogoEditor } from './FormLogoEditor';
