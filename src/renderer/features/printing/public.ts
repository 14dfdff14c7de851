/** What other features may use of printing. */
export { PrintQueueButton, PrintQueuePanel } from './PrintQueuePanel';
export { LabelDialog } from './LabelDialog';
