import { invalid } from '../domain/problem.ts';

/**
 * A keyset cursor: the sort value and id of the last row of a page, opaque to the client. Lists sort by an
 * expression that is never NULL, then by id, so "after this row" is one row comparison on an index.
 */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return parsed as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor is not valid: take it from nextCursor of the previous page');
}
