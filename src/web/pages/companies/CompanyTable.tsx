import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Company } from '../../api/companies.ts';
import { fetchReferenceChildren, referenceKeys } from '../../api/reference.ts';
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

  return (
    <Table.ScrollContainer minWidth={1110}>
      <Table highlightOnHover verticalSpacing={6} data-testid="companies-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t('company.fields.creditCode')}</Table.Th>
            <Table.Th>{t('company.fields.name')}</Table.Th>
            <Table.Th w={180}>{t('company.fields.industry')}</Table.Th>
            <Table.Th w={130}>{t('company.fields.town')}</Table.Th>
            <Table.Th w={110}>{t('company.fields.establishedOn')}</Table.Th>
            <Table.Th w={130} ta="right">
              {t('company.fields.registeredCapital')}
            </Table.Th>
            <Table.Th w={120}>{t('company.fields.status')}</Table.Th>
            <Table.Th w={90}>{t('company.fields.enterpriseType')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((company) => {
            const href = `/companies/${company.id}`;
            const division = company.industryDivision
              ? divisionNames.get(company.industryDivision)
              : undefined;
            return (
              <Table.Tr
                key={company.id}
                style={{ cursor: 'pointer' }}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  void navigate(href);
                }}
                data-testid="company-row"
                data-credit-code={company.creditCode}
              >
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {company.creditCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Group gap={6} wrap="nowrap">
                      <Anchor component={Link} to={href} size="sm" fw={500} data-testid="company-name">
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
                </Table.Td>
                <Table.Td>
                  {company.industryCode ? (
                    <Stack gap={0}>
                      <Text size="sm" ff="monospace">
                        {company.industryCode}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1} title={division}>
                        {division ??
                          (company.industrySection ? labels.sectionName(company.industrySection) : '')}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{company.townCode ? labels.townName(company.townCode) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{company.establishedOn ?? '—'}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  {company.registeredCapitalYuan ? (
                    <Money yuan={company.registeredCapitalYuan} currency={company.capitalCurrency} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[company.status] ?? 'gray'} radius="sm">
                    {labels.status(company.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{labels.enterpriseType(company.enterpriseType)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
