import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LabelledText } from '@c360/sentiment';

export interface DataFormat {
  format: 'uci' | 'csv';
  text?: string;
  label?: string;
  positive?: string;
  negative?: string;
}

export interface LabelledFile {
  rows: LabelledText[];
  /** Rows whose label was neither the positive nor the negative value. */
  skipped: number;
}

/** `text<TAB>label` per line, the label last (a text may itself hold a tab). */
function readUci(content: string, positive: string, negative: string): LabelledFile {
  const rows: LabelledText[] = [];
  let skipped = 0;
  for (const line of content.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const tab = line.lastIndexOf('\t');
    const label = tab < 0 ? '' : line.slice(tab + 1).trim();
    const text = line.slice(0, Math.max(0, tab)).trim();
    if (label === positive) rows.push({ text, label: 'positive' });
    else if (label === negative) rows.push({ text, label: 'negative' });
    else skipped++;
  }
  return { rows, skipped };
}

function readCsv(content: string, format: DataFormat): LabelledFile {
  if (!format.text || !format.label) throw new Error('--format csv needs --text <column> and --label <column>');
  const records = parse(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const first = records[0];
  for (const col of [format.text, format.label])
    if (first && !(col in first)) throw new Error(`no column ${JSON.stringify(col)} (columns: ${Object.keys(first).join(', ')})`);
  const positive = format.positive ?? 'positive';
  const negative = format.negative ?? 'negative';
  const rows: LabelledText[] = [];
  let skipped = 0;
  for (const r of records) {
    const label = (r[format.label] ?? '').trim();
    const text = (r[format.text] ?? '').trim();
    if (label === positive && text) rows.push({ text, label: 'positive' });
    else if (label === negative && text) rows.push({ text, label: 'negative' });
    else skipped++;
  }
  return { rows, skipped };
}

export function readLabelledFile(file: string, format: DataFormat): LabelledFile {
  const content = readFileSync(file, 'utf8');
  return format.format === 'uci' ? readUci(content, format.positive ?? '1', format.negative ?? '0') : readCsv(content, format);
}
