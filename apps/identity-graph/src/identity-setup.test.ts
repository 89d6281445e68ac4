import { loadConfig as load } from './config';

const loadConfig = (env: Record<string, string>) => load({ INTERNAL_TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters', ...env });
import { identifierRegistryFrom } from '@c360/identifiers';
import { matchModelFrom, rulesFrom } from './identity-setup';

describe('identity configuration', () => {
  it('sets Fellegi–Sunter weights and thresholds from the environment', () => {
    const config = loadConfig({ MATCH_UPPER_THRESHOLD: '20', MATCH_LOWER_THRESHOLD: '9', MATCH_WEIGHTS: '{"gender":[[0.99,0.5],[0.01,0.5]]}' });
    const model = matchModelFrom(config);
    expect(model).toMatchObject({ upper: 20, lower: 9 });
    expect(model.fields.find((f) => f.field === 'gender')?.levels).toEqual([
      { m: 0.99, u: 0.5 },
      { m: 0.01, u: 0.5 },
    ]);
  });

  it('refuses weights with the wrong number of levels, an unknown field, or thresholds the wrong way round', () => {
    expect(() => matchModelFrom(loadConfig({ MATCH_WEIGHTS: '{"gender":[[0.9,0.5],[0.05,0.3],[0.05,0.2]]}' }))).toThrow(/expected 2 levels/);
    expect(() => matchModelFrom(loadConfig({ MATCH_WEIGHTS: '{"shoeSize":[[0.9,0.5],[0.1,0.5]]}' }))).toThrow(/unknown fields shoeSize/);
    expect(() => loadConfig({ MATCH_WEIGHTS: '{"gender":[[2,0.5]]}' })).toThrow(/MATCH_WEIGHTS/);
    expect(() => loadConfig({ MATCH_UPPER_THRESHOLD: '5', MATCH_LOWER_THRESHOLD: '9' })).toThrow(/must not exceed/);
  });

  it('adds configured identifier types to the registry, with their rules', () => {
    const config = loadConfig({ IDENTIFIER_TYPES_CONFIG: '[{"type":"membershipNo","priority":90,"limit":1,"unique":true}]' });
    expect(rulesFrom(identifierRegistryFrom(config))('membershipNo')).toMatchObject({ priority: 90, unique: true, links: true });
    expect(() => loadConfig({ IDENTIFIER_TYPES_CONFIG: 'not json' })).toThrow(/IDENTIFIER_TYPES_CONFIG/);
  });
});
