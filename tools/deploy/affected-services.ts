/**
 * Which services a change must rebuild, retest and redeploy: Nx's project graph decides what a
 * change affects (a library change reaches every app that imports it), and of those only the
 * deployable services (SERVICES) ship. `npm run ci:affected -- <base>` runs the checks for them.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SERVICES } from './services';

export type ChangeScope = { base: string; head?: string } | { files: readonly string[] };

/** Nx's answer: the projects a change affects, apps and libraries alike. */
export function affectedProjects(scope: ChangeScope, cwd = process.cwd()): string[] {
  const args = ['nx', 'show', 'projects', '--affected', '--json'];
  if ('files' in scope) args.push(`--files=${scope.files.join(',')}`);
  else args.push(`--base=${scope.base}`, `--head=${scope.head ?? 'HEAD'}`);
  const out = execFileSync('npx', args, { cwd, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
  return JSON.parse(out.slice(out.indexOf('['))) as string[];
}

/** The deployable services among the affected projects, in SERVICES order. */
export function servicesToDeploy(affected: readonly string[], services = SERVICES.map((s) => s.name)): string[] {
  const hit = new Set(affected);
  return services.filter((name) => hit.has(name));
}

if (require.main === module) {
  const { values } = parseArgs({ options: { base: { type: 'string' }, head: { type: 'string' }, files: { type: 'string' } } });
  const scope: ChangeScope = values.files ? { files: values.files.split(',') } : { base: values.base ?? 'HEAD~1', head: values.head };
  process.stdout.write(`${servicesToDeploy(affectedProjects(scope)).join(' ')}\n`);
}
