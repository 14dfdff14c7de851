import { defineFeature } from '../../app/feature';
import { createLabelPrints } from './labelPrints';
import { followPrintQueue } from './printQueueFollow';

/**
 * Printing: main's print queue as the desk sees it (waiting, printing, printed, not printed and
 * why), a notice when a printer fails, and retry, cancel or send to another printer; patient labels.
 */
export const printingFeature = defineFeature({
  id: 'printing',
  collections: {},
  repositories: (_db, deps) => ({ labels: createLabelPrints(deps) }),
  start: (_repos, deps) => followPrintQueue(deps.client),
});
