import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useIndustryChildren } from '../../api/reference.ts';
import { useTowns, useZones } from '../../api/territory.ts';
import { pickName } from '../../i18n/index.ts';

/** Badge colours of the registration statuses. */
export const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  revoked: 'orange',
  cancelled: 'gray',
  moved_out: 'blue',
};

/**
 * Names for the codes the registry stores: towns, zones, industry sections, statuses and types, in the UI
 * language. Unknown codes come back as they are.
 */
export function useRegistryLabels() {
  const { t, i18n } = useTranslation();
  const towns = useTowns();
  const zones = useZones();
  const sections = useIndustryChildren(null);
  const language = i18n.language;

  return useMemo(() => {
    const townsByCode = new Map((towns.data ?? []).map((town) => [town.code, town]));
    const zonesById = new Map((zones.data ?? []).map((zone) => [zone.id, zone]));
    const zonesByNameZh = new Map((zones.data ?? []).map((zone) => [zone.nameZh, zone]));
    const sectionsByCode = new Map((sections.data ?? []).map((section) => [section.code, section]));
    return {
      towns: towns.data ?? [],
      zones: zones.data ?? [],
      sections: sections.data ?? [],
      townName: (code: string) => {
        const town = townsByCode.get(code);
        return town ? pickName(language, town.nameZh, town.nameEn) : code;
      },
      zoneName: (id: string) => {
        const zone = zonesById.get(id);
        return zone ? pickName(language, zone.nameZh, zone.nameEn) : id;
      },
      /** The analytics endpoint keys zones by their Chinese name. */
      zoneNameFromZh: (nameZh: string) => {
        const zone = zonesByNameZh.get(nameZh);
        return zone ? pickName(language, zone.nameZh, zone.nameEn) : nameZh;
      },
      sectionName: (code: string) => {
        const section = sectionsByCode.get(code);
        return section ? pickName(language, section.nameZh, section.nameEn) : code;
      },
      status: (value: string) => t(`company.status.${value}`, { defaultValue: value }),
      enterpriseType: (value: string) => t(`company.enterpriseType.${value}`, { defaultValue: value }),
      hqType: (value: string) => t(`company.hqType.${value}`, { defaultValue: value }),
      /** Import field names (creditCode, registeredCapital, town, …). */
      importField: (field: string) => t(`company.importFields.${field}`, { defaultValue: field }),
      country: (code: string) => {
        try {
          return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
        } catch {
          return code;
        }
      },
    };
  }, [t, language, towns.data, zones.data, sections.data]);
}

export type RegistryLabels = ReturnType<typeof useRegistryLabels>;
