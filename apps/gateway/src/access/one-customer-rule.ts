import type { PersonalDisclosure } from '@c360/service-kit';

/**
 * "support sees personal data of one customer per operation", kept across subgraphs. Each subgraph
 * keeps it within its own part of the operation and reports what it released (personal-disclosure.ts
 * in service-kit); only the gateway sees every part, so two subgraphs that each released a different
 * customer are caught here. The first customer any subgraph answered with is the operation's; the
 * personal values of any other are replaced, in the subgraph's answer before the gateway merges it,
 * by the value that subgraph gives a masked field. Masking, not refusing, is the convention every
 * subgraph follows for personal fields, so a client sees the same shape whichever part masked.
 */
export interface OneCustomerState {
  customerId?: string;
}

function isDisclosure(value: unknown): value is PersonalDisclosure {
  const d = value as Partial<PersonalDisclosure> | null;
  return (
    typeof d?.customerId === 'string' && Array.isArray(d.path) && d.path.length > 0 && d.path.every((key) => typeof key === 'string' || typeof key === 'number')
  );
}

/** A report the gateway can act on, or undefined when it is missing or malformed. */
export function readDisclosures(report: unknown): PersonalDisclosure[] | undefined {
  return Array.isArray(report) && report.every(isDisclosure) ? report : undefined;
}

function replaceAt(data: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  const last = path[path.length - 1];
  if (last === undefined) return;
  let node: unknown = data;
  for (const key of path.slice(0, -1)) {
    // A parent nulled by an error has nothing left to mask.
    if (!node || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[key];
  }
  if (node && typeof node === 'object') (node as Record<string | number, unknown>)[last] = value;
}

/**
 * Claims the operation's customer on first sight and masks, in `data`, the values that belong to any
 * other. Returns how many were masked.
 */
export function enforceOneCustomer(state: OneCustomerState, disclosures: readonly PersonalDisclosure[], data: Record<string, unknown>): number {
  let masked = 0;
  for (const disclosure of disclosures) {
    state.customerId ??= disclosure.customerId;
    if (disclosure.customerId === state.customerId) continue;
    replaceAt(data, disclosure.path, disclosure.masked);
    masked += 1;
  }
  return masked;
}
