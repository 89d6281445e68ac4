// Bundles one app into dist/apps/<name>: main.js with the workspace libraries inlined, its SDL files,
// and a package.json and package-lock.json naming only the npm packages the bundle imports, at the
// versions the workspace lock holds: `npm ci --omit=dev` there makes it self-contained (the image does that).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pruneLock } from './bundle-lock.mjs';

const name = process.argv[2];
if (!name) throw new Error('usage: build-app.mjs <app>');
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outdir = path.join(root, 'dist/apps', name);
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  entryPoints: [path.join(root, 'apps', name, 'src/main.ts')],
  outfile: path.join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.base.json'),
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)],
  metafile: true,
});

// Worker-thread entries (`*.thread.ts`), each bundled beside main.js under its own name (`training.thread.js`):
// the thread is started from that file, as in one bundle every module's __dirname is the bundle's folder.
const appSrc = path.join(root, 'apps', name, 'src');
const threadEntries = readdirSync(appSrc, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.thread.ts'));
for (const entry of threadEntries) {
  const thread = await build({
    entryPoints: [path.join(appSrc, entry)],
    outfile: path.join(outdir, path.basename(entry).replace(/\.ts$/, '.js')),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    tsconfig: path.join(root, 'tsconfig.base.json'),
    external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)],
    metafile: true,
  });
  Object.assign(result.metafile.inputs, thread.metafile.inputs);
}

/** The package an import path names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const imported = new Set(
  Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((i) => i.external && !i.path.startsWith('node:'))
    .map((i) => packageOf(i.path)),
);
const dependencies = Object.fromEntries(
  [...imported]
    .sort()
    .filter((dep) => pkg.dependencies[dep] !== undefined || pkg.devDependencies[dep] !== undefined)
    .map((dep) => {
      if (pkg.dependencies[dep] === undefined) throw new Error(`${name} imports ${dep}, a devDependency: move it to dependencies`);
      return [dep, pkg.dependencies[dep]];
    }),
);
const bundleName = `@c360/${name}-bundle`;
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
writeFileSync(
  path.join(outdir, 'package.json'),
  `${JSON.stringify({ name: bundleName, version: pkg.version, private: true, license: pkg.license, engines: pkg.engines, main: 'main.js', dependencies }, null, 2)}\n`,
);
writeFileSync(path.join(outdir, 'package-lock.json'), `${JSON.stringify(pruneLock(lock, bundleName, pkg.version, dependencies), null, 2)}\n`);
// Every SDL file, at its relative place (for paths a service builds from its own folder, e.g.
// 'partners/partners.graphql') and by its name at the bundle root: in one bundle every module's
// __dirname is the bundle's folder, so `path.join(__dirname, 'partners.graphql')` looks there.
const src = path.join(root, 'apps', name, 'src');
const flat = new Map();
for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'))) {
  mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
  copyFileSync(path.join(src, file), path.join(outdir, file));
  const base = path.basename(file);
  if (flat.has(base) && flat.get(base) !== file)
    throw new Error(`${name}: two SDL files named ${base} (${flat.get(base)}, ${file}); bundles need unique names`);
  flat.set(base, file);
  if (base !== file) copyFileSync(path.join(src, file), path.join(outdir, base));
}
console.log(`built ${path.relative(root, outdir)}/main.js`);
