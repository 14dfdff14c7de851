/** What other features may use of payments: everything else in this folder is its own. */
export { PaymentForm } from './PaymentForm';
export { AccountPanel } from './AccountPanel';
export type { PaymentOutcome } from './takePayment';
