import { rolesClaim, rolesClaimSchema } from './caller';

describe('roles claim', () => {
  it('reads plain roles and one partner role', () => {
    expect(rolesClaimSchema.parse(['marketer', 'partner:acme'])).toEqual({ roles: ['marketer', 'partner'], partnerId: 'acme' });
    expect(rolesClaimSchema.parse(['analyst'])).toEqual({ roles: ['analyst'] });
  });

  it('refuses unknown roles, a bare partner role and two partners', () => {
    expect(rolesClaimSchema.safeParse(['root']).success).toBe(false);
    expect(rolesClaimSchema.safeParse(['partner']).success).toBe(false);
    expect(rolesClaimSchema.safeParse(['partner:a', 'partner:b']).success).toBe(false);
    expect(rolesClaimSchema.safeParse(['partner:../x']).success).toBe(false);
  });

  it('writes back what it reads', () => {
    const caller = { subject: 's', roles: ['partner' as const], scopes: [], partnerId: 'acme' };
    expect(rolesClaimSchema.parse(rolesClaim(caller))).toEqual({ roles: ['partner'], partnerId: 'acme' });
  });
});
