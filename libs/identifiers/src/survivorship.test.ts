import { DEFAULT_SOURCE_TRUST, sourceTrustSchema, survivorshipOrder } from './survivorship';

describe('survivorshipOrder', () => {
  const seen = (source: string, day: number) => ({ source, observedAt: new Date(Date.UTC(2026, 0, day)) });

  it('ranks the more trusted source first, then the more recent observation; unknown sources last', () => {
    const observations = [seen('web', 9), seen('crm', 1), seen('mystery', 20), seen('web', 12), seen('crm', 3)];
    expect([...observations].sort(survivorshipOrder(DEFAULT_SOURCE_TRUST))).toEqual([
      seen('crm', 3),
      seen('crm', 1),
      seen('web', 12),
      seen('web', 9),
      seen('mystery', 20),
    ]);
    expect([...observations].sort(survivorshipOrder({ web: 5 }))[0]).toEqual(seen('web', 12));
  });

  it('reads SOURCE_TRUST as source to an integer trust from 0 to 1000', () => {
    expect(sourceTrustSchema.parse({ crm: 100 })).toEqual({ crm: 100 });
    expect(sourceTrustSchema.safeParse({ crm: 1001 }).success).toBe(false);
    expect(sourceTrustSchema.safeParse({ crm: 'high' }).success).toBe(false);
  });
});
