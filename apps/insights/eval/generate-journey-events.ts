/**
 * npm run analyse:journeys:generate -- --out <events.csv> [--incidents yes|no] [--days 70] [--sessions-per-day 600] [--seed 1]
 * Writes the seeded web-shop event log with the planted incidents (src/testing/journey-event-generator.ts).
 */
import { writeFileSync } from 'node:fs';
import { generateJourneyEvents } from '../src/testing/journey-event-generator';
import { parseArgs } from './cli-args';

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['out', 'incidents', 'days', 'sessions-per-day', 'seed']);
  const out = args.get('out');
  if (!out) throw new Error('--out is required');
  const events = generateJourneyEvents({
    incidents: (args.get('incidents') ?? 'yes') === 'yes',
    days: Number(args.get('days') ?? 70),
    sessionsPerDay: Number(args.get('sessions-per-day') ?? 600),
    seed: Number(args.get('seed') ?? 1),
  });
  const lines = ['user_id,event_time,event_name,session_id,platform,channel'];
  for (const e of events) lines.push([e.user, new Date(e.time).toISOString(), e.event, e.session, e.segments['platform'], e.segments['channel']].join(','));
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`events=${events.length} file=${out}`);
}

main();
