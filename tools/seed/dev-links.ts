// Prints one console sign-in link per role, each carrying a development token (12 hours) in the
// fragment, which browsers never send to a server; and the gateway's GraphiQL with the first one.
//   npx tsx tools/seed/dev-links.ts <console URL> <gateway URL>
import { signAccessToken, type Role } from '@c360/auth';
import { accessSettings } from './access-settings';

const ROLES: Role[] = ['analyst', 'marketer', 'support', 'compliance', 'service'];

async function main(): Promise<void> {
  const [consoleUrl = 'http://127.0.0.1:4173', gatewayUrl = 'http://127.0.0.1:4000'] = process.argv.slice(2);
  const lines: string[] = [];
  for (const role of ROLES) {
    const token = await signAccessToken({ subject: `local-${role}`, roles: [role], scopes: [] }, accessSettings(), '12h');
    lines.push(`  ${role.padEnd(11)} ${consoleUrl}/#dev-token=${token}`);
  }
  const dev = await signAccessToken({ subject: 'local-developer', roles: ['service', 'compliance', 'marketer'], scopes: [] }, accessSettings(), '12h');
  process.stdout.write(
    `console sign-in, one link per role:\n${lines.join('\n')}\nGraphiQL (roles service, compliance, marketer):\n  ${gatewayUrl}/graphiql#dev-token=${dev}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`dev links failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
