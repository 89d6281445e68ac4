// Common postal abbreviations (USPS Publication 28, Australia Post, Royal Mail) written out, so
// "12 Main St." and "12 main street" are one address.
const WORDS: Record<string, string> = {
  st: 'street',
  str: 'street',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  blvd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  cres: 'crescent',
  cr: 'crescent',
  pl: 'place',
  sq: 'square',
  hwy: 'highway',
  pde: 'parade',
  cct: 'circuit',
  tce: 'terrace',
  pkwy: 'parkway',
  cl: 'close',
  gr: 'grove',
  mt: 'mount',
  apt: 'apartment',
  ste: 'suite',
  fl: 'floor',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
  ne: 'northeast',
  nw: 'northwest',
  se: 'southeast',
  sw: 'southwest',
};

/**
 * Standardises a one-line postal address: lower case, punctuation to spaces (keeping '/' and '-' of
 * unit numbers), abbreviations written out, whitespace collapsed. It needs a number and a word; it
 * does not verify that the address exists.
 */
export function normalisePostalAddress(raw: string): string | { reason: string } {
  const address = standardiseAddressText(raw);
  if (!/[0-9]/.test(address) || !/[a-z]{2,}/.test(address)) return { reason: 'not a postal address (needs a number and a street or place)' };
  return address;
}

/** The address standardisation alone, for address parts (a street, a locality) that need no number. */
export function standardiseAddressText(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9/\-\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}
