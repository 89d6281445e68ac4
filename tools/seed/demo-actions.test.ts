import { apiSchemaSdl } from '@c360/supergraph';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { DEFINE_ACTION, DEMO_RECOVERY_ACTIONS } from './demo-actions';

describe('the demo recovery actions', () => {
  const schema = buildSchema(apiSchemaSdl());
  const document = parse(DEFINE_ACTION);

  it('define every action generation’s default recovery policy names, with an operation the supergraph accepts', () => {
    expect(validate(schema, document)).toEqual([]);
    expect(DEMO_RECOVERY_ACTIONS.map((a) => a.id).sort()).toEqual(['churn-retention', 'journey-recovery', 'service-check-in']);
  });

  it.each(DEMO_RECOVERY_ACTIONS.map((a) => [a.id, a] as const))('%s is a valid ActionInput', (_id, action) => {
    const definitions = getOperationAST(document)!.variableDefinitions ?? [];
    const coerced = getVariableValues(schema, definitions, { i: action });
    expect(coerced.errors ?? []).toEqual([]);
  });
});
