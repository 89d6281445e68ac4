// Sums the Jest JSON reports of every project into the closing lines CI reads: each failed test
// by name with the head of its message (CI keeps only the tail of the output), then the totals.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const root = process.cwd() + path.sep;
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const head = (message) =>
  stripAnsi(message ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 12)
    .map((line) => `    ${line.slice(0, 200)}`)
    .join('\n');

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults ?? []) {
    const suiteFile = suite.name.replace(root, '');
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const test of failedTests) failures.push(`FAILED ${suiteFile} › ${test.fullName}\n${head(test.failureMessages?.join('\n'))}`);
    if (suite.status === 'failed' && failedTests.length === 0) failures.push(`FAILED ${suiteFile} (the suite did not run)\n${head(suite.message)}`);
  }
}
for (const failure of failures) console.log(failure);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
