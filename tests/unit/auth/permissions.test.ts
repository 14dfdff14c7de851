import { describe, expect, it } from 'vitest';
import { can, PermissionSchema, ROLE_PERMISSIONS, RoleSchema, type Permission, type Role } from '../../../src/shared/auth/permissions';

/** The expected answer for every role and permission, written out so a change to the table is a visible change here. */
const EXPECTED: Record<Permission, Role[]> = {
  'patient.view': ['front-desk', 'billing', 'manager', 'administrator'],
  'patient.register': ['front-desk', 'billing', 'manager', 'administrator'],
  'patient.edit': ['front-desk', 'billing', 'manager', 'administrator'],
  'patient.merge': ['manager', 'administrator'],
  'appointment.book': ['front-desk', 'billing', 'manager', 'administrator'],
  'appointment.checkIn': ['front-desk', 'billing', 'manager', 'administrator'],
  'appointment.overbook': ['manager', 'administrator'],
  'payment.take': ['front-desk', 'billing', 'manager', 'administrator'],
  'payment.adjust': ['billing', 'manager', 'administrator'],
  'payment.voidOrRefund': ['manager', 'administrator'],
  'day.close': ['front-desk', 'billing', 'manager', 'administrator'],
  'day.reopen': ['manager', 'administrator'],
  'print.document': ['front-desk', 'billing', 'manager', 'administrator'],
  'audit.read': ['manager', 'administrator'],
  'data.export': ['manager', 'administrator'],
  'staff.manage': ['administrator'],
  'staff.resetSecret': ['manager', 'administrator'],
  'settings.workstation': ['manager', 'administrator'],
  'settings.clinic': ['administrator'],
  'catalog.manage': ['manager', 'administrator'],
};

const cases = PermissionSchema.options.flatMap((permission) =>
  RoleSchema.options.map((role) => [role, permission, EXPECTED[permission].includes(role)] as const),
);

describe('role permissions', () => {
  it.each(cases)('%s may %s: %s', (role, permission, allowed) => {
    expect(can([role], permission)).toBe(allowed);
  });

  it('covers every permission in the expected table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PermissionSchema.options].sort());
  });

  it('lets a person with several roles do what any of them allows', () => {
    expect(can(['front-desk'], 'payment.adjust')).toBe(false);
    expect(can(['front-desk', 'billing'], 'payment.adjust')).toBe(true);
  });

  it('allows nothing to a person with no roles', () => {
    expect(PermissionSchema.options.some((p) => can([], p))).toBe(false);
  });

  it('gives the administrator everything', () => {
    expect(ROLE_PERMISSIONS.administrator.size).toBe(PermissionSchema.options.length);
  });
});
