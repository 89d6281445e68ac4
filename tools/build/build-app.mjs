// Bundles one app into dist/apps/<name>/main.js: workspace libraries are inlined, npm packages stay
// external (installed beside the bundle), and the subgraph schema is copied next to it.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
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
const schema = path.join(root, 'apps', name, 'src/schema.graphql');
if (existsSync(schema)) copyFileSync(schema, path.join(outdir, 'schema.graphql'));
console.log(`built ${path.relative(root, outdir)}/main.js`);
