import { Badge, CloseButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSites, useZones } from '../../api/territory.ts';
import { pickName } from '../../i18n/index.ts';
import { usePipelineLabels } from './labels.ts';
import { URL_FILTER_KEYS, type UrlFilterKey, urlFiltersFromParams, withoutFilter } from './urlFilters.ts';

/**
 * The filters a link brought (a cockpit figure, say), each a chip that can be taken off. `partnerName` and
 * `creditedName` are read from the listed rows: with a partner (credited) filter, every row names that partner.
 */
export function UrlFilterChips({
  partnerName,
  creditedName,
  companyName,
}: {
  partnerName: string | null;
  creditedName: string | null;
  companyName: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const labels = usePipelineLabels();
  const zones = useZones();
  const sites = useSites();
  const filters = urlFiltersFromParams(params);
  const keys = URL_FILTER_KEYS.filter((key) => filters[key] !== undefined);
  if (!keys.length) return null;
  const each = (value: string, label: (v: string) => string) =>
    value
      .split(',')
      .map((v) => label(v.trim()))
      .join(t('cockpit.listSeparator'));
  const shown = (key: UrlFilterKey, value: string): string => {
    switch (key) {
      case 'stage':
      case 'reached':
        return each(value, labels.stage);
      case 'kind':
        return each(value, labels.kind);
      case 'source':
        return each(value, labels.source);
      case 'major':
      case 'foreignFunded':
        return value === 'true' ? t('cockpit.filters.yes') : t('cockpit.filters.no');
      case 'town':
        return each(value, labels.town);
      case 'cluster':
        return labels.cluster(value);
      case 'zone': {
        const zone = zones.data?.find((z) => z.id === value);
        return zone ? pickName(i18n.language, zone.nameZh, zone.nameEn) : value;
      }
      case 'site': {
        const site = sites.data?.find((s) => s.id === value);
        return site ? pickName(i18n.language, site.nameZh, site.nameEn) : value;
      }
      case 'partner':
        return partnerName ?? value;
      case 'credited':
        return creditedName ?? value;
      case 'company':
        return companyName ?? value;
      case 'signedFrom':
      case 'signedTo':
        return value;
    }
  };
  return (
    <Group gap="xs" data-testid="projects-url-filters">
      <Text size="sm" c="dimmed">
        {t('cockpit.filters.title')}
      </Text>
      {keys.map((key) => (
        <Badge
          key={key}
          variant="light"
          size="lg"
          tt="none"
          data-testid={`projects-url-filter-${key}`}
          rightSection={
            <CloseButton
              size="xs"
              aria-label={t('cockpit.filters.remove')}
              onClick={() => setParams(withoutFilter(params, key), { replace: true })}
            />
          }
        >
          {t(`cockpit.filters.${key}`)}: {shown(key, filters[key] as string)}
        </Badge>
      ))}
    </Group>
  );
}
