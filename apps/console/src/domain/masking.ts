/** service-kit's field access answers this in place of a personal string the caller may not see. */
export const MASKED = '[masked]';

export function isMasked(value: unknown): boolean {
  return value === MASKED;
}

/** A JSON value masked for the caller arrives as an empty object. */
export function isMaskedJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
