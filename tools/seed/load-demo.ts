// Loads the demo people and a synthetic population through the public batch endpoint, exactly as a
// client would. `npm start` runs it with the defaults (a small set); flags:
//   --seed <n>           synthetic seed (default 1)
//   --customers <n>      synthetic customers (default 150, about 2,600 touchpoints)
//   --large              one million touchpoints instead (slow: every one is resolved and linked)
import { parseArgs } from 'node:util';
import { signAccessToken } from '@c360/auth';
import { accessSettings } from './access-settings';
import { chunks, postBatches } from './batch-client';
import { defineDemoActions } from './demo-actions';
import { demoTouchpoints } from './demo-data';
import { loadDemoKnowledge } from './demo-knowledge';
import { customersFor, syntheticTouchpoints } from './synthetic/journeys';

const LARGE = 1_000_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: '1' }, customers: { type: 'string', default: '150' }, large: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed);
  const options = values.large ? { seed, customers: customersFor(LARGE), maxTouchpoints: LARGE } : { seed, customers: Number(values.customers) };
  const url = process.env['TOUCHPOINT_STORE_URL'] ?? 'http://127.0.0.1:4002';
  const token = await signAccessToken({ subject: 'demo-loader', roles: ['service'], scopes: [] }, accessSettings(), '12h');

  const demo = await postBatches(url, token, [demoTouchpoints()]);
  process.stdout.write(`demo data: ${demo.accepted} touchpoints accepted\n`);
  const gatewayUrl = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000/graphql';
  const articles = await loadDemoKnowledge(gatewayUrl);
  process.stdout.write(`demo knowledge base: ${articles} articles for the chat assistant\n`);
  const actions = await defineDemoActions(gatewayUrl);
  process.stdout.write(`demo action catalogue: ${actions} recovery actions for next best action\n`);
  const synthetic = await postBatches(
    url,
    token,
    chunks(
      (function* () {
        for (const { touchpoint } of syntheticTouchpoints(options)) yield touchpoint;
      })(),
      500,
    ),
  );
  process.stdout.write(`synthetic data (seed ${seed}): ${synthetic.accepted} accepted, ${synthetic.quarantined} quarantined, ${synthetic.rejected} rejected\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo load failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
