/** Journey position: touchpoints are ordered by occurrence time, then messageId. */
export interface JourneyCursor {
  occurredAt: Date;
  messageId: string;
}

export function encodeCursor(cursor: JourneyCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt.toISOString(), cursor.messageId])).toString('base64url');
}

/** Returns null for anything that is not a cursor this service issued. */
export function decodeCursor(raw: string): JourneyCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    const occurredAt = new Date(value[0]);
    return Number.isNaN(occurredAt.getTime()) ? null : { occurredAt, messageId: value[1] };
  } catch {
    return null;
  }
}
