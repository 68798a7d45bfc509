import { describe, expect, it } from 'vitest';
import { creditedPartner, type IntroducerRegistration, registrationCounts } from './introducer-credit.ts';

const reg = (id: string, partnerId: string, registeredOn: string, recordedAt = `${registeredOn}T09:00:00Z`) =>
  ({ id, partnerId, registeredOn, recordedAt: new Date(recordedAt) }) satisfies IntroducerRegistration;

describe('introducer credit', () => {
  it('goes to the first partner registered before the signing day', () => {
    const regs = [reg('r2', 'B', '2026-02-01'), reg('r1', 'A', '2026-01-15'), reg('r3', 'C', '2026-03-10')];
    expect(creditedPartner(regs, '2026-03-01', 'REF')).toEqual({
      partnerId: 'A',
      basis: 'introducer',
      registrationId: 'r1',
    });
  });

  it('gives nothing for a registration on or after the signing day', () => {
    expect(registrationCounts('2026-03-01', '2026-03-01')).toBe(false);
    expect(registrationCounts('2026-02-28', '2026-03-01')).toBe(true);
    const late = [reg('r1', 'A', '2026-03-01'), reg('r2', 'B', '2026-04-01')];
    expect(creditedPartner(late, '2026-03-01', 'REF')).toEqual({
      partnerId: 'REF',
      basis: 'referral',
      registrationId: null,
    });
    expect(creditedPartner(late, '2026-03-01', null)).toEqual({
      partnerId: null,
      basis: 'none',
      registrationId: null,
    });
  });

  it('credits an unsigned project provisionally to the first registered so far', () => {
    const regs = [reg('r1', 'B', '2026-05-01'), reg('r2', 'A', '2026-06-01')];
    expect(creditedPartner(regs, null, 'REF').partnerId).toBe('B');
  });

  it('breaks a tie on one day by the order of recording, then by id', () => {
    const regs = [
      reg('r1', 'B', '2026-01-10', '2026-01-10T10:00:00Z'),
      reg('r2', 'A', '2026-01-10', '2026-01-10T08:00:00Z'),
    ];
    expect(creditedPartner(regs, '2026-02-01', null).partnerId).toBe('A');
    const same = [reg('b', 'B', '2026-01-10'), reg('a', 'A', '2026-01-10')];
    expect(creditedPartner(same, '2026-02-01', null).partnerId).toBe('A');
  });

  it('falls back to the referring partner with no registration at all', () => {
    expect(creditedPartner([], '2026-03-01', 'REF').basis).toBe('referral');
  });
});
