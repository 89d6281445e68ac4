import type { ServiceName } from '@c360/contracts';

export interface ServiceCounts {
  service: ServiceName;
  counts: Record<string, number>;
}

export interface ReceiptLine {
  service: ServiceName;
  deleted: Record<string, number>;
  remaining: Record<string, number> | null;
}

export const total = (counts: Record<string, number> | null): number => Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);

/** One line per service, in a fixed order, joining what it deleted with what verification found. */
export function receiptLines(services: readonly ServiceName[], deleted: readonly ServiceCounts[], remaining: readonly ServiceCounts[] | null): ReceiptLine[] {
  return services.map((service) => ({
    service,
    deleted: deleted.find((d) => d.service === service)?.counts ?? {},
    remaining: remaining ? (remaining.find((r) => r.service === service)?.counts ?? null) : null,
  }));
}

/** Verified only when every service answered and none holds anything. */
export function isVerified(lines: readonly ReceiptLine[]): boolean {
  return lines.every((l) => l.remaining !== null && total(l.remaining) === 0);
}

/** A failure reason naming each failing service, for the request and the audit log. */
export function describeFailures(failures: Record<string, string>): string {
  return Object.entries(failures)
    .map(([jobKey, reason]) => `${serviceOfJobKey(jobKey)}: ${reason}`)
    .sort()
    .join('; ');
}

/** Child job keys look like `<prefix>:privacy--<service>:<jobId>`. */
export function serviceOfJobKey(jobKey: string): string {
  return /privacy--([a-z-]+):/.exec(jobKey)?.[1] ?? jobKey;
}
