/**
 * Detectors for personal data in text, used twice: on facts before they may leave the platform and on
 * every output before it is stored. They are deliberately eager (a false alarm costs a retry; a miss
 * sends or stores someone's details).
 */
export type PersonalDataKind = 'email' | 'phone' | 'card_number' | 'name';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** A masked form for messages and logs: never the value itself. */
  hint: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A run of digits with phone punctuation; ISO dates are removed before matching.
const PHONE = /\+?\(?\d[\d\s().-]{5,}\d/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
const HONORIFIC = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][a-z]+)/g;
// The name is on the salutation's own line: "Hello,\n\nYour order" greets nobody by name, and the next paragraph's first word is not one.
const SALUTATION = /\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Welcome back|Good (?:morning|afternoon|evening))[,!]?[^\S\r\n]+([A-Z][a-z'-]+)/g;
/** Words that follow a salutation without being a name. */
const NOT_NAMES = new Set([
  'there',
  'again',
  'friend',
  'everyone',
  'all',
  'team',
  'and',
  'for',
  'from',
  'to',
  'we',
  'you',
  'it',
  'this',
  'our',
  'back',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
]);

function mask(value: string): string {
  return value.length <= 2 ? '**' : `${value[0]}${'*'.repeat(Math.min(6, value.length - 2))}${value.at(-1)}`;
}

function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Luhn's check, so an order number is not mistaken for a card (and a card is not missed for spacing). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function findContactDetails(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', hint: mask(m[0]) });
  const withoutEmails = text.replace(EMAIL, ' ').replace(ISO_DATE, ' ');
  for (const m of withoutEmails.matchAll(CARD)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 13 && passesLuhn(digits)) found.push({ kind: 'card_number', hint: mask(digits) });
  }
  for (const m of withoutEmails.matchAll(PHONE)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 7 && digits.length <= 15 && !found.some((f) => f.kind === 'card_number' && f.hint === mask(digits)))
      found.push({ kind: 'phone', hint: mask(digits) });
  }
  return found;
}

/**
 * Names the text gives a person: words after an honorific or a salutation, and any of the customer's
 * own name parts (which the writer never received, so their presence is a leak or a guess).
 * `allowed` lists words that may follow a salutation (the brand, a product).
 */
export function findNames(text: string, knownNames: readonly string[], allowed: readonly string[] = []): PersonalDataFinding[] {
  const ok = new Set([...NOT_NAMES, ...allowed.map((a) => a.toLowerCase())]);
  const found = new Map<string, PersonalDataFinding>();
  for (const pattern of [HONORIFIC, SALUTATION]) {
    for (const m of text.matchAll(pattern)) {
      const word = m[1] ?? '';
      if (!ok.has(word.toLowerCase())) found.set(word.toLowerCase(), { kind: 'name', hint: mask(word) });
    }
  }
  for (const name of knownNames) {
    if (name.length < 2) continue;
    const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    if (re.test(text)) found.set(name.toLowerCase(), { kind: 'name', hint: mask(name) });
  }
  return [...found.values()];
}

/**
 * The text with contact details, card numbers and the given names replaced by a label: for free
 * text written by a person (a brief) that must be sent on without what it says about the customer.
 */
export function redactText(text: string, names: readonly string[], contacts: readonly string[]): string {
  let out = text.replace(EMAIL, '[email]');
  for (const value of [...contacts].filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(value).join('[contact]');
  out = out.replace(CARD, (m) => (digitsOf(m).length >= 13 && passesLuhn(digitsOf(m)) ? '[card]' : m));
  const isDate = (m: string) => /^\d{4}-\d{2}-\d{2}$/.test(m.trim());
  out = out.replace(PHONE, (m) => (!isDate(m) && digitsOf(m).length >= 7 && digitsOf(m).length <= 15 ? '[phone]' : m));
  for (const name of names.filter((n) => n.length >= 2)) out = out.replace(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'), '[name]');
  return out;
}
