// Sums the vitest JSON reports of every package and prints one closing line: `tests: N passed, N failed, N skipped`.
// Before it, each failed test is named with the first lines of its failure, so that the tail of a CI log says
// what failed. Exits non-zero when a test failed or when no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const roots = ['packages', 'examples'].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [],
);
roots.push('e2e');
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const root of roots) {
  const report = path.join(root, '.cache', 'test-results.json');
  if (!existsSync(report)) continue;
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A test file that failed to load has no test results of its own: count it as one failure.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.length);
  failed += (r.numFailedTests ?? 0) + brokenFiles.length;
  for (const file of r.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name);
    if (file.status === 'failed' && !file.assertionResults?.length) failures.push({ where, message: file.message });
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed')
        failures.push({ where: `${where} > ${test.fullName}`, message: test.failureMessages?.[0] });
    }
  }
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
for (const { where, message } of failures) {
  console.log(`FAILED ${where}`);
  for (const line of String(message ?? '')
    .split('\n')
    .slice(0, 6))
    console.log(`    ${line}`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
