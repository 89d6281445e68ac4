import { buildGoldenRecord, type Observation } from './survivorship';

const trust = { crm: 100, pos: 80, web: 40 };
const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const none = { emails: [], phones: [] };

describe('survivorship', () => {
  it('takes each value from the most trusted source, whatever its age', () => {
    const observations: Observation[] = [
      { source: 'web', observedAt: at(20), traits: { givenName: 'Gracie', familyName: 'Hopper' } },
      { source: 'crm', observedAt: at(1), traits: { givenName: 'Grace' } },
    ];
    const golden = buildGoldenRecord(observations, none, trust);
    expect(golden.givenName).toEqual({ value: 'Grace', source: 'crm', observedAt: at(1) });
    // The CRM has no family name, so the web's survives.
    expect(golden.familyName).toEqual({ value: 'Hopper', source: 'web', observedAt: at(20) });
  });

  it('breaks a tie in trust by recency, and ranks an unknown source last', () => {
    const observations: Observation[] = [
      { source: 'pos', observedAt: at(1), traits: { birthDate: '1906-12-09' } },
      { source: 'pos', observedAt: at(5), traits: { birthDate: '1906-12-19' } },
      { source: 'kiosk', observedAt: at(9), traits: { birthDate: '1960-01-01', gender: 'f' } },
    ];
    const golden = buildGoldenRecord(observations, none, trust);
    expect(golden.birthDate).toMatchObject({ value: '1906-12-19', source: 'pos' });
    expect(golden.gender).toMatchObject({ value: 'f', source: 'kiosk' });
  });

  it('takes an address whole from one observation, never mixing parts', () => {
    const observations: Observation[] = [
      { source: 'crm', observedAt: at(1), traits: { streetNumber: '1', street: 'Old Road', postcode: '11111' } },
      { source: 'web', observedAt: at(9), traits: { street: 'New Street', locality: 'Newtown', postcode: '22222' } },
    ];
    expect(buildGoldenRecord(observations, none, trust).address).toMatchObject({
      streetNumber: '1',
      street: 'Old Road',
      postcode: '11111',
      locality: null,
      source: 'crm',
    });
    expect(buildGoldenRecord([], none, trust)).toMatchObject({ givenName: null, address: null, emails: [] });
  });

  it('keeps every email, the best first', () => {
    const emails = [
      { value: 'a@web.io', source: 'web', observedAt: at(9) },
      { value: 'a@crm.io', source: 'crm', observedAt: at(1) },
    ];
    expect(buildGoldenRecord([], { emails, phones: [] }, trust).emails.map((e) => e.value)).toEqual(['a@crm.io', 'a@web.io']);
  });
});
