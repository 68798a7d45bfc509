import { describe, expect, it } from 'vitest';
import type { Project } from '../../api/projects.ts';
import { changes, convert, formValues } from './projectForm.ts';

const project = {
  id: 'p1',
  title: '燃料电池研发中心',
  code: null,
  description: null,
  investorCompanyId: null,
  investorCompany: null,
  prospectName: 'Example Fuel Cells',
  prospectCountry: 'CA',
  industryCode: null,
  clusterId: null,
  townCode: null,
  zoneId: null,
  siteId: null,
  amount: '13000000',
  currency: 'USD',
  amountYuan: '93600000',
  kind: null,
  foreignFunded: true,
  expectedOutputYuan: null,
  expectedTaxYuan: null,
  expectedJobs: null,
  officerId: null,
  priority: 'medium',
  source: 'direct',
  partnerId: null,
} as unknown as Project;

const rates = [{ currency: 'USD', yuanPerUnit: '7.2' }];

describe('project form', () => {
  it('sends only what changed, and never an unchanged amount (it would be converted again)', () => {
    const initial = formValues(project);
    expect(changes(initial, initial)).toEqual({});
    expect(changes(initial, { ...initial, title: '新名称', expectedJobs: '120' })).toEqual({
      title: '新名称',
      expectedJobs: 120,
    });
    expect(changes(initial, { ...initial, amount: '15000000' })).toEqual({ amount: '15000000' });
  });

  it('switches the investor to a registry company by clearing the prospect', () => {
    const initial = formValues(project);
    const edited = { ...initial, investor: 'company' as const, investorCompanyId: 'c1' };
    expect(changes(initial, edited)).toEqual({
      investorCompanyId: 'c1',
      prospectName: null,
      prospectCountry: null,
    });
  });

  it('drops the referring partner when the source no longer names one', () => {
    const referred = formValues({ ...project, source: 'partner_referral', partnerId: 'x' } as Project);
    expect(changes(referred, { ...referred, source: 'event' })).toEqual({ source: 'event', partnerId: null });
  });

  it('converts the amount as the API does: written currency, chosen currency, the tenant rate', () => {
    expect(convert('', 'CNY', rates)).toEqual({ kind: 'none' });
    expect(convert('1.3亿', 'CNY', rates)).toEqual({ kind: 'yuan', yuan: '130000000', currency: 'CNY' });
    expect(convert('US$13,000,000', 'CNY', rates)).toEqual({
      kind: 'yuan',
      yuan: '93600000',
      currency: 'USD',
    });
    expect(convert('1300万', 'USD', rates)).toMatchObject({ yuan: '93600000' });
    expect(convert('5000000', 'GBP', rates)).toEqual({ kind: 'noRate', currency: 'GBP' });
    expect(convert('abc', 'CNY', rates).kind).toBe('invalid');
    expect(convert('US$5', 'EUR', rates).kind).toBe('invalid');
  });
});
