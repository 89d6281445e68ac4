/**
 * npm run analyse:journeys -- --file <events.csv|events.csv.gz> --user <col> --time <col> --event <col>
 *   [--session <col>] [--segments <col,col,...>]
 * Runs the service's journey-alert detectors (src/domain/journey-alerts) over an external event log.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { detectJourneyAlerts } from '../src/domain/journey-alerts/detect-journey-alerts';
import { buildSessions, type JourneyEvent } from '../src/domain/journey-alerts/journey-sessions';
import { aggregateSessions, candidateSteps } from '../src/domain/journey-alerts/journey-stats';
import { parseArgs } from './cli-args';
import { formatAlert } from './journey-alert-line';

/** A time column as ISO text or epoch seconds, milliseconds or microseconds (GA4 exports microseconds). */
export function parseTime(raw: string): number {
  const n = Number(raw);
  if (raw.trim() !== '' && Number.isFinite(n)) return n > 1e14 ? n / 1000 : n > 1e11 ? n : n * 1000;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw new Error(`not a time: ${raw}`);
  return t;
}

async function readEvents(file: string, columns: { user: string; time: string; event: string; session?: string; segments: string[] }): Promise<JourneyEvent[]> {
  const input = createReadStream(file);
  const parser = (file.endsWith('.gz') ? input.pipe(createGunzip()) : input).pipe(parse({ columns: true, skip_empty_lines: true, relax_column_count: true }));
  const events: JourneyEvent[] = [];
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const user = row[columns.user];
    const event = row[columns.event];
    const time = row[columns.time];
    if (!user || !event || !time) continue;
    const segments: Record<string, string> = {};
    for (const c of columns.segments) segments[c] = row[c] ?? '';
    events.push({ user, event, time: parseTime(time), segments, ...(columns.session && row[columns.session] ? { session: row[columns.session] } : {}) });
  }
  return events;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2), ['file', 'user', 'time', 'event', 'session', 'segments']);
  const [file, user, time, event] = ['file', 'user', 'time', 'event'].map((k) => args.get(k));
  if (!file || !user || !time || !event)
    throw new Error('usage: analyse:journeys -- --file <events.csv[.gz]> --user <col> --time <col> --event <col> [--session <col>] [--segments a,b]');
  const segments = (args.get('segments') ?? '').split(',').filter((s) => s.length > 0);
  const events = await readEvents(file, { user, time, event, session: args.get('session'), segments });
  const sessions = buildSessions(events);
  const stats = aggregateSessions(sessions, candidateSteps(sessions));
  const alerts = detectJourneyAlerts(stats);
  for (const a of alerts) console.log(formatAlert(a));
  const users = new Set(events.map((e) => e.user)).size;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`# sessions=${sessions.length} days=${stats.dayCount} steps_watched=${stats.steps.length}; no model is fitted, so no train/test split`);
  console.log(`alerts=${alerts.length} events=${events.length} users=${users} seconds=${seconds.toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
