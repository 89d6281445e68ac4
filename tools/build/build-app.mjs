// Bundles one app into dist/apps/<name>/main.js: workspace libraries are inlined, npm packages stay
// external (installed beside the bundle), and the subgraph schema is copied next to it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
if (!name) throw new Error('usage: build-app.mjs <app>');
const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const outdir = path.join(root, 'dist/apps', name);
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: [path.join(root, 'apps', name, 'src/main.ts')],
  outfile: path.join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  tsconfig: path.join(root, 'tsconfig.base.json'),
  external: [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)],
});
// Every SDL file, at the same relative place, since services read them next to main.js.
const src = path.join(root, 'apps', name, 'src');
for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'))) {
  mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
  copyFileSync(path.join(src, file), path.join(outdir, file));
}
console.log(`built ${path.relative(root, outdir)}/main.js`);
