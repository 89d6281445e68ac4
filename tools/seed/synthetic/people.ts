import type { SeededRandom } from './random';

const FIRST = [
  'Ada',
  'Grace',
  'Linus',
  'Margaret',
  'Alan',
  'Barbara',
  'Edsger',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
  'Katherine',
  'Dennis',
  'Hedy',
  'Donald',
  'Joan',
  'Guido',
  'Sophie',
  'Niklaus',
  'Mary',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Turing',
  'Liskov',
  'Dijkstra',
  'Allen',
  'Thompson',
  'Perlman',
  'Berners',
  'Johnson',
  'Ritchie',
  'Lamarr',
  'Knuth',
  'Clarke',
  'Rossum',
  'Wilson',
  'Wirth',
  'Keller',
];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example'];
const CITIES = [
  ['Springfield', '62701'],
  ['Riverton', '82501'],
  ['Fairview', '37062'],
  ['Greenville', '29601'],
  ['Madison', '53703'],
] as const;

/** One synthetic person: the ground truth every generated touchpoint of theirs points back to. */
export interface Person {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  /** E.164, US numbers in the 555-01xx fictional range. */
  phone: string;
  crmId: string | null;
  devices: string[];
  cookies: string[];
  address: { street: string; city: string; postalCode: string };
  /** How active the person is (0..1); drives how many sessions they have. */
  engagement: number;
  /** Channels this person prefers, most preferred first. */
  preferred: string[];
}

export function makePerson(random: SeededRandom, seed: number, index: number): Person {
  const firstName = random.pick(FIRST);
  const lastName = random.pick(LAST);
  const key = `p${seed}-${index}`;
  const [city, postalCode] = random.pick(CITIES);
  return {
    key,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${index}@${random.pick(DOMAINS)}`.toLowerCase(),
    phone: `+1${random.pick(['415', '212', '312', '206'])}555${String(index % 10_000).padStart(4, '0')}`,
    crmId: random.chance(0.6) ? `CRM-${seed}-${index}` : null,
    devices: Array.from({ length: random.int(0, 2) }, (_, i) => `dev-${key}-${i}`),
    cookies: Array.from({ length: random.int(1, 3) }, (_, i) => `anon-${key}-${i}`),
    address: { street: `${random.int(1, 999)} ${random.pick(['Oak', 'Maple', 'Cedar', 'Elm'])} Street`, city, postalCode },
    engagement: random.next() ** 2,
    preferred: random.chance(0.5) ? ['web', 'email', 'app'] : random.chance(0.5) ? ['store', 'call_center', 'direct_mail'] : ['app', 'social', 'ads'],
  };
}

/** A typing slip as offline records have them: a swapped, dropped or doubled character. */
export function typo(random: SeededRandom, value: string): string {
  if (value.length < 4) return value;
  const i = random.int(1, value.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2);
    case 1:
      return value.slice(0, i) + value.slice(i + 1);
    default:
      return value.slice(0, i) + value[i] + value.slice(i);
  }
}

/** The number as a person writes it on a form: national format, sometimes with punctuation. */
export function nationalPhone(random: SeededRandom, e164: string): string {
  const digits = e164.slice(2);
  return random.chance(0.5) ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits;
}
