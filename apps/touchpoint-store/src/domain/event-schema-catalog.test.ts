import type { TouchpointInput } from '@c360/contracts';
import { checkSchema, EventSchemaCatalog, InvalidSchemaError } from './event-schema-catalog';

const item = (over: Partial<TouchpointInput>): TouchpointInput => ({
  messageId: 'm',
  type: 'track',
  channel: 'web',
  occurredAt: '2026-05-01T10:00:00Z',
  identifiers: { anonymousId: 'a' },
  properties: {},
  ...over,
});

const orderSchema = { event: 'Order Completed', version: 1, schema: { type: 'object', required: ['total'], properties: { total: { type: 'number' } } } };

describe('EventSchemaCatalog', () => {
  it('passes an item that meets its registered schema and names the version', () => {
    const verdict = new EventSchemaCatalog([orderSchema], 'allow').judge(item({ event: 'Order Completed', properties: { total: 3 } }));
    expect(verdict).toEqual({ ok: true, event: 'Order Completed', schemaVersion: 1 });
  });

  it('explains each violation of the registered schema', () => {
    const verdict = new EventSchemaCatalog([orderSchema], 'allow').judge(item({ event: 'Order Completed', properties: { total: 'lots' } }));
    expect(verdict).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION', schemaVersion: 1, reasons: ['properties.total: must be number'] });
  });

  it('judges by the latest version only', () => {
    const v2 = { ...orderSchema, version: 2, schema: { type: 'object', properties: { total: { type: 'string' } } } };
    const verdict = new EventSchemaCatalog([v2, orderSchema], 'allow').judge(item({ event: 'Order Completed', properties: { total: 'lots' } }));
    expect(verdict).toMatchObject({ ok: true, schemaVersion: 2 });
  });

  it('applies the built-in schema of non-digital types', () => {
    const verdict = new EventSchemaCatalog([], 'allow').judge(
      item({ type: 'contact', channel: 'call_center', properties: { reason: 'billing', outcome: 'maybe' } }),
    );
    expect(verdict).toMatchObject({ ok: false, code: 'SCHEMA_VIOLATION', reasons: [expect.stringContaining('properties.outcome')] });
  });

  it('follows the unknown-event policy for event names nobody registered', () => {
    const unknown = item({ event: 'Mystery' });
    expect(new EventSchemaCatalog([], 'allow').judge(unknown).ok).toBe(true);
    expect(new EventSchemaCatalog([], 'quarantine').judge(unknown)).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
    expect(new EventSchemaCatalog([], 'quarantine').judge(item({ type: 'page' })).ok).toBe(true);
  });
});

describe('checkSchema', () => {
  it.each([[[1]], [{ type: 'objekt' }], [{ properties: { a: { tyep: 'string' } } }], ['x']])('refuses %p', (schema) => {
    expect(() => checkSchema(schema)).toThrow(InvalidSchemaError);
  });
});
