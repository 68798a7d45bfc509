import { eq, inArray } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { enterpriseTypes, hqTypes, statuses } from '../../domain/company-enums.ts';
import { invalidMessage } from '../../domain/problem.ts';
import { referenceIndustries } from '../reference/schema.ts';
import { towns } from '../territory/schema.ts';
import type { CompanyFilters } from './search.ts';

// A list filter that can match nothing by construction (a misspelt status, a town of another district, a range
// upside down) is a mistake in the request: answered with a 400 that names it, not with an empty page that
// reads as "no such companies".

function checkValues(name: string, given: string[] | undefined, allowed: readonly string[]): void {
  const unknown = given?.find((v) => !allowed.includes(v));
  if (unknown !== undefined) {
    throw invalidMessage({
      code: 'filter.unknownValue',
      params: { name, value: unknown, allowed: allowed.join(', ') },
    });
  }
}

/** Refuses filters no company can match; `filters` are as requested, before a town officer's narrowing. */
export async function checkFilters(tx: TenantTx, filters: CompanyFilters): Promise<void> {
  checkValues('enterpriseType', filters.enterpriseType, enterpriseTypes);
  checkValues('status', filters.status, statuses);
  checkValues('hqType', filters.hqType, hqTypes);
  if (filters.capitalMin && filters.capitalMax && BigInt(filters.capitalMin) > BigInt(filters.capitalMax)) {
    throw invalidMessage({
      code: 'filter.capitalRange',
      params: { min: filters.capitalMin, max: filters.capitalMax },
    });
  }
  if (filters.establishedFrom && filters.establishedTo && filters.establishedFrom > filters.establishedTo) {
    throw invalidMessage({
      code: 'filter.dateRange',
      params: { from: filters.establishedFrom, to: filters.establishedTo },
    });
  }
  const industry = filters.industry?.toUpperCase();
  // A malformed code is refused where the filter is built (search.ts); a well-formed one must name a category.
  if (industry && /^([A-T]|\d{2,4})$/.test(industry)) {
    const [known] = await tx
      .select({ code: referenceIndustries.code })
      .from(referenceIndustries)
      .where(eq(referenceIndustries.code, industry));
    if (!known) {
      throw invalidMessage({ code: 'filter.unknownIndustry', params: { value: filters.industry ?? '' } });
    }
  }
  if (filters.town?.length) {
    const known = await tx.select({ code: towns.code }).from(towns).where(inArray(towns.code, filters.town));
    const unknown = filters.town.find((t) => !known.some((k) => k.code === t));
    if (unknown !== undefined) {
      throw invalidMessage({ code: 'filter.unknownTown', params: { value: unknown } });
    }
  }
}
