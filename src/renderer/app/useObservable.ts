import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/** Subscribes to an observable for as long as the component lives (or until `deps` change). */
export function useObservable<T>(factory: () => Observable<T>, initial: T, deps: readonly unknown[]): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = factory().subscribe(setValue);
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
