import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sequencesByUser, type UserSequence } from '../src/domain/sequence/event-sequence';

export interface EventLogColumns {
  user: string;
  time: string;
  event: string;
  session?: string;
  channel?: string;
}

/**
 * Epoch milliseconds from a timestamp column as exports write it: ISO text, or a number in seconds,
 * milliseconds or microseconds (GA4 writes microseconds), told apart by magnitude.
 */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (Math.abs(n) >= 1e14) return n / 1000;
    if (Math.abs(n) >= 1e11) return n;
    return n * 1000;
  }
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) throw new Error(`unreadable timestamp: ${JSON.stringify(trimmed.slice(0, 40))}`);
  return ms;
}

/** Reads a CSV (or .csv.gz) event log into one ordered sequence per user; rows missing a user, time or event are counted and skipped. */
export function readEventLog(file: string, columns: EventLogColumns): { users: UserSequence[]; events: number; skipped: number } {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  const header = rows[0] ? Object.keys(rows[0]) : [];
  for (const name of [columns.user, columns.time, columns.event, columns.session, columns.channel]) {
    if (name !== undefined && rows.length && !header.includes(name))
      throw new Error(`no column ${JSON.stringify(name)} in ${file} (columns: ${header.join(', ')})`);
  }
  let skipped = 0;
  const steps = rows.flatMap((row) => {
    const user = row[columns.user]?.trim();
    const event = row[columns.event]?.trim();
    const time = row[columns.time]?.trim();
    if (!user || !event || !time) {
      skipped += 1;
      return [];
    }
    const session = columns.session ? row[columns.session]?.trim() || undefined : undefined;
    const channel = columns.channel ? row[columns.channel]?.trim() || undefined : undefined;
    return [{ user, event, at: parseTimestamp(time), ...(session ? { session } : {}), ...(channel ? { channel } : {}) }];
  });
  return { users: sequencesByUser(steps), events: steps.length, skipped };
}
