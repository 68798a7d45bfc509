import { describe, expect, it } from 'vitest';
import {
  agreementStatuses,
  allowedAgreementMoves,
  checkAgreementMove,
  effectiveStatus,
  milestoneDateProblem,
  renewalTerm,
  termProblem,
} from './agreements.ts';

const facts = { signedOn: '2026-03-01', termStart: '2026-03-01', termEnd: '2029-02-28' };

describe('agreement statuses', () => {
  it('allows exactly the documented moves', () => {
    const table = Object.fromEntries(agreementStatuses.map((s) => [s, allowedAgreementMoves(s)]));
    expect(table).toEqual({
      draft: ['signed'],
      signed: ['in_force', 'expired', 'terminated'],
      in_force: ['expired', 'terminated'],
      expired: [],
      terminated: [],
    });
    for (const from of agreementStatuses)
      for (const to of agreementStatuses) {
        const check = checkAgreementMove(from, to, facts, '2026-06-01');
        expect(check.ok, `${from} → ${to}`).toBe(allowedAgreementMoves(from).includes(to));
      }
  });

  it('signs only with a signing date that has come, and comes into force only once the term starts', () => {
    expect(checkAgreementMove('draft', 'signed', { ...facts, signedOn: null }, '2026-06-01')).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    expect(checkAgreementMove('draft', 'signed', { ...facts, signedOn: '2026-07-01' }, '2026-06-01').ok).toBe(
      false,
    );
    expect(
      checkAgreementMove('signed', 'in_force', { ...facts, termStart: '2026-07-01' }, '2026-06-01').ok,
    ).toBe(false);
    expect(checkAgreementMove('signed', 'in_force', facts, '2026-06-01').ok).toBe(true);
    const expired = checkAgreementMove('expired', 'in_force', facts, '2026-06-01');
    expect(expired.ok === false && expired.message).toMatch(/renew/);
  });

  it('reads a signed or in-force agreement past its term end as expired', () => {
    expect(effectiveStatus('in_force', '2026-05-31', '2026-06-01')).toBe('expired');
    expect(effectiveStatus('signed', '2026-05-31', '2026-06-01')).toBe('expired');
    expect(effectiveStatus('in_force', '2026-06-01', '2026-06-01')).toBe('in_force');
    expect(effectiveStatus('in_force', null, '2099-01-01')).toBe('in_force');
    expect(effectiveStatus('draft', '2020-01-01', '2026-06-01')).toBe('draft');
    expect(effectiveStatus('terminated', '2020-01-01', '2026-06-01')).toBe('terminated');
  });

  it('refuses a term that ends before it starts and a milestone due before the signing', () => {
    expect(termProblem({ ...facts, termEnd: '2026-02-01' })).toMatch(/ends before/);
    expect(termProblem(facts)).toBeNull();
    expect(milestoneDateProblem('2026-02-28', '2026-03-01')).toMatch(/before the agreement was signed/);
    expect(milestoneDateProblem('2026-03-01', '2026-03-01')).toBeNull();
    expect(milestoneDateProblem('2020-01-01', null)).toBeNull();
  });

  it('proposes a renewal term that follows the old one and lasts as long', () => {
    expect(renewalTerm({ termStart: '2026-03-01', termEnd: '2029-02-28' }, '2028-12-01')).toEqual({
      termStart: '2029-03-01',
      termEnd: '2032-02-29',
    });
    expect(renewalTerm({ termStart: '2021-01-01', termEnd: '2022-01-01' }, '2026-06-01')).toEqual({
      termStart: '2026-06-01',
      termEnd: '2027-06-01',
    });
    expect(renewalTerm({ termStart: null, termEnd: null }, '2026-06-01')).toEqual({
      termStart: '2026-06-01',
      termEnd: null,
    });
  });
});
