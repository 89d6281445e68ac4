/**
 * npm run deploy:render [-- --check]
 * Renders infra/deploy/k8s (one file per service, plus what they share) and infra/deploy/compose.yaml
 * from services.ts. With --check, fails when the committed files differ from what it would write.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { composeFile } from './compose-file';
import { kustomization, serviceManifests, sharedManifests } from './kubernetes-manifests';
import { SERVICES } from './services';

const root = path.resolve(__dirname, '../..');
const HEADER = '# Rendered by `npm run deploy:render` from tools/deploy/services.ts. Do not edit: change the spec and re-render.\n';
// YAML 1.1, as the Kubernetes and compose parsers read it: strings such as `yes` or `on` get quoted.
const yamlDocuments = (docs: object[]) => HEADER + docs.map((d) => stringify(d, { lineWidth: 0, version: '1.1' })).join('---\n');

const files = new Map<string, string>([
  ['infra/deploy/k8s/shared.yaml', yamlDocuments(sharedManifests())],
  ...SERVICES.map((s) => [`infra/deploy/k8s/${s.name}.yaml`, yamlDocuments(serviceManifests(s, SERVICES))] as [string, string]),
  ['infra/deploy/k8s/kustomization.yaml', yamlDocuments([kustomization(SERVICES)])],
  ['infra/deploy/compose.yaml', yamlDocuments([composeFile(SERVICES)])],
]);

const check = process.argv.includes('--check');
const stale = [...files]
  .filter(([file, text]) => !existsSync(path.join(root, file)) || readFileSync(path.join(root, file), 'utf8') !== text)
  .map(([file]) => file);
if (check) {
  if (stale.length) {
    console.error(`deployment files out of date with tools/deploy/services.ts (run npm run deploy:render): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(`deployment files up to date (${files.size})`);
} else {
  for (const [file, text] of files) writeFileSync(path.join(root, file), text);
  console.log(`rendered ${files.size} files${stale.length ? `, ${stale.length} changed` : ''}`);
}
