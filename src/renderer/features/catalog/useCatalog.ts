import { providerLabel, type Payer, type Provider } from '../../../shared/catalog/catalog';
import { DESK_RULE_DEFAULTS, type DeskRulesInput } from '../../../shared/catalog/deskRules';
import { useDesk } from '../../app/DeskContext';
import { useObservable } from '../../app/useObservable';

const NONE: never[] = [];

/** The clinic's payer list, live, by name. */
export function usePayers(): Payer[] {
  const desk = useDesk();
  return useObservable(() => desk.catalog.observePayers(), NONE, [desk]);
}

/** The front desk's rules (late, wait thresholds, cancellation notice), live. */
export function useDeskRules(): DeskRulesInput {
  const desk = useDesk();
  return useObservable(() => desk.catalog.observeDeskRules(), DESK_RULE_DEFAULTS, [desk]);
}

/** The clinic's providers, live, by name. */
export function useProviders(): Provider[] {
  const desk = useDesk();
  return useObservable(() => desk.catalog.observeProviders(), NONE, [desk]);
}

/** Provider names by id, for showing a stored provider id in words. */
export function useProviderNames(): { provider: (id: string) => string | undefined } {
  const providers = useProviders();
  return {
    provider: (id) => {
      const p = providers.find((x) => x.id === id);
      return p ? providerLabel(p) : undefined;
    },
  };
}
