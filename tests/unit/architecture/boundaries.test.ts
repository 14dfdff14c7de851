import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints a snippet as if it were the given file of the project, and returns the rule ids hit. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the process boundary is enforced by lint', () => {
  it.each([
    ['src/shared/domain/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/shared/domain/bad.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['src/shared/domain/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['src/shared/domain/bad.ts', "import { createRxDatabase } from 'rxdb';\nexport const x = createRxDatabase;\n"],
    ['src/renderer/features/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src/renderer/features/bad.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['src/main/bad.ts', "import { createRxDatabase } from 'rxdb';\nexport const x = createRxDatabase;\n"],
  ])('%s may not import a platform module: %s', async (file, code) => {
    expect(await violations(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/renderer/features/bad.ts', "import { createMain } from '../../main/composition';\nexport const x = createMain;\n"],
    ['src/main/bad.ts', "import { startDesk } from '../renderer/app/startDesk';\nexport const x = startDesk;\n"],
    ['src/shared/bad.ts', "import { createMain } from '../main/composition';\nexport const x = createMain;\n"],
  ])('%s may not cross into the other process: %s', async (file, code) => {
    expect(await violations(file, code)).toContain('boundaries/dependencies');
  });

  it.each([
    ['src/renderer/features/patients/PatientsScreen.tsx', "import type { RxCollection } from 'rxdb';\nexport type X = RxCollection;\n"],
    ['src/renderer/features/patients/usePatientThing.ts', "import { openDatabase } from '../../data/database';\nexport const x = openDatabase;\n"],
    ['src/renderer/features/staff/StaffScreen.tsx', "import { staffCollection } from './staffCollection';\nexport const x = staffCollection;\n"],
    ['src/renderer/app/Gate.tsx', "import { openClinicDatabase } from './clinicDatabase';\nexport const x = openClinicDatabase;\n"],
  ])('%s is a screen or hook and may not reach the database: %s', async (file, code) => {
    expect(await violations(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/renderer/features/checkin/CheckInScreen.tsx', "import { usePatientNames } from '../patients/usePatientNames';\nexport const x = usePatientNames;\n"],
    ['src/renderer/features/patients/data/patientsRepo.ts', "import type { AuditTrail } from '../../audit/auditTrail';\nexport type X = AuditTrail;\n"],
    ['src/renderer/features/demo/index.ts', "import { patientsFeature } from '../patients';\nexport const x = patientsFeature;\n"],
  ])('%s may use another feature only through its public module: %s', async (file, code) => {
    expect(await violations(file, code)).toContain('clinicdesk/feature-public-module');
  });

  it('lets a feature use its own files and another feature through its public module', async () => {
    const code = "import { usePatientNames } from '../patients/public';\nimport { AppointmentStatusBadge } from './AppointmentStatusBadge';\nexport const x = [usePatientNames, AppointmentStatusBadge];\n";
    expect(await violations('src/renderer/features/schedule/ScheduleScreen.tsx', code)).toEqual([]);
  });

  it('lets a repository use the database layer', async () => {
    const code = "import type { RxCollection } from 'rxdb';\nimport { storedReader } from '../../data/storedRecords';\nexport type X = RxCollection;\nexport const y = storedReader;\n";
    expect(await violations('src/renderer/features/staff/staffRepo.ts', code)).toEqual([]);
  });

  it('lets main and the renderer import shared code', async () => {
    const code = "import { formatCents } from '../../shared/domain/money';\nexport const x = formatCents;\n";
    expect(await violations('src/renderer/features/ok.ts', code)).toEqual([]);
    expect(await violations('src/main/print/ok.ts', code)).toEqual([]);
  });
});
