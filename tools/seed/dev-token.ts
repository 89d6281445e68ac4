// Prints a development access token (role service, 12 hours) signed with the local secret.
import { signAccessToken } from '@c360/auth';
import { accessSettings } from './access-settings';

void signAccessToken({ subject: 'local-developer', roles: ['service', 'compliance', 'marketer'], scopes: [] }, accessSettings(), '12h').then((t) =>
  process.stdout.write(`${t}\n`),
);
