// Fails when package-lock.json lacks an entry for an optional dependency some locked package declares
// (for instance another platform's @swc/core binary): `npm ci` refuses such a lock on every machine
// whose platform needs the missing entry, so it must be complete for all of them.
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));
const packages = lock.packages ?? {};

/** Where npm would resolve `name` from the package at `location`: its own node_modules, then each parent's. */
function resolves(location, name) {
  let base = location;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    const cut = base.lastIndexOf('/node_modules/');
    if (cut < 0) return Boolean(packages[`node_modules/${name}`]);
    base = base.slice(0, cut);
  }
}

const missing = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(location, name)) missing.push(`${name} (optional dependency of ${location || 'the root'})`);
  }
}
if (missing.length) {
  console.error(`package-lock.json is incomplete for other platforms; npm ci would refuse it there:\n  ${missing.join('\n  ')}`);
  console.error('Regenerate it with `rm package-lock.json && npm install --package-lock-only`, then check the diff.');
  process.exit(1);
}
console.log(`package-lock.json: complete (${Object.keys(packages).length} entries)`);
