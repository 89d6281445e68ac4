import { planResolution } from './plan-resolution';

const older = { customerId: 'c-old', createdAt: new Date('2026-01-01T00:00:00Z') };
const newer = { customerId: 'c-new', createdAt: new Date('2026-02-01T00:00:00Z') };

describe('planResolution', () => {
  it('creates a customer when no identifier is known', () => {
    expect(planResolution([{ key: 'email:a@x.io', owner: null }])).toEqual({ kind: 'create', linkKeys: ['email:a@x.io'] });
  });

  it('attaches new identifiers to the one customer owning the others', () => {
    expect(planResolution([{ key: 'email:a@x.io', owner: older }, { key: 'phone:+14155550101', owner: null }])).toEqual({
      kind: 'attach',
      customerId: 'c-old',
      linkKeys: ['phone:+14155550101'],
    });
  });

  it('changes nothing for identifiers already linked', () => {
    expect(planResolution([{ key: 'email:a@x.io', owner: older }])).toEqual({ kind: 'attach', customerId: 'c-old', linkKeys: [] });
  });

  it('merges into the oldest customer, whatever the order of identifiers', () => {
    const a = planResolution([{ key: 'k1', owner: newer }, { key: 'k2', owner: older }, { key: 'k3', owner: null }]);
    const b = planResolution([{ key: 'k3', owner: null }, { key: 'k2', owner: older }, { key: 'k1', owner: newer }]);
    expect(a).toMatchObject({ kind: 'merge', survivorId: 'c-old', absorbedIds: ['c-new'], linkKeys: ['k3'] });
    expect(b).toMatchObject({ kind: 'merge', survivorId: 'c-old', absorbedIds: ['c-new'] });
  });

  it('breaks a tie in creation time by id', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const plan = planResolution([{ key: 'k1', owner: { customerId: 'b', createdAt: at } }, { key: 'k2', owner: { customerId: 'a', createdAt: at } }]);
    expect(plan).toMatchObject({ kind: 'merge', survivorId: 'a', absorbedIds: ['b'], evidenceKeys: ['k1', 'k2'] });
  });
});
