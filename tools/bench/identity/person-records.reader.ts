import type { PersonTraits } from '@c360/contracts';

/** One labelled record of an evaluation file: its true entity, its traits, its identifiers. */
export interface LabelledRecord {
  recordId: string;
  entity: string;
  traits: PersonTraits;
  identifiers: { type: string; value: string }[];
}

export type RecordFormat = 'febrl' | 'splink';

// A CSV line split on commas, honouring double quotes; FEBRL pads fields with a space after the comma.
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === '"' && quoted && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

function rows(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const header = splitCsvLine(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const values = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  });
}

const FEBRL_TRAITS: Record<string, keyof PersonTraits> = {
  given_name: 'givenName',
  surname: 'familyName',
  street_number: 'streetNumber',
  address_1: 'street',
  address_2: 'addressLine2',
  suburb: 'locality',
  postcode: 'postcode',
  state: 'region',
  date_of_birth: 'birthDate',
  soc_sec_id: 'nationalId',
};

function pick(row: Record<string, string>, mapping: Record<string, keyof PersonTraits>): PersonTraits {
  const traits: PersonTraits = {};
  for (const [column, field] of Object.entries(mapping)) if (row[column]) traits[field] = row[column];
  return traits;
}

/**
 * FEBRL layout: `rec_id` is rec-<entity>-org or rec-<entity>-dup-<k>; the other columns are person
 * fields, all read as strings (postcodes and dates keep their leading zeros).
 */
export function readFebrl(text: string): LabelledRecord[] {
  return rows(text).map((row, i) => {
    const recId = row['rec_id'] ?? '';
    const entity = /^rec-(\d+)-/.exec(recId)?.[1];
    if (!entity) throw new Error(`line ${i + 2}: rec_id ${JSON.stringify(recId)} is not rec-<n>-org or rec-<n>-dup-<k>`);
    return { recordId: `${recId}#${i}`, entity, traits: pick(row, FEBRL_TRAITS), identifiers: [] };
  });
}

/** Splink's fake_1000: `cluster` is the entity; the email is also an identifier, as it would be in a CRM. */
export function readSplink(text: string): LabelledRecord[] {
  return rows(text).map((row) => ({
    recordId: row['unique_id'] ?? '',
    entity: row['cluster'] ?? '',
    traits: pick(row, { first_name: 'givenName', surname: 'familyName', dob: 'birthDate', city: 'locality', email: 'email' }),
    identifiers: row['email'] ? [{ type: 'email', value: row['email'] }] : [],
  }));
}
