/**
 * Cooperation agreements: their kinds, parties and the status moves allowed between them. The one place that
 * decides whether a move is legal; shared by the server and the web app (which offers only these moves).
 *
 * draft → signed → in_force → expired, and signed or in force → terminated. Expired and terminated end an
 * agreement; a renewal is a new agreement that points at the one it renews.
 *
 * Expiry is derived: an agreement signed or in force whose term ended before today reads as expired without a
 * write (no job has to run at midnight). An officer may also record expiry by hand, e.g. for an agreement with
 * no end date that the parties let lapse.
 */
export const agreementKinds = [
  'strategic_cooperation',
  'framework',
  'investment',
  'commissioned_promotion',
] as const;
export type AgreementKind = (typeof agreementKinds)[number];

export const agreementStatuses = ['draft', 'signed', 'in_force', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** Who a party is: the bureau's own district, one of its partners, a registry company, or another body by name. */
export const partyKinds = ['tenant', 'partner', 'company', 'organisation'] as const;
export type PartyKind = (typeof partyKinds)[number];

/** 信息引荐人 supplies information; 推动引荐人 pushes the deal. */
export const introducerRoles = ['information', 'driving'] as const;
export type IntroducerRole = (typeof introducerRoles)[number];

export const milestoneKinds = ['obligation', 'milestone'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

const moves: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['signed'],
  signed: ['in_force', 'expired', 'terminated'],
  in_force: ['expired', 'terminated'],
  expired: [],
  terminated: [],
};

export interface AgreementFacts {
  signedOn: string | null;
  termStart: string | null;
  termEnd: string | null;
}

/** The status an agreement stands at today: a stored signed or in-force past its term end reads as expired. */
export function effectiveStatus(
  stored: AgreementStatus,
  termEnd: string | null,
  today: string,
): AgreementStatus {
  if ((stored === 'signed' || stored === 'in_force') && termEnd !== null && termEnd < today) return 'expired';
  return stored;
}

export function allowedAgreementMoves(status: AgreementStatus): AgreementStatus[] {
  return [...moves[status]];
}

export type AgreementMoveCheck =
  | { ok: true }
  | { ok: false; code: 'illegal-move' | 'invalid-input'; message: string };

/**
 * Whether an agreement may move from `from` (its effective status) to `to`. Signing needs the signing date;
 * coming into force needs a start of term that is not in the future.
 */
export function checkAgreementMove(
  from: AgreementStatus,
  to: AgreementStatus,
  facts: AgreementFacts,
  today: string,
): AgreementMoveCheck {
  if (!moves[from].includes(to)) {
    const allowed = moves[from];
    return {
      ok: false,
      code: 'illegal-move',
      message: allowed.length
        ? `an agreement that is ${from} can move to ${allowed.join(', ')}, not ${to}`
        : `an agreement that is ${from} does not move any more${from === 'expired' ? ': renew it instead' : ''}`,
    };
  }
  if (to === 'signed' && !facts.signedOn)
    return { ok: false, code: 'invalid-input', message: 'set the signing date before marking it signed' };
  if (to === 'signed' && facts.signedOn && facts.signedOn > today)
    return { ok: false, code: 'invalid-input', message: 'the signing date is in the future' };
  if (to === 'in_force' && facts.termStart && facts.termStart > today)
    return { ok: false, code: 'invalid-input', message: `the term starts on ${facts.termStart}` };
  return { ok: true };
}

/** The dates of an agreement must agree with each other; returns what is wrong, or null. */
export function termProblem(facts: AgreementFacts): string | null {
  if (facts.termStart && facts.termEnd && facts.termEnd < facts.termStart)
    return 'the term ends before it starts';
  return null;
}

/** A milestone or obligation cannot fall due before the agreement that creates it was signed. */
export function milestoneDateProblem(dueOn: string | null, signedOn: string | null): string | null {
  if (dueOn && signedOn && dueOn < signedOn)
    return `a milestone cannot be due (${dueOn}) before the agreement was signed (${signedOn})`;
  return null;
}

const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/**
 * The term a renewal proposes: it starts the day after the renewed term ends (or today, when that had no end or
 * is long past) and runs as long as the old one did.
 */
export function renewalTerm(old: { termStart: string | null; termEnd: string | null }, today: string) {
  const start = old.termEnd && old.termEnd >= today ? addDays(old.termEnd, 1) : today;
  if (!old.termStart || !old.termEnd) return { termStart: start, termEnd: null };
  const days = Math.round((Date.parse(old.termEnd) - Date.parse(old.termStart)) / 86_400_000);
  return { termStart: start, termEnd: addDays(start, days) };
}
