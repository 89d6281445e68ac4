// The part of the workspace lock file one bundle needs: the entries reachable from its direct
// dependencies, at the same paths and versions, so `npm ci --omit=dev` beside the bundle installs
// exactly what the monorepo tested. npm has no command that prunes a lock to a subset of packages.

/** Where npm resolves `name` from the package installed at `location` ('' is the root). */
export function resolveIn(packages, location, name) {
  let base = location;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    const cut = base.lastIndexOf('/node_modules/');
    if (cut < 0) return packages[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
    base = base.slice(0, cut);
  }
}

/** A lock file for a package named `name` depending on `dependencies` (name → version), cut from `lock`. */
export function pruneLock(lock, name, version, dependencies) {
  const packages = lock.packages;
  const kept = {};
  const queue = Object.keys(dependencies).map((dep) => ['', dep, false]);
  while (queue.length) {
    const [from, dep, optional] = queue.shift();
    const at = resolveIn(packages, from, dep);
    if (!at) {
      if (optional) continue;
      throw new Error(`${dep} (needed by ${from || name}) is not in package-lock.json`);
    }
    if (kept[at]) continue;
    const { dev, devOptional, ...entry } = packages[at];
    kept[at] = entry;
    for (const d of Object.keys(entry.dependencies ?? {})) queue.push([at, d, false]);
    for (const d of Object.keys(entry.optionalDependencies ?? {})) queue.push([at, d, true]);
    // npm installs peers too; one the workspace lacks was optional in practice, as npm ci succeeded there.
    for (const d of Object.keys(entry.peerDependencies ?? {})) queue.push([at, d, true]);
  }
  const sorted = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
  return { name, version, lockfileVersion: lock.lockfileVersion, requires: true, packages: { '': { name, version, dependencies }, ...sorted } };
}
