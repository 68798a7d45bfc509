import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMPANY_STATUSES, ENTERPRISE_TYPES, HQ_TYPES } from '../../api/companies.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { pickName } from '../../i18n/index.ts';
import { EMPTY_FILTERS, filterProblems, type RegistryFilters } from './filters.ts';
import { useRegistryLabels } from './labels.ts';
import { useTypedText } from './useTypedText.ts';

export interface RegistryFilterPanelProps {
  filters: RegistryFilters;
  onChange: (filters: RegistryFilters) => void;
}

/** Industry, territory, dates, capital and type filters; every change goes to the URL at once. */
export function RegistryFilterPanel({ filters, onChange }: RegistryFilterPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const set = <K extends keyof RegistryFilters>(key: K, value: RegistryFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const [park, setPark] = useTypedText(filters.park, (text) => set('park', text));
  const [capitalMinWan, setCapitalMinWan] = useTypedText(filters.capitalMinWan, (text) =>
    set('capitalMinWan', text),
  );
  const [capitalMaxWan, setCapitalMaxWan] = useTypedText(filters.capitalMaxWan, (text) =>
    set('capitalMaxWan', text),
  );
  const [establishedFrom, setEstablishedFrom] = useTypedText(filters.establishedFrom, (text) =>
    set('establishedFrom', text),
  );
  const [establishedTo, setEstablishedTo] = useTypedText(filters.establishedTo, (text) =>
    set('establishedTo', text),
  );
  // Checked as typed, before the URL has caught up.
  const problems = filterProblems({
    ...filters,
    capitalMinWan,
    capitalMaxWan,
    establishedFrom,
    establishedTo,
  });

  // A town officer sees only their towns' companies: the other towns would only ever list nothing.
  const { towns: ownTowns } = useCurrentSession();
  const townOptions = labels.towns
    .filter((town) => !ownTowns.length || ownTowns.includes(town.code))
    .map((town) => ({
      value: town.code,
      label: pickName(i18n.language, town.nameZh, town.nameEn),
    }));
  const zoneOptions = labels.zones.map((zone) => ({
    value: zone.id,
    label: pickName(i18n.language, zone.nameZh, zone.nameEn),
  }));

  return (
    <Stack gap="md" data-testid="registry-filters">
      <IndustryPicker
        value={filters.industry}
        onChange={(code) => set('industry', code)}
        testId="filter-industry"
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <MultiSelect
          label={t('registry.filters.town')}
          placeholder={filters.town.length ? undefined : t('registry.filters.any')}
          data={townOptions}
          value={filters.town}
          onChange={(value) => set('town', value)}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="filter-town"
        />
        <Select
          label={t('registry.filters.zone')}
          placeholder={t('registry.filters.any')}
          data={zoneOptions}
          value={filters.zone || null}
          onChange={(value) => set('zone', value ?? '')}
          clearable
          data-testid="filter-zone"
        />
        <TextInput
          label={t('company.fields.park')}
          placeholder={t('registry.filters.any')}
          value={park}
          maxLength={100}
          onChange={(event) => setPark(event.currentTarget.value)}
          data-testid="filter-park"
        />
        <TextInput
          type="date"
          label={t('registry.filters.establishedFrom')}
          value={establishedFrom}
          onChange={(event) => setEstablishedFrom(event.currentTarget.value)}
          error={problems.dateRange ? t('registry.filters.dateRange') : undefined}
          data-testid="filter-established-from"
        />
        <TextInput
          type="date"
          label={t('registry.filters.establishedTo')}
          value={establishedTo}
          onChange={(event) => setEstablishedTo(event.currentTarget.value)}
          data-testid="filter-established-to"
        />
        <TextInput
          label={t('registry.filters.capitalMin')}
          placeholder="0"
          inputMode="decimal"
          rightSection={<Text size="xs">{t('registry.filters.wanUnit')}</Text>}
          rightSectionWidth={48}
          value={capitalMinWan}
          onChange={(event) => setCapitalMinWan(event.currentTarget.value)}
          error={
            problems.capitalMinWan
              ? t('registry.filters.invalidAmount')
              : problems.capitalRange
                ? t('registry.filters.capitalRange')
                : undefined
          }
          data-testid="filter-capital-min"
        />
        <TextInput
          label={t('registry.filters.capitalMax')}
          inputMode="decimal"
          rightSection={<Text size="xs">{t('registry.filters.wanUnit')}</Text>}
          rightSectionWidth={48}
          value={capitalMaxWan}
          onChange={(event) => setCapitalMaxWan(event.currentTarget.value)}
          error={problems.capitalMaxWan ? t('registry.filters.invalidAmount') : undefined}
          data-testid="filter-capital-max"
        />
        <MultiSelect
          label={t('company.fields.enterpriseType')}
          placeholder={filters.enterpriseType.length ? undefined : t('registry.filters.any')}
          data={ENTERPRISE_TYPES.map((value) => ({ value, label: labels.enterpriseType(value) }))}
          value={filters.enterpriseType}
          onChange={(value) => set('enterpriseType', value)}
          clearable
          data-testid="filter-enterprise-type"
        />
        <MultiSelect
          label={t('company.fields.status')}
          placeholder={filters.status.length ? undefined : t('registry.filters.any')}
          data={COMPANY_STATUSES.map((value) => ({ value, label: labels.status(value) }))}
          value={filters.status}
          onChange={(value) => set('status', value)}
          clearable
          data-testid="filter-status"
        />
        <MultiSelect
          label={t('company.fields.hqType')}
          placeholder={filters.hqType.length ? undefined : t('registry.filters.any')}
          data={HQ_TYPES.map((value) => ({ value, label: labels.hqType(value) }))}
          value={filters.hqType}
          onChange={(value) => set('hqType', value)}
          clearable
          data-testid="filter-hq-type"
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button
          variant="subtle"
          size="xs"
          onClick={() => onChange({ ...EMPTY_FILTERS, q: filters.q })}
          data-testid="filters-clear"
        >
          {t('registry.filters.clear')}
        </Button>
      </Group>
    </Stack>
  );
}
