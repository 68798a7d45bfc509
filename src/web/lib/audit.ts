import type { AuditAction } from '../api/types.ts';

/** One colour per kind of change, the same in the audit log and in a record's history. */
export const ACTION_COLORS: Record<AuditAction, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'teal',
};
