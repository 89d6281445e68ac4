// `npm run import:traits -- --file <csv> --identifier <type>:<column> [--source crm] [--channel web] [--url http://127.0.0.1:4002]`
// Sends each row of a CRM export as an `identify` touchpoint through touchpoint-store's batch API, so
// validation, suppression and identity resolution apply as to any touchpoint; the other columns become
// traits insights' models can use. Token: ACCESS_TOKEN_SECRET (npm start writes it to .data/local.env).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signAccessToken } from '@c360/auth';
import { channelSchema } from '@c360/contracts';
import { parse } from 'csv-parse/sync';
import { accessSettings } from './access-settings';
import { chunks, postBatches } from './batch-client';
import { identifyTouchpoints, TraitsImportError } from './traits-import';

/** Imports a CSV file; answers what the batch API did with its rows. */
export async function importTraitsFile(options: {
  file: string;
  identifier: string;
  source: string;
  channel: string;
  url: string;
  token: string;
  batch?: number;
}) {
  const rows = parse(readFileSync(options.file), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const channel = channelSchema.safeParse(options.channel);
  if (!channel.success) throw new TraitsImportError(`--channel: "${options.channel}" is not a channel`);
  const plan = identifyTouchpoints(rows, { identifier: options.identifier, source: options.source, channel: channel.data, occurredAt: new Date() });
  const sent = await postBatches(options.url, options.token, chunks(plan.items, options.batch ?? 500));
  return { rows: rows.length, sent: plan.items.length, skipped: plan.skipped, ...sent };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      identifier: { type: 'string' },
      source: { type: 'string', default: 'crm' },
      channel: { type: 'string', default: 'web' },
      url: { type: 'string', default: process.env['TOUCHPOINT_STORE_URL'] ?? 'http://127.0.0.1:4002' },
    },
  });
  if (!values.file || !values.identifier) throw new TraitsImportError('usage: import:traits -- --file <csv> --identifier <type>:<column>');
  const token = await signAccessToken({ subject: 'import-traits', roles: ['service'], scopes: [] }, accessSettings(), '1h');
  const r = await importTraitsFile({
    file: values.file,
    identifier: values.identifier,
    source: values.source,
    channel: values.channel,
    url: values.url,
    token,
  });
  process.stdout.write(`rows=${r.rows} sent=${r.sent} skipped=${r.skipped} accepted=${r.accepted} quarantined=${r.quarantined} rejected=${r.rejected}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`import:traits failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof TraitsImportError ? 2 : 1);
  });
}
