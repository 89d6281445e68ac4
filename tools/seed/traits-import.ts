import { createHash } from 'node:crypto';
import { CONFIGURED_IDENTIFIER_TYPE, TRAITS_IMPORTED_EVENT, type Channel, type TouchpointInput } from '@c360/contracts';

export interface TraitsImportOptions {
  /** `<type>:<column>`: the identifier type the rows are keyed by and the column holding it. */
  identifier: string;
  source: string;
  channel: Channel;
  occurredAt: Date;
}

export interface ImportPlan {
  items: TouchpointInput[];
  /** Rows without a value in the identifier column. */
  skipped: number;
}

export class TraitsImportError extends Error {
  override readonly name = 'TraitsImportError';
}

/** Reads `<type>:<column>`, checking the type's shape and that the column exists. */
export function parseIdentifierOption(option: string, columns: readonly string[]): { type: string; column: string } {
  const at = option.indexOf(':');
  const [type, column] = at < 0 ? [option, ''] : [option.slice(0, at), option.slice(at + 1)];
  if (!CONFIGURED_IDENTIFIER_TYPE.test(type)) throw new TraitsImportError(`--identifier: "${type}" is not an identifier type (e.g. email, crmId)`);
  if (!columns.includes(column)) throw new TraitsImportError(`--identifier: no column "${column}" in the file (columns: ${columns.join(', ')})`);
  return { type, column };
}

/**
 * One identify touchpoint per row, keyed by the identifier column; every other non-empty column becomes
 * a trait. The messageId is a hash of the row, so importing the same file twice stores each row once,
 * while a row whose values changed is a new observation.
 */
export function identifyTouchpoints(rows: readonly Record<string, string>[], options: TraitsImportOptions): ImportPlan {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const { type, column } = parseIdentifierOption(options.identifier, columns);
  const items: TouchpointInput[] = [];
  let skipped = 0;
  for (const row of rows) {
    const id = row[column]?.trim();
    if (!id) {
      skipped += 1;
      continue;
    }
    const traits = Object.fromEntries(Object.entries(row).filter(([name, value]) => name !== column && value.trim() !== ''));
    const digest = createHash('sha256')
      .update(JSON.stringify([type, id, traits]))
      .digest('hex')
      .slice(0, 32);
    items.push({
      messageId: `traits-${digest}`,
      type: 'identify',
      event: TRAITS_IMPORTED_EVENT,
      channel: options.channel,
      occurredAt: options.occurredAt.toISOString(),
      identifiers: { [type]: id },
      properties: {},
      traits,
      source: options.source,
    });
  }
  return { items, skipped };
}
