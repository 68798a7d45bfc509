/**
 * Introducer credit (DOMAIN.md, "Intermediaries"): a partner working under a commissioned-promotion agreement
 * (委托招商协议) is registered as introducer of a project before the project is signed, and the first partner
 * registered gets the credit.
 *
 * - Registrations are ordered by their date, then by the order they were recorded. Only a registration dated
 *   before the day the project was first signed (on the bureau's clock) counts: one on the signing day or later
 *   earns nothing, because by then the deal no longer needed an introducer.
 * - A project not yet signed is credited, provisionally, to the first partner registered so far.
 * - With no registration that counts, credit falls back to the partner that referred the project
 *   (projects.partner_id), if any: a referral is the weaker, unregistered form of the same claim.
 *
 * The SQL in src/modules/agreements/credit-sql.ts computes the same rule inside aggregates; a test checks the
 * two agree row by row.
 */
export interface IntroducerRegistration {
  id: string;
  partnerId: string;
  registeredOn: string;
  /** When it was recorded: breaks ties between registrations of one day. */
  recordedAt: Date;
}

export type CreditBasis = 'introducer' | 'referral' | 'none';

export interface Credit {
  partnerId: string | null;
  basis: CreditBasis;
  registrationId: string | null;
}

/** Whether a registration dated `registeredOn` counts for a project first signed on `signedOn` (null: not yet). */
export function registrationCounts(registeredOn: string, signedOn: string | null): boolean {
  return signedOn === null || registeredOn < signedOn;
}

export function creditedPartner(
  registrations: readonly IntroducerRegistration[],
  signedOn: string | null,
  referringPartnerId: string | null,
): Credit {
  const first = registrations
    .filter((r) => registrationCounts(r.registeredOn, signedOn))
    .sort(
      (a, b) =>
        a.registeredOn.localeCompare(b.registeredOn) ||
        a.recordedAt.getTime() - b.recordedAt.getTime() ||
        a.id.localeCompare(b.id),
    )[0];
  if (first) return { partnerId: first.partnerId, basis: 'introducer', registrationId: first.id };
  if (referringPartnerId) return { partnerId: referringPartnerId, basis: 'referral', registrationId: null };
  return { partnerId: null, basis: 'none', registrationId: null };
}
