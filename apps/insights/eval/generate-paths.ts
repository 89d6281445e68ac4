/**
 * npm run eval:attribution:generate -- --paths 10000 --out <paths.csv> [--seed 1]
 * Writes synthetic aggregated journeys in ChannelAttribution's layout: journeys walk a fixed random
 * chain over channels of very different sizes, so large and small channels both appear.
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/domain/seeded-random';
import { parseArgs } from './cli-args';

const CHANNELS = ['search', 'display', 'email', 'social', 'affiliate', 'direct', 'video', 'referral', 'sms', 'print', 'podcast', 'partner'];

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['paths', 'out', 'seed']);
  const wanted = Number(args.get('paths') ?? 10_000);
  const out = args.get('out');
  if (!out) throw new Error('--out is required');
  const random = seededRandom(Number(args.get('seed') ?? 1));
  // Entry weights fall off geometrically: a few big channels, a long tail of small ones.
  const entry = CHANNELS.map((_, i) => Math.pow(0.7, i));
  const lift = CHANNELS.map(() => 0.02 + random() * 0.1);
  const pick = (weights: number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i] ?? 0) <= 0) return i;
    return weights.length - 1;
  };
  const rows = new Map<string, { conversions: number; value: number; nulls: number }>();
  while (rows.size < wanted) {
    const steps: number[] = [pick(entry)];
    while (random() < 0.72 && steps.length < 12) steps.push(random() < 0.25 ? (steps[steps.length - 1] ?? 0) : pick(entry));
    const p = 1 - steps.reduce((q, s) => q * (1 - (lift[s] ?? 0)), 1);
    const key = steps.map((s) => CHANNELS[s]).join(' > ');
    const row = rows.get(key) ?? { conversions: 0, value: 0, nulls: 0 };
    if (random() < p) {
      row.conversions++;
      row.value += Math.round(20 + random() * 180);
    } else row.nulls++;
    rows.set(key, row);
  }
  const lines = ['path;total_conversions;total_conversion_value;total_null'];
  for (const [path, r] of rows) lines.push(`${path};${r.conversions};${r.value};${r.nulls}`);
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`paths=${rows.size} file=${out}`);
}

main();
