import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCompanies } from '../../api/companies.ts';

/**
 * A registry company found by name or credit code: the registry holds a million rows, so the options are the
 * first matches of what the user types, not a list to scroll.
 */
export function CompanyPicker({
  value,
  initialLabel,
  onChange,
  label,
  testId,
}: {
  value: string;
  /** The chosen company's name, shown before any search. */
  initialLabel: string | null;
  onChange: (id: string) => void;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(
    value && initialLabel ? { value, label: initialLabel } : null,
  );
  const matches = useQuery({
    queryKey: ['companies', 'picker', debounced],
    queryFn: ({ signal }) =>
      fetchCompanies({ q: debounced }, { sort: 'name', order: 'asc', limit: 20, cursor: null }, signal),
    enabled: debounced.length >= 2 && debounced !== chosen?.label,
    placeholderData: keepPreviousData,
  });
  const options = (matches.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.nameZh} · ${c.creditCode}`,
  }));
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      label={label}
      placeholder={t('projectTools.form.companySearch')}
      data={options}
      value={value || null}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id, option) => {
        setChosen(id && option ? { value: id, label: option.label } : null);
        onChange(id ?? '');
      }}
      nothingFoundMessage={debounced.length >= 2 ? t('projectTools.form.noCompany') : undefined}
      clearable
      data-testid={testId}
    />
  );
}
