// Loads the demo touchpoints through the public batch endpoint, exactly as a client would.
import { signAccessToken } from '@c360/auth';
import { accessSettings } from './access-settings';
import { demoTouchpoints } from './demo-data';

async function main(): Promise<void> {
  const url = process.env['TOUCHPOINT_STORE_URL'] ?? 'http://127.0.0.1:4002';
  const token = await signAccessToken({ subject: 'demo-loader', roles: ['service'], scopes: [] }, accessSettings(), '5m');
  const items = demoTouchpoints();
  const res = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(items),
  });
  if (!res.ok) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { results: { status: string }[] };
  const accepted = body.results.filter((r) => r.status === 'accepted').length;
  process.stdout.write(`demo data: ${accepted}/${items.length} touchpoints accepted\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo load failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
