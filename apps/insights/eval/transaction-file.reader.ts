import { parse } from 'csv-parse/sync';
import type { ClvTransaction } from '../src/domain/clv';

export interface TransactionColumns {
  customer: string;
  date: string;
  amount: string;
}

export type TransactionFileFormat = 'csv' | 'whitespace';
export type DateFormat = 'iso' | 'YYYYMMDD' | 'DD/MM/YYYY' | 'MM/DD/YYYY';

/**
 * Reads a transaction log. A column is named by its header (csv) or by its 1-based position
 * (either format; whitespace files have no header). Amounts accept thousands separators and
 * currency signs; rows with an unreadable date are counted and skipped, not guessed.
 */
export function readTransactions(text: string, format: TransactionFileFormat, columns: TransactionColumns, dateFormat: DateFormat) {
  const rows =
    format === 'csv'
      ? parseCsv(text)
      : text
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .map((line) => line.trim().split(/\s+/));
  const header = format === 'csv' ? (rows.shift() ?? []) : [];
  const index = (column: string): number => columnIndex(header, column);
  const [customer, date, amount] = [index(columns.customer), index(columns.date), index(columns.amount)];
  const transactions: ClvTransaction[] = [];
  let skipped = 0;
  for (const row of rows) {
    const at = parseDate(row[date] ?? '', dateFormat);
    const id = (row[customer] ?? '').trim();
    if (!at || id === '') {
      skipped += 1;
      continue;
    }
    transactions.push({ customerId: id, at, amount: parseAmount(row[amount] ?? '') });
  }
  return { transactions, skipped };
}

function parseCsv(text: string): string[][] {
  return parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true, trim: true }) as string[][];
}

function columnIndex(header: readonly string[], column: string): number {
  if (/^\d+$/.test(column)) return Number(column) - 1;
  const found = header.findIndex((name) => name === column);
  if (found < 0) throw new Error(`no column named "${column}" (columns: ${header.join(', ')})`);
  return found;
}

/** A comma is the decimal separator when it comes last and is not followed by exactly three digits ("12,50", "1.234,5"). */
export function parseAmount(value: string): number {
  const text = value.replace(/[^0-9.,+-]/g, '');
  const comma = text.lastIndexOf(',');
  const decimalComma = comma > text.lastIndexOf('.') && !/^\d{3}$/.test(text.slice(comma + 1));
  const cleaned = decimalComma ? text.replace(/\./g, '').replace(',', '.').replace(/,/g, '') : text.replace(/,/g, '');
  const amount = Number(cleaned);
  return cleaned !== '' && Number.isFinite(amount) ? amount : 0;
}

/** Dates become UTC midnights of their calendar day; a datetime keeps its day (in UTC when it names no zone). */
export function parseDate(value: string, format: DateFormat): Date | null {
  const text = value.trim();
  const utc = (y: number, m: number, d: number): Date | null => {
    const at = new Date(Date.UTC(y, m - 1, d));
    return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d ? at : null;
  };
  const digits = (pattern: RegExp): number[] | null => pattern.exec(text)?.slice(1).map(Number) ?? null;
  switch (format) {
    case 'YYYYMMDD': {
      const p = digits(/^(\d{4})(\d{2})(\d{2})$/);
      return p ? utc(p[0] ?? 0, p[1] ?? 0, p[2] ?? 0) : null;
    }
    case 'DD/MM/YYYY': {
      const p = digits(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/);
      return p ? utc(p[2] ?? 0, p[1] ?? 0, p[0] ?? 0) : null;
    }
    case 'MM/DD/YYYY': {
      const p = digits(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/);
      return p ? utc(p[2] ?? 0, p[0] ?? 0, p[1] ?? 0) : null;
    }
    case 'iso': {
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
      const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) || hasZone ? text : `${text.replace(' ', 'T')}Z`);
      return Number.isNaN(at.getTime()) ? null : at;
    }
  }
}
