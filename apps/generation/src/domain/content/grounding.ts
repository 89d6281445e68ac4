import { findContactDetails, findNames } from './personal-data';

export type FactSource = 'identity-graph' | 'touchpoint-store' | 'insights' | 'event';

/** One fact a draft may be grounded on; `key` names what it is, `value` says it in words. */
export interface GroundingFact {
  source: FactSource;
  key: string;
  value: string;
}

/** What the platform holds about the person that never goes to a writer: placeholders stand in for it. */
export interface PersonalDetails {
  givenName?: string;
  familyName?: string;
  locality?: string;
  postcode?: string;
  emails: string[];
  phones: string[];
}

export interface CustomerGrounding {
  facts: GroundingFact[];
  personal: PersonalDetails;
  /** Offer texts the action catalogue allows for this customer (its next best action, say). */
  catalogueOffers: string[];
}

/** The placeholders a writer may use; each is filled after generation from the personal details. */
export const PLACEHOLDERS = ['first_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface MinimisedGrounding {
  /** Facts sent to the writer: none names, contacts or identifies the person. */
  modelFacts: GroundingFact[];
  /** Placeholders offered to the writer, with the values they are filled with here. */
  placeholders: Partial<Record<Placeholder, string>>;
  /** Keys of facts held back because a detector found personal data in them. */
  withheld: string[];
}

export function knownNameParts(personal: PersonalDetails): string[] {
  return [personal.givenName, personal.familyName, personal.locality].flatMap((v) => (v ? v.split(/\s+/) : [])).filter((part) => part.length >= 2);
}

/**
 * Decides what leaves the platform. Names are never sent: the first name, when the grounding has
 * one, becomes `{{first_name}}` for the writer and is filled in afterwards; contact details have no
 * placeholder at all (content never needs to print them). A fact whose text holds anything
 * personal is held back whole rather than edited, so nothing half-masked is sent.
 */
export function minimise(grounding: CustomerGrounding): MinimisedGrounding {
  const names = knownNameParts(grounding.personal);
  const contacts = [...grounding.personal.emails, ...grounding.personal.phones, grounding.personal.postcode ?? ''].filter(Boolean);
  const modelFacts: GroundingFact[] = [];
  const withheld: string[] = [];
  for (const fact of grounding.facts) {
    const personal =
      findContactDetails(fact.value).length > 0 ||
      findNames(fact.value, names).length > 0 ||
      contacts.some((c) => fact.value.toLowerCase().includes(c.toLowerCase()));
    if (personal) withheld.push(fact.key);
    else modelFacts.push(fact);
  }
  const firstName = grounding.personal.givenName?.split(/\s+/)[0];
  return { modelFacts, placeholders: firstName ? { first_name: firstName } : {}, withheld };
}

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '');
}

/** Fills placeholders; an unknown one is left in place (the placeholder check reports it). */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => values[name] ?? whole);
}
