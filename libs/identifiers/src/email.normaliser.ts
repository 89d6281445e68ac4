export interface EmailOptions {
  /** Domains whose mailboxes ignore dots in the local part (gmail.com: a.b@ and ab@ are one inbox). */
  dotInsensitiveDomains: readonly string[];
  /** Domains that deliver user+tag@ to user@. */
  plusInsensitiveDomains: readonly string[];
}

export const DEFAULT_EMAIL_OPTIONS: EmailOptions = {
  dotInsensitiveDomains: ['gmail.com', 'googlemail.com'],
  plusInsensitiveDomains: ['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'fastmail.com'],
};

// Deliberately permissive: one @, a dot in the domain, no spaces. Deliverability is not our check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases; folds dots and +tags only where the domain's provider ignores them. */
export function normaliseEmail(raw: string, options: EmailOptions = DEFAULT_EMAIL_OPTIONS): string | { reason: string } {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) return { reason: 'not an email address' };
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (options.plusInsensitiveDomains.includes(domain)) local = local.split('+')[0] ?? '';
  if (options.dotInsensitiveDomains.includes(domain)) local = local.replaceAll('.', '');
  if (!local) return { reason: 'not an email address' };
  return `${local}@${domain}`;
}
