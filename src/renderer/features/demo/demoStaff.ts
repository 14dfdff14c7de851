import type { Role } from '../../../shared/auth/permissions';

/** The demo clinic's password for every made-up account; shown on its sign-in screen. */
export const DEMO_PASSWORD = 'demo-clinic-2026';

/** One made-up person per role. */
export const DEMO_STAFF: { username: string; displayName: string; initials: string; roles: Role[]; pin: string }[] = [
  { username: 'frontdesk', displayName: 'Dana Reyes', initials: 'DR', roles: ['front-desk'], pin: '1111' },
  { username: 'billing', displayName: 'Sam Okoro', initials: 'SO', roles: ['billing'], pin: '2222' },
  { username: 'manager', displayName: 'Morgan Lee', initials: 'ML', roles: ['manager'], pin: '3333' },
  { username: 'admin', displayName: 'Alex Kim', initials: 'AK', roles: ['administrator'], pin: '4444' },
];
