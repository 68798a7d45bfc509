import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Company } from '../../api/companies.ts';
import { fetchReferenceChildren, referenceKeys } from '../../api/reference.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { Money } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import { STATUS_COLORS, useRegistryLabels } from './labels.ts';

/** Names of the industry divisions under the given sections (one cached request per section). */
function useDivisionNames(sections: string[]): Map<string, string> {
  const { i18n } = useTranslation();
  const results = useQueries({
    queries: sections.map((section) => ({
      queryKey: referenceKeys.children('industries', section),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchReferenceChildren('industries', section, signal),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const names = new Map<string, string>();
  for (const result of results)
    for (const item of result.data ?? [])
      names.set(item.code, pickName(i18n.language, item.nameZh, item.nameEn));
  return names;
}

export function CompanyTable({ items }: { items: Company[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useRegistryLabels();
  const sections = [
    ...new Set(items.map((item) => item.industrySection).filter((s): s is string => !!s)),
  ].sort();
  const divisionNames = useDivisionNames(sections);

  const notRecorded = (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
  const columns: Column<Company>[] = [
    {
      header: t('company.fields.creditCode'),
      w: 190,
      cell: (company) => (
        <Text size="sm" ff="monospace">
          {company.creditCode}
        </Text>
      ),
    },
    {
      header: t('company.fields.name'),
      cell: (company) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor
              component={Link}
              to={`/companies/${company.id}`}
              size="sm"
              fw={500}
              data-testid="company-name"
            >
              {company.nameZh}
            </Anchor>
            {company.likelyDuplicate ? (
              <Badge size="xs" color="orange" variant="light" data-testid="duplicate-badge">
                {t('registry.likelyDuplicate')}
              </Badge>
            ) : null}
            {company.similarName ? (
              <Badge size="xs" color="yellow" variant="light" data-testid="similar-name-badge">
                {t('registry.similarName')}
              </Badge>
            ) : null}
          </Group>
          {company.nameEn ? (
            <Text size="xs" c="dimmed">
              {company.nameEn}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      header: t('company.fields.industry'),
      w: 180,
      cell: (company) => {
        if (!company.industryCode) return notRecorded;
        const division = company.industryDivision ? divisionNames.get(company.industryDivision) : undefined;
        return (
          <Stack gap={0}>
            <Text size="sm" ff="monospace">
              {company.industryCode}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1} title={division}>
              {division ?? (company.industrySection ? labels.sectionName(company.industrySection) : '')}
            </Text>
          </Stack>
        );
      },
    },
    {
      header: t('company.fields.town'),
      w: 130,
      text: (company) => (company.townCode ? labels.townName(company.townCode) : '—'),
    },
    { header: t('company.fields.establishedOn'), w: 110, text: (company) => company.establishedOn ?? '—' },
    {
      header: t('company.fields.registeredCapital'),
      w: 130,
      align: 'right',
      cell: (company) =>
        company.registeredCapitalYuan ? (
          <Money yuan={company.registeredCapitalYuan} currency={company.capitalCurrency} />
        ) : (
          notRecorded
        ),
    },
    {
      header: t('company.fields.status'),
      w: 120,
      cell: (company) => (
        <Badge variant="light" color={STATUS_COLORS[company.status] ?? 'gray'} radius="sm">
          {labels.status(company.status)}
        </Badge>
      ),
    },
    {
      header: t('company.fields.enterpriseType'),
      w: 90,
      text: (company) => labels.enterpriseType(company.enterpriseType),
    },
  ];

  return (
    <DataTable
      columns={columns}
      rows={items}
      rowTestId="company-row"
      rowProps={(company) => ({
        style: { cursor: 'pointer' },
        // The whole row opens the company; its name is also a link, for a new tab or a screen reader.
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a')) return;
          void navigate(`/companies/${company.id}`);
        },
        'data-credit-code': company.creditCode,
      })}
      minWidth={1110}
      data-testid="companies-table"
    />
  );
}
