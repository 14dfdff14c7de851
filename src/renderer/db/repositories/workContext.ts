/**
 * Who is writing and where: stamped on every record (`updatedBy`, `siteId`). Until staff sign-in
 * exists the actor is the workstation itself.
 */
export interface WorkContext {
  actor: string;
  siteId: string;
  timeZone: string;
  now: () => Date;
}

/** A rule of the front desk was broken; the message is written for the person at the desk. */
export class DeskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeskError';
  }
}
