import { fillPlaceholders, minimise, placeholdersIn, type CustomerGrounding } from './grounding';

const grounding: CustomerGrounding = {
  personal: {
    givenName: 'Ada Marie',
    familyName: 'Lovelace',
    locality: 'Marylebone',
    postcode: 'NW1 6XE',
    emails: ['ada@example.com'],
    phones: ['+447700900123'],
  },
  facts: [
    { source: 'touchpoint-store', key: 'recent_events', value: 'add_to_cart on web (2026-03-01)' },
    { source: 'insights', key: 'segment', value: 'frequent store buyers' },
    { source: 'touchpoint-store', key: 'note', value: 'called from +44 7700 900123' },
    { source: 'insights', key: 'nickname', value: 'Ask for Lovelace at the desk' },
    { source: 'insights', key: 'where', value: 'lives near NW1 6XE' },
  ],
  catalogueOffers: [],
};

describe('minimising what is sent', () => {
  it('keeps behavioural facts and holds back any fact naming or contacting the person', () => {
    const m = minimise(grounding);
    expect(m.modelFacts.map((f) => f.key)).toEqual(['recent_events', 'segment']);
    expect(m.withheld).toEqual(['note', 'nickname', 'where']);
    expect(JSON.stringify(m.modelFacts)).not.toMatch(/Ada|Lovelace|example\.com|7700/);
  });

  it('offers {{first_name}} only when the grounding has a first name, filled locally', () => {
    expect(minimise(grounding).placeholders).toEqual({ first_name: 'Ada' });
    expect(minimise({ ...grounding, personal: { emails: [], phones: [] } }).placeholders).toEqual({});
    expect(fillPlaceholders('Hi {{first_name}}, {{ first_name }}! {{city}}', { first_name: 'Ada' })).toBe('Hi Ada, Ada! {{city}}');
    expect(placeholdersIn('Hi {{first_name}} in {{city}}')).toEqual(['first_name', 'city']);
  });
});
