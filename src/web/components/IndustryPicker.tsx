import { Input, Select, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchIndustry, fetchReferenceChildren, useIndustryChildren } from '../api/reference.ts';
import type { Industry } from '../api/types.ts';
import { pickName } from '../i18n/index.ts';

export interface IndustryPickerProps {
  /** A GB/T 4754 section letter, a 2-digit division or a 4-digit class; '' for none. */
  value: string;
  onChange: (code: string) => void;
  label?: string;
  testId?: string;
}

/** Where a code sits: its section letter, its division and its class (when it is one). */
function splitCode(value: string): { division: string; cls: string } {
  if (!/^\d{2,4}$/.test(value)) return { division: '', cls: '' };
  return { division: value.slice(0, 2), cls: value.length === 4 ? value : '' };
}

/**
 * GB/T 4754-2017 in three steps: section (门类) → division (大类) → class (小类, grouped by 中类). The value is
 * the deepest step chosen, which is what the registry filter takes.
 */
export function IndustryPicker({ value, onChange, label, testId }: IndustryPickerProps) {
  const { t, i18n } = useTranslation();
  const name = (item: Industry) => `${item.code} ${pickName(i18n.language, item.nameZh, item.nameEn)}`;
  const { division, cls } = splitCode(value);

  // A division or class in the URL: find its section to fill the first step.
  const parentOfDivision = useQuery({
    queryKey: ['reference', 'industries', 'code', division] as const,
    queryFn: ({ signal }) => fetchIndustry(division, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: division !== '',
  });
  const section = /^[A-T]$/.test(value) ? value : (parentOfDivision.data?.parentCode ?? '');

  const sections = useIndustryChildren(null);
  const divisions = useIndustryChildren(section || null, section !== '');
  const classes = useQuery({
    queryKey: ['reference', 'industries', 'classes-of', division] as const,
    queryFn: async ({ signal }) => {
      const groups = await fetchReferenceChildren('industries', division, signal);
      return Promise.all(
        groups.map(async (group) => ({
          group,
          classes: await fetchReferenceChildren('industries', group.code, signal),
        })),
      );
    },
    staleTime: Number.POSITIVE_INFINITY,
    enabled: division !== '',
  });

  return (
    <Input.Wrapper label={label ?? t('registry.filters.industry')} data-testid={testId}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <Select
          aria-label={t('registry.filters.industrySection')}
          placeholder={t('registry.filters.industrySection')}
          data={(sections.data ?? []).map((item) => ({ value: item.code, label: name(item) }))}
          value={section || null}
          onChange={(next) => onChange(next ?? '')}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid={testId ? `${testId}-section` : undefined}
        />
        <Select
          aria-label={t('registry.filters.industryDivision')}
          placeholder={t('registry.filters.industryDivision')}
          data={(divisions.data ?? []).map((item) => ({ value: item.code, label: name(item) }))}
          value={division || null}
          onChange={(next) => onChange(next ?? section)}
          disabled={!section}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          aria-label={t('registry.filters.industryClass')}
          placeholder={t('registry.filters.industryClass')}
          data={(classes.data ?? []).map(({ group, classes: items }) => ({
            group: name(group),
            items: items.map((item) => ({ value: item.code, label: name(item) })),
          }))}
          value={cls || null}
          onChange={(next) => onChange(next ?? division)}
          disabled={!division}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
        />
      </SimpleGrid>
    </Input.Wrapper>
  );
}
