/** The project edit form's values, what it sends, and the amount in yuan it shows while the user types. */
import { parseRate, toYuan } from '../../../domain/currency.ts';
import { parseMoneyToYuan } from '../../../domain/normalise.ts';
import type { Priority, ProjectKind, ProjectSource } from '../../../domain/pipeline-enums.ts';
import type { Project } from '../../api/projects.ts';

/** Every field as the inputs hold it: text, '' for none. */
export interface ProjectFormValues {
  title: string;
  code: string;
  description: string;
  investor: 'company' | 'prospect';
  investorCompanyId: string;
  prospectName: string;
  prospectCountry: string;
  industryCode: string;
  clusterId: string;
  townCode: string;
  zoneId: string;
  siteId: string;
  amount: string;
  currency: string;
  kind: ProjectKind | '';
  foreignFunded: boolean;
  expectedOutputYuan: string;
  expectedTaxYuan: string;
  expectedJobs: string;
  officerId: string;
  priority: Priority;
  source: ProjectSource;
  partnerId: string;
}

export function formValues(p: Project): ProjectFormValues {
  return {
    title: p.title,
    code: p.code ?? '',
    description: p.description ?? '',
    investor: p.investorCompanyId ? 'company' : 'prospect',
    investorCompanyId: p.investorCompanyId ?? '',
    prospectName: p.prospectName ?? '',
    prospectCountry: p.prospectCountry ?? '',
    industryCode: p.industryCode ?? '',
    clusterId: p.clusterId ?? '',
    townCode: p.townCode ?? '',
    zoneId: p.zoneId ?? '',
    siteId: p.siteId ?? '',
    amount: p.amount ?? '',
    currency: p.currency,
    kind: p.kind ?? '',
    foreignFunded: p.foreignFunded,
    expectedOutputYuan: p.expectedOutputYuan ?? '',
    expectedTaxYuan: p.expectedTaxYuan ?? '',
    expectedJobs: p.expectedJobs === null ? '' : String(p.expectedJobs),
    officerId: p.officerId ?? '',
    priority: p.priority,
    source: p.source,
    partnerId: p.partnerId ?? '',
  };
}

const orNull = (v: string) => v.trim() || null;

/** The fields as the API takes them; the investor is either the company or the prospect, never both. */
function body(v: ProjectFormValues): Record<string, unknown> {
  const company = v.investor === 'company';
  const referral = v.source === 'partner_referral' || v.source === 'company_referral';
  return {
    title: v.title.trim(),
    code: orNull(v.code),
    description: orNull(v.description),
    investorCompanyId: company ? orNull(v.investorCompanyId) : null,
    prospectName: company ? null : orNull(v.prospectName),
    prospectCountry: company ? null : orNull(v.prospectCountry.toUpperCase()),
    industryCode: orNull(v.industryCode),
    clusterId: orNull(v.clusterId),
    townCode: orNull(v.townCode),
    zoneId: orNull(v.zoneId),
    siteId: orNull(v.siteId),
    amount: orNull(v.amount),
    currency: v.currency,
    kind: v.kind || null,
    foreignFunded: v.foreignFunded,
    expectedOutputYuan: orNull(v.expectedOutputYuan),
    expectedTaxYuan: orNull(v.expectedTaxYuan),
    expectedJobs: v.expectedJobs.trim() === '' ? null : Number(v.expectedJobs),
    officerId: orNull(v.officerId),
    priority: v.priority,
    source: v.source,
    partnerId: referral ? orNull(v.partnerId) : null,
  };
}

/**
 * The PATCH for what changed. Only a changed amount or currency is sent: the API converts an amount when it is
 * entered, and resending an unchanged one would convert it again at today's rate.
 */
export function changes(initial: ProjectFormValues, edited: ProjectFormValues): Record<string, unknown> {
  const before = body(initial);
  const after = body(edited);
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value));
}

export type Conversion =
  | { kind: 'none' }
  | { kind: 'yuan'; yuan: string; currency: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'noRate'; currency: string };

/**
 * The amount in yuan as the API will compute it: the text read like the API reads it ("1.3亿", "US$13,000,000"),
 * in the currency chosen or the one written, at the tenant's rate.
 */
export function convert(
  amount: string,
  chosenCurrency: string,
  rates: readonly { currency: string; yuanPerUnit: string }[],
): Conversion {
  if (!amount.trim()) return { kind: 'none' };
  const parsed = parseMoneyToYuan(amount, 'yuan');
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  const currency = parsed.currency ?? chosenCurrency;
  if (parsed.currency && chosenCurrency !== 'CNY' && parsed.currency !== chosenCurrency)
    return { kind: 'invalid', reason: `${parsed.currency} ≠ ${chosenCurrency}` };
  const rate =
    currency === 'CNY'
      ? 1_000_000n
      : parseRate(rates.find((r) => r.currency === currency)?.yuanPerUnit ?? '');
  if (rate === null) return { kind: 'noRate', currency };
  return { kind: 'yuan', yuan: toYuan(parsed.yuan, rate).toString(), currency };
}
