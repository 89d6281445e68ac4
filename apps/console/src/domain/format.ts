const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Dates are shown in UTC, the zone the services count days and due dates in. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : `${DATE_TIME.format(d)} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : DATE.format(d);
}

export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

export function formatMoney(value: { amount: number; currency: string } | null | undefined): string {
  if (!value) return '';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: value.currency }).format(value.amount);
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

/** Enum values (CALL_CENTER) as words (Call center). */
export function humanise(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whole days from `now` to `due`: negative when overdue. */
export function daysUntil(due: string, now: Date): number {
  return Math.floor((new Date(due).getTime() - now.getTime()) / 86_400_000);
}

export function dueLabel(due: string, now: Date): string {
  const days = daysUntil(due, now);
  if (days < 0) return `overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return 'due today';
  return `due in ${days} day${days === 1 ? '' : 's'}`;
}

/** A receipt's per-store counts ({"customers":2,"merges":0}) as words, leaving out what was empty. */
export function deletedCounts(json: string): string {
  try {
    const counts = JSON.parse(json) as Record<string, unknown>;
    const parts = Object.entries(counts)
      .filter(([, n]) => typeof n === 'number' && n > 0)
      .map(([k, n]) => `${k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${String(n)}`);
    return parts.length ? parts.join(' · ') : 'nothing held';
  } catch {
    return json;
  }
}
