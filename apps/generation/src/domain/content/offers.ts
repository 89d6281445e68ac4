/**
 * Commercial claims in copy: amounts of money, percentages and promise words. An output may only
 * make claims its allowed texts (the brief and the action catalogue's offers for the customer) make.
 */
const MONEY = /(?:[$£€¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|dollars?|euros?|pounds?)\b)/gi;
const PERCENT = /\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)/gi;
const PROMISES: readonly [string, RegExp][] = [
  ['free', /(?<!feel )\bfree\b(?!\s+to\b)/i],
  ['discount', /\bdiscount(?:s|ed)?\b/i],
  ['guarantee', /\bguarantee(?:s|d)?\b/i],
  ['promise', /\bpromis(?:e|es|ed)\b/i],
  ['refund', /\brefund(?:s|ed)?\b|\bmoney[- ]back\b/i],
  ['risk-free', /\brisk[- ]free\b/i],
  ['bonus', /\bbonus(?:es)?\b/i],
  ['gift', /\bgift(?:s)?\b/i],
  ['voucher', /\bvouchers?\b|\bcoupons?\b|\bpromo(?:tional)? codes?\b/i],
  ['cashback', /\bcash ?back\b/i],
  ['complimentary', /\bcomplimentary\b/i],
  ['lowest price', /\blowest prices?\b|\bbest prices?\b|\bprice match\b/i],
  ['sale', /\bsale\b/i],
  ['off', /\d\s?(?:%|per ?cent)?\s+off\b|\boff (?:your|the) (?:next|first)\b/i],
];

function normaliseAmount(raw: string): string {
  const number = raw.replace(/[^\d.]/g, '').replace(/\.0+$/, '');
  const currency = /£|gbp|pounds?/i.test(raw) ? 'GBP' : /€|eur/i.test(raw) ? 'EUR' : /¥/.test(raw) ? 'JPY' : 'USD';
  return `${currency} ${number}`;
}

/** The claims a text makes, normalised so "£20" in copy matches "20 GBP" in a brief. */
export function claimsIn(text: string): Set<string> {
  const claims = new Set<string>();
  for (const m of text.matchAll(MONEY)) claims.add(`price ${normaliseAmount(m[0])}`);
  for (const m of text.matchAll(PERCENT)) claims.add(`percent ${m[0].replace(/[^\d.]/g, '')}`);
  for (const [name, pattern] of PROMISES) if (pattern.test(text)) claims.add(`promise ${name}`);
  return claims;
}

/** Claims in the output that none of the allowed texts makes. */
export function unsupportedClaims(output: string, allowedTexts: readonly string[]): string[] {
  const allowed = new Set(allowedTexts.flatMap((t) => [...claimsIn(t)]));
  return [...claimsIn(output)].filter((c) => !allowed.has(c));
}
