/**
 * npm run seed:events -- --out <file.csv> [--customers n] [--seed n]
 * Writes the synthetic population's journeys as an event log (one row per touchpoint, the true
 * person as the user), the shape eval:sequence and analyse:journeys read.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { syntheticTouchpoints } from './synthetic/journeys';

const { values } = parseArgs({ options: { out: { type: 'string' }, customers: { type: 'string', default: '5000' }, seed: { type: 'string', default: '7' } } });
if (!values.out) throw new Error('usage: seed:events -- --out <file.csv> [--customers n] [--seed n]');
const out = createWriteStream(values.out);
out.write('person,occurred_at,event,channel\n');
let rows = 0;
for (const { touchpoint, personKey } of syntheticTouchpoints({ seed: Number(values.seed), customers: Number(values.customers) })) {
  out.write(`${personKey},${new Date(touchpoint.occurredAt).toISOString()},${touchpoint.event ?? touchpoint.type},${touchpoint.channel}\n`);
  rows += 1;
}
out.end(() => console.log(`wrote ${rows} events of ${values.customers} customers to ${values.out}`));
