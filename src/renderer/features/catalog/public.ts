/** What other features may use of catalog: everything else in this folder is its own. */
export { PayerList, ProviderList } from './CatalogLists';
export { AppointmentTypeList, AvailabilityList, ExceptionList, RoomList } from './SchedulingLists';
export { usePayers, useProviderNames, useProviders } from './useCatalog';
export { catalogCollection } from './catalogCollection';
export type { CatalogRepo } from './catalogRepo';
