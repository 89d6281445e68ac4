import type { Caller, Role } from '@c360/auth';
import { mayReach, personalDecision } from './field-access-policy';

const caller = (...roles: Role[]): Caller => ({ subject: 's', roles, scopes: [] });
const facts = (over: Partial<Parameters<typeof personalDecision>[1]> = {}) => ({ customerId: 'c1', consentGranted: async () => false, ...over });

describe('field access policy', () => {
  it('closes unannotated root fields to partners only', () => {
    expect(mayReach(caller('partner'), { isRoot: true })).toBe(false);
    expect(mayReach(caller('partner'), { isRoot: false })).toBe(true);
    expect(mayReach(caller('analyst'), { isRoot: true })).toBe(true);
    expect(mayReach(caller('partner'), { isRoot: true, roles: ['partner'] })).toBe(true);
    expect(mayReach(caller('marketer'), { isRoot: true, roles: ['compliance'] })).toBe(false);
  });

  it('shows personal data to service and compliance, masks it for analysts and partners', async () => {
    expect(await personalDecision(caller('service'), facts())).toBe('allow');
    expect(await personalDecision(caller('compliance'), facts({ customerId: undefined }))).toBe('allow');
    expect(await personalDecision(caller('analyst'), facts({ consentGranted: async () => true }))).toBe('mask');
    expect(await personalDecision(caller('partner'), facts({ consentGranted: async () => true }))).toBe('mask');
  });

  it('shows marketers personal data only with consent, and fails closed', async () => {
    expect(await personalDecision(caller('marketer'), facts({ consentGranted: async () => true }))).toBe('allow');
    expect(await personalDecision(caller('marketer'), facts())).toBe('mask');
    expect(await personalDecision(caller('marketer'), facts({ consentGranted: () => Promise.reject(new Error('down')) }))).toBe('mask');
    expect(await personalDecision(caller('marketer'), facts({ customerId: undefined, consentGranted: async () => true }))).toBe('mask');
  });

  it('shows support one customer per operation', async () => {
    expect(await personalDecision(caller('support'), facts({ supportCustomerId: undefined }))).toBe('allow');
    expect(await personalDecision(caller('support'), facts({ supportCustomerId: 'c1' }))).toBe('allow');
    expect(await personalDecision(caller('support'), facts({ supportCustomerId: 'c0' }))).toBe('mask');
  });
});
