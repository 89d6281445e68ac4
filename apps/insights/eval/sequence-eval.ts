/**
 * npm run eval:sequence -- --file <events.csv|.csv.gz> --user <col> --time <col> --event <col> [--session <col>] [--channel <col>] --target <event>
 * Users are split 80/20 (seed 42); the recurrent network and the order-k Markov baseline are trained
 * on the 80% exactly as insights' sequence training job trains them (trainSequenceModels, which holds
 * a tenth of those users back for early stopping and the choice of order), then scored on the 20%.
 * Progress goes to stderr; the last line of stdout is the result.
 */
import { parseArgs } from 'node:util';
import { splitUsers } from '../src/domain/sequence/user-split';
import { scoreGru, scoreMarkov } from '../src/domain/sequence/sequence-evaluation';
import { trainSequenceModels } from '../src/domain/sequence/sequence-training';
import { readEventLog } from './event-log.reader';

const USAGE =
  'usage: eval:sequence -- --file <events.csv|.csv.gz> --user <col> --time <col> --event <col> [--session <col>] [--channel <col>] --target <event>';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      user: { type: 'string' },
      time: { type: 'string' },
      event: { type: 'string' },
      session: { type: 'string' },
      channel: { type: 'string' },
      target: { type: 'string' },
      'max-epochs': { type: 'string', default: '12' },
    },
  });
  const { file, user, time, event, target } = values;
  if (!file || !user || !time || !event || !target) throw new Error(USAGE);
  const started = performance.now();
  const log = readEventLog(file, { user, time, event, session: values.session, channel: values.channel });
  const { train, test } = splitUsers(log.users, 0.2, 42);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  progress(`read ${log.events} events (${log.skipped} rows skipped) of ${log.users.length} users; training on ${train.length}, scoring ${test.length}`);
  const trained = await trainSequenceModels(train, {
    target,
    maxEpochs: Number(values['max-epochs']),
    onEpoch: (epoch, trainLoss, validationLoss) => progress(`epoch ${epoch}: train loss ${trainLoss.toFixed(4)}, validation loss ${validationLoss.toFixed(4)}`),
  });
  const network = await scoreGru(trained.network, test);
  const baseline = scoreMarkov(trained.baseline, test);
  const f = (n: number) => (Number.isNaN(n) ? 'nan' : n.toFixed(4));
  console.log(`baseline: order-${trained.baseline.order} Markov; promoted on validation users: ${trained.winner}`);
  console.log(
    `held-out: ${test.length} users, ${network.nextCount} next steps, ${network.targetUsers} users with steps before '${target}' or none reaching it`,
  );
  console.log(
    `model=gru next_top3=${f(network.nextTop3)} baseline_next_top3=${f(baseline.nextTop3)} target_auc=${f(network.targetAuc)} baseline_target_auc=${f(baseline.targetAuc)} users=${log.users.length} seconds=${((performance.now() - started) / 1000).toFixed(1)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
