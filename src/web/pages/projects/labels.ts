import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClusters, useTowns } from '../../api/territory.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { pickName } from '../../i18n/index.ts';

/** Badge colours of the stages: cool while talks go on, green once signed, grey and red off the pipeline. */
export const STAGE_COLORS: Record<string, string> = {
  lead: 'gray',
  contacted: 'blue',
  negotiating: 'indigo',
  signed: 'teal',
  registered: 'green',
  construction: 'lime',
  operating: 'green.9',
  on_hold: 'yellow',
  lost: 'red',
};

/** Names for the codes a project stores, in the UI language; unknown codes come back as they are. */
export function usePipelineLabels() {
  const { t, i18n } = useTranslation();
  const { role } = useCurrentSession();
  // A partner may not read the territory lists; it sees codes instead of town and cluster names.
  const towns = useTowns(role !== 'partner');
  const clusters = useClusters(role !== 'partner');
  const language = i18n.language;
  return useMemo(() => {
    const townsByCode = new Map((towns.data ?? []).map((town) => [town.code, town]));
    const clustersById = new Map((clusters.data ?? []).map((cluster) => [cluster.id, cluster]));
    return {
      stage: (code: string) => t(`pipeline.stages.${code}`, { defaultValue: code }),
      source: (code: string) => t(`pipeline.sources.${code}`, { defaultValue: code }),
      kind: (code: string) => t(`pipeline.kinds.${code}`, { defaultValue: code }),
      priority: (code: string) => t(`pipeline.priorities.${code}`, { defaultValue: code }),
      reason: (code: string) => t(`pipeline.reasons.${code}`, { defaultValue: code }),
      activity: (code: string) => t(`pipeline.activityKinds.${code}`, { defaultValue: code }),
      town: (code: string) => {
        const town = townsByCode.get(code);
        return town ? pickName(language, town.nameZh, town.nameEn) : code;
      },
      cluster: (id: string) => {
        const cluster = clustersById.get(id);
        return cluster ? pickName(language, cluster.nameZh, cluster.nameEn) : t('common.notRecorded');
      },
      country: (code: string) => {
        try {
          return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
        } catch {
          return code;
        }
      },
    };
  }, [t, language, towns.data, clusters.data]);
}

export type PipelineLabels = ReturnType<typeof usePipelineLabels>;
