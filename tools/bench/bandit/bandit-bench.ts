// npm run bench:bandit [-- --decisions 20000] [-- --seed 1] [-- --no-gateway]
// 1. Regret: a simulated population whose best action depends on its features (simulated-population.ts)
//    goes through insights' own NextBestAction and DecisionOutcomes: the policy, feature vector,
//    propensities and reward path the service runs, over the policy state kept in memory rather
//    than in MongoDB (in-memory-policy-state.ts; the arm sums get the same deltas). A uniform-random
//    policy meets the same customers in the same run; regret_ratio = policy regret / uniform regret.
// 2. Latency: decideNextBestAction at BENCH_RPS (100) through the gateway with every service running,
//    beside the same call straight to insights, BENCH_ROUNDS (2) alternating rounds of BENCH_SECONDS (15).
// 3. Content variants: customers with approved drafts of 2-4 variants each, through the same decision
//    and reward code with the content arms in memory; regret against a uniform choice of variant
//    (--variant-decisions 10000 over --variant-customers 200; 0 skips it).
import { parseArgs } from 'node:util';
import { runBanditSimulation } from './bandit-simulation';
import { measureDecisionLatency } from './decision-latency';
import { runVariantSimulation } from './variant-simulation';

const RPS = Number(process.env['BENCH_RPS'] ?? 100);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const ROUNDS = Math.max(2, Number(process.env['BENCH_ROUNDS'] ?? 2));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      decisions: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      'no-gateway': { type: 'boolean', default: false },
      'variant-decisions': { type: 'string', default: '10000' },
      'variant-customers': { type: 'string', default: '200' },
    },
  });
  const n = Number(values.decisions);
  if (!Number.isInteger(n) || n < 100) throw new Error('--decisions: an integer of at least 100');

  if (!values['no-gateway']) {
    const latency = await measureDecisionLatency(RPS, SECONDS, ROUNDS);
    const line = (name: string, s: typeof latency.gateway) =>
      `${name.padEnd(8)} requests=${s.requests} errors=${s.errors} p50_ms=${s.p50.toFixed(2)} p99_ms=${s.p99.toFixed(2)} rps=${s.rps.toFixed(1)}`;
    console.log(
      `decideNextBestAction offered ${RPS}/s, ${ROUNDS} rounds of ${SECONDS} s per path (after 3 s warm-up each), 50 consented customers, 4 actions x 2 channels`,
    );
    console.log(line('direct', latency.direct));
    console.log(line('gateway', latency.gateway));
    if (latency.failures.length > 0) console.log(`failures: ${latency.failures.slice(0, 5).join('; ')}`);
    console.log(
      `gateway_p99_ms=${latency.gateway.p99.toFixed(2)} direct_p99_ms=${latency.direct.p99.toFixed(2)} ratio_p99=${(latency.gateway.p99 / latency.direct.p99).toFixed(2)} decisions_with_an_action=${latency.decided}`,
    );
  }

  const variantDecisions = Number(values['variant-decisions']);
  if (variantDecisions > 0) {
    const v = await runVariantSimulation(variantDecisions, Number(values['variant-customers']), Number(values.seed));
    console.log(
      `content variants: ${v.customers} customers, one approved draft of 2-4 variants each (answer rates uniform in [0.02, 0.6] per variant and customer), ${v.decisions} decisions, seed ${values.seed}`,
    );
    console.log(
      `variants gaussian-thompson: regret=${v.policyRegret.toFixed(1)} best_variant_share_last_quarter=${v.lastQuarterBestShare.toFixed(3)} seconds=${v.seconds.toFixed(1)}; uniform variant on the same customers: regret=${v.uniformRegret.toFixed(1)} variant_regret_ratio=${(v.policyRegret / v.uniformRegret).toFixed(3)}`,
    );
  }

  const sim = await runBanditSimulation(n, Number(values.seed), {});
  console.log(`population: 5,000 customers, 4 features in [0,1]; 8 arms (4 actions x 2 channels), linear conversion rates; seed ${values.seed}`);
  console.log(`share of the population whose best arm is each arm: ${sim.bestArmShares.map((s) => s.toFixed(3)).join(' ')}`);
  console.log(
    `policy linear-thompson (store: in-memory policy state through the service's decision and reward code): regret=${sim.policyRegret.toFixed(1)} best_action_share_last_quarter=${sim.lastQuarterBestShare.toFixed(3)} seconds=${sim.seconds.toFixed(1)}`,
  );
  console.log(`baseline uniform-random on the same customers: regret=${sim.uniformRegret.toFixed(1)}`);
  console.log(`decisions=${sim.decisions} regret_ratio=${(sim.policyRegret / sim.uniformRegret).toFixed(3)} best_action_share=${sim.bestShare.toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
