import { describe, expect, it } from 'vitest';
import { can, canSeeTown, isRole, roles } from './access.ts';

describe('access', () => {
  it('lets only admins read the audit trail and manage members', () => {
    for (const role of roles) {
      expect(can(role, 'audit:read')).toBe(role === 'admin');
      expect(can(role, 'members:manage')).toBe(role === 'admin');
    }
  });

  it('keeps writes to admins and officers', () => {
    expect(roles.filter((r) => can(r, 'records:write'))).toEqual(['admin', 'officer']);
  });

  it('gives partners reference lists but not the tenant records', () => {
    expect(can('partner', 'reference:read')).toBe(true);
    expect(can('partner', 'records:read')).toBe(false);
    expect(can('partner', 'territory:read')).toBe(false);
  });

  it('lets partners read and submit leads but change nothing else in the pipeline', () => {
    expect(roles.filter((r) => can(r, 'pipeline:submit'))).toEqual(['admin', 'officer', 'partner']);
    expect(roles.filter((r) => can(r, 'pipeline:write'))).toEqual(['admin', 'officer']);
    expect(roles.filter((r) => can(r, 'settings:write'))).toEqual(['admin']);
    expect(can('partner', 'pipeline:read')).toBe(true);
  });

  it('treats public and signedIn as open to every role', () => {
    for (const role of roles) {
      expect(can(role, 'public')).toBe(true);
      expect(can(role, 'signedIn')).toBe(true);
    }
  });

  it('recognises roles', () => {
    expect(isRole('officer')).toBe(true);
    expect(isRole('root')).toBe(false);
  });

  it('narrows to towns only when a scope is set', () => {
    expect(canSeeTown([], '310114103')).toBe(true);
    expect(canSeeTown(['310114103'], '310114103')).toBe(true);
    expect(canSeeTown(['310114103'], '310114106')).toBe(false);
    expect(canSeeTown(['310114103'], null)).toBe(false);
  });
});
