import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The alert rules and the dashboard are checked with Prometheus' own tool (Debian's `prometheus`
// package, installed by .ci/run), and every metric they read must be one the services register.
const root = path.resolve(__dirname, '../..');
const monitoring = path.join(root, 'infra/monitoring');
const alerts = path.join(monitoring, 'prometheus/alerts.yaml');

function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { encoding: 'utf8', cwd: path.dirname(alerts) });
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('promtool is missing: apt-get install prometheus (.ci/run installs it)');
    throw new Error(`promtool ${args.join(' ')}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}

const dashboards = readdirSync(path.join(monitoring, 'grafana')).filter((f) => f.endsWith('.json'));
const exprsOf = (file: string) =>
  (JSON.parse(readFileSync(path.join(monitoring, 'grafana', file), 'utf8')) as { panels: Panel[] }).panels
    .flatMap((p) => [p, ...(p.panels ?? [])])
    .flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

/** Every c360_* metric name the code registers (`name: 'c360_…'`), walking apps and libs. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '__generated__') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        for (const [, name] of readFileSync(full, 'utf8').matchAll(/name: '(c360_[a-z0-9_]+)'/g)) names.add(name!);
    }
  };
  walk(path.join(root, 'apps'));
  walk(path.join(root, 'libs'));
  return names;
}

const referenced = (expr: string) => [...expr.matchAll(/\bc360_[a-z0-9_]+/g)].map(([m]) => m.replace(/_(bucket|count|sum)$/, ''));

describe('monitoring', () => {
  it('alert rules are valid and fire (and stay quiet) as their unit tests expect', () => {
    expect(promtool('check', 'rules', alerts)).toMatch(/SUCCESS: \d+ rules found/);
    expect(promtool('test', 'rules', 'alerts.test.yaml')).toContain('SUCCESS');
  });

  it.each(dashboards)('every query of dashboard %s is valid PromQL', (file) => {
    const exprs = exprsOf(file);
    expect(exprs.length).toBeGreaterThan(10);
    // As recording rules, so promtool parses each expression; Grafana's variables become what they match.
    const rules = exprs.map((e, i) => `      - record: c360:panel_${i}\n        expr: ${JSON.stringify(e.expr.replaceAll('$service', '.*'))}`).join('\n');
    const file2 = path.join(mkdtempSync(path.join(tmpdir(), 'c360-dash-')), 'panels.yaml');
    writeFileSync(file2, `groups:\n  - name: panels\n    rules:\n${rules}\n`);
    expect(promtool('check', 'rules', file2)).toContain(`SUCCESS: ${exprs.length} rules found`);
  });

  it('reads only metrics the services register', () => {
    const registered = registeredMetrics();
    const used = [
      ...readFileSync(alerts, 'utf8')
        .split('\n')
        .filter((l) => l.includes('expr')),
      ...dashboards.flatMap(exprsOf).map((e) => e.expr),
    ].flatMap(referenced);
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used)].filter((m) => !registered.has(m))).toEqual([]);
  });
});
