// Sums the vitest JSON reports of every package and prints one closing line: `tests: N passed, N failed, N skipped`.
// Exits non-zero when a test failed or when no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const roots = ['packages', 'examples'].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).map((name) => path.join(dir, name)) : [],
);
roots.push('e2e');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const root of roots) {
  const report = path.join(root, '.cache', 'test-results.json');
  if (!existsSync(report)) continue;
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A test file that failed to load has no test results of its own: count it as one failure.
  const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !f.assertionResults?.length);
  failed += (r.numFailedTests ?? 0) + brokenFiles.length;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
