/**
 * A failed job's reason as an operator may read it. Reasons are error messages, and some engines put
 * the offending values in theirs (MongoDB's duplicate-key error names the key's value), so anything
 * shaped like an identifier is masked before it reaches a terminal: nothing personal in what ops tools print.
 */
export function redactFailureReason(reason: string, maxLength = 200): string {
  const masked = reason
    .replace(/dup key: \{[^}]*\}/g, 'dup key: {…}')
    .replace(/[^\s@"'<>(){}[\],;:]+@[^\s@"'<>(){}[\],;:]+\.[a-z]{2,}/gi, '<email>')
    .replace(/\+?\d[\d\s().-]{6,}\d/g, '<number>')
    .replace(/\s+/g, ' ')
    .trim();
  return masked.length > maxLength ? `${masked.slice(0, maxLength - 1)}…` : masked;
}
