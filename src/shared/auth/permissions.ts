import { z } from 'zod';

/** Staff roles. A person may hold several. */
export const RoleSchema = z.enum(['front-desk', 'billing', 'manager', 'administrator']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABEL: Record<Role, string> = {
  'front-desk': 'Front desk',
  billing: 'Billing',
  manager: 'Manager',
  administrator: 'Administrator',
};

/** What each role is for, in a line, where roles are chosen. */
export const ROLE_DESCRIPTION: Record<Role, string> = {
  'front-desk': 'Registration, scheduling, check-in and payments',
  billing: 'Front desk, plus balance adjustments',
  manager: 'Billing, plus voids and refunds, merges, the audit log and password resets',
  administrator: 'Everything, including staff and clinic settings; signs in at any site',
};

/** Everything the app lets a person do that a role may not allow. */
export const PermissionSchema = z.enum([
  'patient.view',
  'patient.register',
  'patient.edit',
  'patient.merge',
  'appointment.book',
  'appointment.checkIn',
  'appointment.overbook',
  'payment.take',
  'payment.adjust',
  'payment.voidOrRefund',
  'day.close',
  'day.reopen',
  'print.document',
  'audit.read',
  'data.export',
  'staff.manage',
  'staff.resetSecret',
  'settings.workstation',
  'settings.clinic',
  'catalog.manage',
]);
export type Permission = z.infer<typeof PermissionSchema>;

const FRONT_DESK: readonly Permission[] = [
  'patient.view',
  'patient.register',
  'patient.edit',
  'appointment.book',
  'appointment.checkIn',
  'payment.take',
  'day.close',
  'print.document',
];
const BILLING: readonly Permission[] = [...FRONT_DESK, 'payment.adjust'];
const MANAGER: readonly Permission[] = [
  ...BILLING,
  'payment.voidOrRefund',
  'day.reopen',
  'patient.merge',
  'appointment.overbook',
  'audit.read',
  'data.export',
  'staff.resetSecret',
  'settings.workstation',
  'catalog.manage',
];

/**
 * The one table of what each role may do. Services and repositories check it where the action
 * happens, so hiding a button is never the only guard.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  'front-desk': new Set(FRONT_DESK),
  billing: new Set(BILLING),
  manager: new Set(MANAGER),
  administrator: new Set(PermissionSchema.options),
};

/** Whether a person holding these roles may do this. */
export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].has(permission));
}

/** What a person is told when a role does not allow an action. */
export const PERMISSION_LABEL: Record<Permission, string> = {
  'patient.view': 'view patient records',
  'patient.register': 'register patients',
  'patient.edit': 'change patient records',
  'patient.merge': 'merge patient records',
  'appointment.book': 'book appointments',
  'appointment.checkIn': 'check patients in',
  'appointment.overbook': 'book over another appointment of the same provider, room or patient',
  'payment.take': 'take payments',
  'payment.adjust': 'adjust or write off balances',
  'payment.voidOrRefund': 'void or refund payments',
  'day.close': 'close the day',
  'day.reopen': 'reopen a closed day',
  'print.document': 'print documents',
  'audit.read': 'read the audit log',
  'data.export': 'export data',
  'staff.manage': 'manage staff',
  'staff.resetSecret': "reset another person's password or PIN",
  'settings.workstation': "change this workstation's settings",
  'settings.clinic': "change the clinic's settings",
  'catalog.manage': "maintain the clinic's reference lists (payers, providers, appointment types, rooms, hours and closures)",
};
