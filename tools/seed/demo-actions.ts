import { signAccessToken } from '@c360/auth';
import { accessSettings } from './access-settings';

/**
 * The catalogue actions generation's default recovery policy names (apps/generation/src/content/README.md),
 * so a recovery draft on the demo system carries an action and, once approved, its variants compete as
 * arms. Only in the `recovery` placement: they never crowd other placements' decisions.
 */
export const DEMO_RECOVERY_ACTIONS = [
  { id: 'journey-recovery', kind: 'MESSAGE', name: 'Pick up where you left off', channels: ['EMAIL', 'APP'], placements: ['recovery'] },
  { id: 'churn-retention', kind: 'OFFER', name: 'A reason to come back', channels: ['EMAIL', 'APP'], placements: ['recovery'] },
  { id: 'service-check-in', kind: 'MESSAGE', name: 'Checking in after your last contact', channels: ['EMAIL', 'APP'], placements: ['recovery'] },
].map((action) => ({ ...action, caps: [{ max: 1, periodHours: 72 }] }));

export const DEFINE_ACTION = 'mutation ($i: ActionInput!) { defineAction(input: $i) { id } }';

/** Defines them through the gateway, as a marketer would; defining again replaces, so a reload is harmless. */
export async function defineDemoActions(gatewayUrl: string): Promise<number> {
  const token = await signAccessToken({ subject: 'demo-loader', roles: ['marketer'], scopes: [] }, accessSettings(), '10m');
  for (const action of DEMO_RECOVERY_ACTIONS) {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: DEFINE_ACTION, variables: { i: action } }),
    });
    const body = (await res.json()) as { data?: { defineAction: { id: string } }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`action ${action.id} not defined: ${body.errors?.[0]?.message ?? res.status}`);
  }
  return DEMO_RECOVERY_ACTIONS.length;
}
