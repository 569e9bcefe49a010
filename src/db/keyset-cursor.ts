/**
 * Keyset pagination cursors for lists ordered newest first by (created_at, id):
 * the last row's pair, as opaque text. A cursor says where to continue, never
 * whose rows: the owner stays in each list's query.
 */
export interface KeysetPosition {
  readonly createdAt: string;
  readonly id: string;
}

export function encodeKeysetCursor(row: { readonly created_at: string; readonly id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours (the caller answers its own 400). */
export function decodeKeysetCursor(cursor: string, idPattern: RegExp): KeysetPosition | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string' && idPattern.test(id) && !Number.isNaN(Date.parse(createdAt))) return { createdAt, id };
  } catch {
    // Not JSON: not a cursor.
  }
  return undefined;
}
