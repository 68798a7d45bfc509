import { Anchor, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { partnerKinds } from '../../../domain/pipeline-enums.ts';
import { usePartners } from '../../api/partners.ts';
import { BilingualName } from '../../components/BilingualName.tsx';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { Money } from '../../components/Money.tsx';
import { usePartnerLabels } from './labels.ts';

const sortKeys = ['name', 'referred', 'signed', 'amount', 'conversion'] as const;
type SortKey = (typeof sortKeys)[number];

/**
 * The associations, chambers and agencies that introduce projects, each with its scorecard. The API pages partners
 * by name; a district has tens of them, so the scorecard orders apply to the partners loaded.
 */
export function PartnersPage() {
  const { t } = useTranslation();
  const labels = usePartnerLabels();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey>('signed');
  const list = usePartners({ q: q.trim() || undefined, kind: kind ?? undefined });
  const items = [...(list.data?.pages.flatMap((p) => p.items) ?? [])];
  const by: Record<SortKey, (a: (typeof items)[number], b: (typeof items)[number]) => number> = {
    name: () => 0,
    referred: (a, b) => b.scorecard.referred - a.scorecard.referred,
    signed: (a, b) => b.scorecard.signed - a.scorecard.signed,
    amount: (a, b) => Number(BigInt(b.scorecard.amountSignedYuan) - BigInt(a.scorecard.amountSignedYuan)),
    conversion: (a, b) => (b.scorecard.conversion ?? -1) - (a.scorecard.conversion ?? -1),
  };
  items.sort(by[sort]);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('partners.title')}
        </Title>
        <Text c="dimmed">{t('partners.subtitle')}</Text>
      </Stack>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('partners.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
          data-testid="partners-q"
        />
        <Select
          label={t('partners.kind')}
          data={partnerKinds.map((k) => ({ value: k, label: labels.kind(k) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={200}
        />
        <Select
          label={t('partners.sortBy')}
          data={sortKeys.map((k) => ({ value: k, label: t(`partners.sort.${k}`) }))}
          value={sort}
          onChange={(v) => setSort((v as SortKey | null) ?? 'signed')}
          allowDeselect={false}
          w={180}
          data-testid="partners-sort"
        />
      </Group>

      <InfiniteList query={list} items={items} empty={t('partners.empty')} emptyTestId="partners-empty">
        {(rows) => (
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover verticalSpacing={6} data-testid="partners-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.name')}</Table.Th>
                  <Table.Th w={150}>{t('partners.kind')}</Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('partners.referred')}
                  </Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('partners.signed')}
                  </Table.Th>
                  <Table.Th w={140} ta="right">
                    {t('partners.amountSigned')}
                  </Table.Th>
                  <Table.Th w={100} ta="right">
                    {t('partners.conversion')}
                  </Table.Th>
                  <Table.Th w={140} ta="right">
                    {t('partners.medianDays')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id} data-testid="partner-row" data-partner={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/partners/${p.id}`} size="sm" fw={500}>
                        <BilingualName nameZh={p.nameZh} nameEn={p.nameEn} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{labels.kind(p.kind)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Anchor
                        component={Link}
                        to={`/projects?credited=${p.id}`}
                        size="sm"
                        data-testid="partner-referred"
                      >
                        {p.scorecard.referred}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" data-testid="partner-signed">
                        {p.scorecard.signed}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money yuan={p.scorecard.amountSignedYuan} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{labels.conversion(p.scorecard)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{labels.medianDays(p.scorecard)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </InfiniteList>
    </Stack>
  );
}
