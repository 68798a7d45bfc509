import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '../../../domain/agreements.ts';
import type { Agreement, AgreementParty } from '../../api/agreements.ts';
import { pickName } from '../../i18n/index.ts';
import { usePipelineRights } from '../projects/roles.ts';

export const AGREEMENT_STATUS_COLORS: Record<AgreementStatus, string> = {
  draft: 'gray',
  signed: 'blue',
  in_force: 'green',
  expired: 'orange',
  terminated: 'red',
};

/** Agreements are read by whoever reads the pipeline and written by whoever works it (pipeline:write). */
export const useAgreementRights = usePipelineRights;

export function useAgreementLabels() {
  const { t, i18n } = useTranslation();
  return {
    kind: (k: string) => t(`agreements.kinds.${k}`),
    status: (s: string) => t(`agreements.statuses.${s}`),
    partyKind: (k: string) => t(`agreements.partyKinds.${k}`),
    introducerRole: (r: string) => t(`agreements.introducerRoles.${r}`),
    milestoneKind: (k: string) => t(`agreements.milestoneKinds.${k}`),
    title: (a: Pick<Agreement, 'titleZh' | 'titleEn'>) => pickName(i18n.language, a.titleZh, a.titleEn),
    /** A party's name; the district itself is the tenant the user works in. */
    party: (p: AgreementParty, tenantName: string) =>
      p.kind === 'tenant' ? tenantName : p.nameZh ? pickName(i18n.language, p.nameZh, p.nameEn) : '—',
  };
}
