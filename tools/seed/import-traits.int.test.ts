import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INTERNAL_HEADER, signInternalToken } from '@c360/auth';
import { uniqueName, waitFor } from '@c360/testing';
import { importTraitsFile } from './import-traits';
import { LocalSystem } from './local-system';

const system = new LocalSystem();
const tag = uniqueName('t').replace('-', '');

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const token = await signInternalToken({ subject: 'test', roles: ['service'], scopes: [] }, system.secrets.INTERNAL_TOKEN_SECRET);
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** A CRM export: ids made this run's own, numeric text with padding, one row without an id. */
function crmExport(): { file: string; rows: Record<string, string>[] } {
  const header = 'customerID,gender,tenure,Contract,MonthlyCharges,PaymentMethod';
  const body = Array.from(
    { length: 8 },
    (_, i) =>
      `C${i}-${tag},${i % 2 ? 'Female' : 'Male'},${3 + i * 7},${['Month-to-month', 'One year', 'Two year'][i % 3]}, ${(19.5 + i * 9.25).toFixed(2)},${i % 2 ? 'Mailed check' : 'Credit card'}`,
  );
  body.push(',Male,5,Month-to-month,20.50,Mailed check');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'traits-')), 'crm.csv');
  writeFileSync(file, [header, ...body].join('\n'));
  const columns = header.split(',');
  return { file, rows: body.slice(0, -1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i] as string, v]))) };
}

beforeAll(async () => {
  await system.start(['identity-graph', 'touchpoint-store', 'insights', 'governance']);
}, 180_000);

afterAll(async () => {
  await system.stop();
});

describe('npm run import:traits', () => {
  it('sends each row as an identify touchpoint through the batch API; resolved customers get its columns as model traits', async () => {
    const { file, rows } = crmExport();
    const token = await system.accessToken();
    const result = await importTraitsFile({ file, identifier: 'crmId:customerID', source: 'crm', channel: 'web', url: system.url('touchpoint-store'), token });
    expect(result).toMatchObject({ rows: 9, sent: 8, skipped: 1, accepted: 8, rejected: 0 });

    const first = rows[0]!;
    const customer = await waitFor(
      async () =>
        (
          await graphql<{ customerByIdentifier: { id: string } | null }>(
            system.url('identity-graph'),
            `
              query ($v: String!) {
                customerByIdentifier(type: CRM_ID, value: $v) {
                  id
                }
              }
            `,
            {
              v: first['customerID'],
            },
          )
        ).customerByIdentifier,
      60_000,
      'identity resolution',
    );
    type Features = { available: boolean; values: { name: string; number: number | null; text: string | null }[] };
    const features = await waitFor(
      async () => {
        const data = await graphql<{ _entities: { features: Features }[] }>(
          system.url('insights'),
          `
            query ($id: ID!) {
              _entities(representations: [{ __typename: "Customer", id: $id }]) {
                ... on Customer {
                  features {
                    available
                    values {
                      name
                      number
                      text
                    }
                  }
                }
              }
            }
          `,
          { id: customer.id },
        );
        const f = data._entities[0]?.features;
        return f?.available && f.values.some((v) => v.name === 'trait.Contract') && f;
      },
      60_000,
      'traits as features',
    );
    const value = (name: string) => features.values.find((v) => v.name === name);
    expect(value('trait.Contract')?.text).toBe(first['Contract']);
    expect(value('trait.MonthlyCharges')?.number).toBe(Number(first['MonthlyCharges']));
    expect(value('trait.customerID')).toBeUndefined();
    // The import is who someone is, not something they did.
    expect(value('frequency_total')?.number).toBe(0);

    // Importing the same file again stores each row once: the batch API answers, nothing new is linked.
    const again = await importTraitsFile({ file, identifier: 'crmId:customerID', source: 'crm', channel: 'web', url: system.url('touchpoint-store'), token });
    expect(again.accepted + again.rejected + again.quarantined).toBe(8);
  }, 180_000);

  it('refuses an identifier column the file does not have, naming the columns', async () => {
    const { file } = crmExport();
    await expect(
      importTraitsFile({ file, identifier: 'crmId:nope', source: 'crm', channel: 'web', url: system.url('touchpoint-store'), token: '' }),
    ).rejects.toThrow(/no column "nope".*customerID/);
  });
});
