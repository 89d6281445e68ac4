// Scratch (not committed): MongoDB operations insights issues per customer.updated, counted with mongoose's debug hook.
import mongoose from 'mongoose';
import { InsightsHarness, updateWith } from '../apps/insights/src/testing/prediction-fixtures';

async function main() {
  const h = new InsightsHarness();
  await h.start();
  const ops = new Map<string, number>();
  let counting = false;
  mongoose.set('debug', (collection: string, method: string) => {
    if (counting) ops.set(`${collection}.${method}`, (ops.get(`${collection}.${method}`) ?? 0) + 1);
  });
  const customers = Array.from({ length: 50 }, (_, i) => `rt-${Date.now()}-${i}`);
  // warm: every customer known once
  for (const c of customers) await h.publish(updateWith(c, [{ at: new Date(), eventKey: 'Product Viewed' }]));
  await h.drained(300_000);
  counting = true;
  const n = 400;
  const started = performance.now();
  for (let i = 0; i < n; i++) await h.publish(updateWith(customers[(i * 7) % customers.length] as string, [{ at: new Date(), eventKey: 'Product Viewed' }]));
  await h.drained(600_000);
  const seconds = (performance.now() - started) / 1000;
  counting = false;
  const total = [...ops.values()].reduce((a, b) => a + b, 0);
  console.log(`updates=${n} mongo_ops=${total} per_update=${(total / n).toFixed(2)} seconds=${seconds.toFixed(1)}`);
  console.log([...ops].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' '));
  await h.stop();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
