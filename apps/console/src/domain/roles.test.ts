import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';
import { CAPABILITIES, can, pagesFor } from './roles';

const apps = path.resolve(__dirname, '../../..');

/** Every field definition of every subgraph SDL, by "Type.field". */
function schemaFields(): Map<string, FieldDefinitionNode> {
  const fields = new Map<string, FieldDefinitionNode>();
  for (const app of ['identity-graph', 'touchpoint-store', 'insights', 'generation', 'governance']) {
    const src = path.join(apps, app, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
    for (const file of files) {
      for (const def of parse(readFileSync(path.join(src, file), 'utf8')).definitions) {
        if ((def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) && def.fields) {
          for (const field of def.fields) fields.set(`${def.name.value}.${field.name.value}`, field);
        }
      }
    }
  }
  return fields;
}

/** The roles a field allows: its @access directive, else the "(roles: a, b)" its description states (checked in resolvers). */
function allowedRoles(field: FieldDefinitionNode): string[] | undefined {
  const access = field.directives?.find((d: ConstDirectiveNode) => d.name.value === 'access');
  const roles = access?.arguments?.find((a) => a.name.value === 'roles')?.value;
  if (roles?.kind === Kind.LIST) return roles.values.map((v) => (v.kind === Kind.STRING ? v.value : '?')).sort();
  const stated = /roles?: ([a-z, ]+)/i.exec(field.description?.value ?? '');
  return stated?.[1]
    ?.split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .sort();
}

describe('role rules', () => {
  const fields = schemaFields();

  it.each(Object.entries(CAPABILITIES))('%s offers the action to exactly the roles the schema allows', (_, capability) => {
    const field = fields.get(capability.field);
    expect(field).toBeDefined();
    expect([...capability.roles].sort()).toEqual(allowedRoles(field!));
  });

  it('shows each role only the pages it can use', () => {
    expect(pagesFor(['analyst']).map((p) => p.page)).toEqual(['customers', 'analytics']);
    expect(pagesFor(['support']).map((p) => p.page)).toEqual(['customers', 'stewardship', 'content']);
    expect(pagesFor(['compliance']).map((p) => p.page)).toEqual(['customers', 'stewardship', 'compliance', 'partners', 'content']);
    expect(pagesFor(['service']).map((p) => p.page)).toEqual(['customers', 'analytics', 'partners', 'content']);
    expect(pagesFor(['marketer']).map((p) => p.page)).toEqual(['customers', 'analytics', 'content']);
    expect(pagesFor(['partner'])).toEqual([]);
    expect(can(['marketer'], 'requestErasure')).toBe(false);
    expect(can(['marketer', 'compliance'], 'requestErasure')).toBe(true);
  });

  it('lets marketers decide drafts and support agents work escalations, and no one else', () => {
    const deciders = (
      cap: 'approveDraft' | 'rejectDraft' | 'editDraft' | 'withdrawDraft' | 'claimEscalation' | 'replyAsAgent' | 'resolveEscalation' | 'decideNextBestAction',
    ) => ['analyst', 'marketer', 'support', 'compliance', 'partner', 'service'].filter((r) => can([r], cap));
    for (const cap of ['approveDraft', 'rejectDraft', 'editDraft', 'withdrawDraft'] as const) expect(deciders(cap)).toEqual(['marketer']);
    for (const cap of ['claimEscalation', 'replyAsAgent', 'resolveEscalation'] as const) expect(deciders(cap)).toEqual(['support']);
    expect(deciders('decideNextBestAction')).toEqual(['marketer', 'support', 'service']);
    // Compliance reads the draft queue without deciding it.
    expect(can(['compliance'], 'drafts')).toBe(true);
  });
});
