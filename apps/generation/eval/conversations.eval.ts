// npm run eval:conversations -- --file <csv>: the bot's intent and escalation decisions (assessTurn,
// the code the service runs on every customer message) over labelled turns. Columns:
// text,expected_intent,expected_escalation. `text` may hold earlier messages of the same conversation
// before the scored one, separated by " || "; expected_escalation is none/false/no/0 for "no
// hand-over", anything else (a rule name, true, yes, 1) for "hand over".
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEFAULT_ESCALATION_POLICY, type TurnAssessment } from '../src/domain/conversations/escalation-rules';
import { IntentClassifier, trainingExamples } from '../src/domain/conversations/intent-classifier';
import { assessTurn } from '../src/domain/conversations/turn-assessor';
import { defaultSentimentScorer } from '../src/conversations/sentiment-scorer';

interface Row {
  text: string;
  expected_intent: string;
  expected_escalation: string;
}

function fileArgument(): string {
  const i = process.argv.indexOf('--file');
  const file = i >= 0 ? process.argv[i + 1] : undefined;
  if (!file) throw new Error('usage: npm run eval:conversations -- --file <csv with text,expected_intent,expected_escalation>');
  return file;
}

const NO_ESCALATION = new Set(['', 'none', 'false', 'no', '0']);
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const fmt = (x: number) => x.toFixed(3);

function main(): void {
  const rows = parse(readFileSync(fileArgument(), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
  const training = trainingExamples();
  const trained = new Set(training.map((e) => e.text.toLowerCase()));
  const deps = { classifier: IntentClassifier.standard(), sentiment: defaultSentimentScorer(), policy: DEFAULT_ESCALATION_POLICY };
  let correct = 0;
  const esc = { tp: 0, fp: 0, fn: 0 };
  const perIntent = new Map<string, { n: number; correct: number }>();
  const perRule = new Map<string, { n: number; caught: number }>();
  const misses: string[] = [];
  for (const row of rows) {
    const turns = row.text.split(' || ');
    const earlier: TurnAssessment[] = [];
    let decision = assessTurn(deps, earlier, turns[0]!);
    for (const text of turns.slice(1)) {
      earlier.push(decision.assessment);
      decision = assessTurn(deps, earlier, text);
    }
    const intentOk = decision.assessment.intent === row.expected_intent;
    correct += Number(intentOk);
    const stats = perIntent.get(row.expected_intent) ?? { n: 0, correct: 0 };
    perIntent.set(row.expected_intent, { n: stats.n + 1, correct: stats.correct + Number(intentOk) });
    const expected = !NO_ESCALATION.has(row.expected_escalation.toLowerCase());
    const predicted = decision.escalation.length > 0;
    if (expected && predicted) esc.tp++;
    if (!expected && predicted) esc.fp++;
    if (expected && !predicted) esc.fn++;
    if (expected) {
      const rule = perRule.get(row.expected_escalation) ?? { n: 0, caught: 0 };
      perRule.set(row.expected_escalation, { n: rule.n + 1, caught: rule.caught + Number(predicted) });
    }
    if (!intentOk || expected !== predicted) {
      misses.push(
        `  ${JSON.stringify(turns.at(-1))}: intent ${decision.assessment.intent} (${fmt(decision.assessment.confidence)}) want ${row.expected_intent}; escalation [${decision.escalation.join(',')}] want ${row.expected_escalation}`,
      );
    }
  }
  const overlap = rows.filter((r) => r.text.split(' || ').some((t) => trained.has(t.toLowerCase()))).length;
  console.log(
    `split: trained on ${training.length} sentences (src/domain/conversations/intent-training-set.ts); scored on ${rows.length} rows of ${fileArgument()}; rows sharing a sentence with training: ${overlap}`,
  );
  for (const [intent, s] of [...perIntent].sort())
    console.log(`intent ${intent.padEnd(18)} n=${String(s.n).padStart(3)} accuracy=${fmt(ratio(s.correct, s.n))}`);
  for (const [rule, s] of [...perRule].sort()) console.log(`rule ${rule.padEnd(20)} n=${String(s.n).padStart(3)} recall=${fmt(ratio(s.caught, s.n))}`);
  if (process.argv.includes('--misses')) console.log(['misses:', ...misses].join('\n'));
  const n = rows.length;
  console.log(
    `intent_accuracy=${fmt(ratio(correct, n))} escalation_precision=${fmt(ratio(esc.tp, esc.tp + esc.fp))} escalation_recall=${fmt(ratio(esc.tp, esc.tp + esc.fn))} n=${n}`,
  );
}

main();
