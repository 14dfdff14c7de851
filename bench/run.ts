import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { BenchGroup } from './harness';
import { patientsGroup } from './patients';
import { firstSyncGroup } from './firstSync';
import { syncGroup } from './sync';
import { schedulingGroup } from './schedule';
import { paymentsGroup } from './payments';
import { printingGroup } from './printing';

/**
 * `npm run bench` — the project's one place for speed and size figures. Prints a table; `--only
 * NAME` runs one group; `--json FILE` also writes the figures as one object of name → number.
 */
const GROUPS: BenchGroup[] = [patientsGroup, schedulingGroup, paymentsGroup, printingGroup, syncGroup, firstSyncGroup];

const { values } = parseArgs({
  options: { only: { type: 'string' }, json: { type: 'string' }, smoke: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log(`Usage: npm run bench -- [--only NAME] [--json FILE] [--smoke]\nGroups:\n${GROUPS.map((g) => `  ${g.name}: ${g.description}`).join('\n')}`);
  process.exit(0);
}
const chosen = values.only ? GROUPS.filter((g) => g.name === values.only) : GROUPS.filter((g) => !values.smoke || g.inSmoke !== false);
if (chosen.length === 0) {
  console.error(`No benchmark group "${values.only}". Groups: ${GROUPS.map((g) => g.name).join(', ')}`);
  process.exit(2);
}

const figures: Record<string, number> = {};
for (const group of chosen) {
  console.log(`\n== ${group.name}: ${group.description}`);
  Object.assign(figures, await group.run((line) => console.log(`   ${line}`), { smoke: values.smoke }));
}
const width = Math.max(...Object.keys(figures).map((k) => k.length));
console.log('\nfigure'.padEnd(width + 1) + '  value');
for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(width)}  ${value}`);
if (values.json) {
  await writeFile(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nFigures written to ${values.json}`);
}
