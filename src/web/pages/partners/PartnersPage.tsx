import { Anchor, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { partnerKinds } from '../../../domain/pipeline-enums.ts';
import { type Partner, type Scorecard, usePartners } from '../../api/partners.ts';
import { BilingualName } from '../../components/BilingualName.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { Money } from '../../components/Money.tsx';
import { usePartnerLabels } from './labels.ts';

const sortKeys = ['name', 'referred', 'signed', 'amount', 'conversion'] as const;
type SortKey = (typeof sortKeys)[number];
type PartnerRow = Partner & { scorecard: Scorecard };

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
  const by: Record<SortKey, (a: PartnerRow, b: PartnerRow) => number> = {
    name: () => 0,
    referred: (a, b) => b.scorecard.referred - a.scorecard.referred,
    signed: (a, b) => b.scorecard.signed - a.scorecard.signed,
    amount: (a, b) => Number(BigInt(b.scorecard.amountSignedYuan) - BigInt(a.scorecard.amountSignedYuan)),
    conversion: (a, b) => (b.scorecard.conversion ?? -1) - (a.scorecard.conversion ?? -1),
  };
  items.sort(by[sort]);
  const columns: Column<PartnerRow>[] = [
    {
      header: t('partners.name'),
      cell: (p) => (
        <Anchor component={Link} to={`/partners/${p.id}`} size="sm" fw={500}>
          <BilingualName nameZh={p.nameZh} nameEn={p.nameEn} />
        </Anchor>
      ),
    },
    { header: t('partners.kind'), w: 150, text: (p) => labels.kind(p.kind) },
    {
      header: t('partners.referred'),
      w: 90,
      align: 'right',
      cell: (p) => (
        <Anchor component={Link} to={`/projects?credited=${p.id}`} size="sm" data-testid="partner-referred">
          {p.scorecard.referred}
        </Anchor>
      ),
    },
    {
      header: t('partners.signed'),
      w: 90,
      align: 'right',
      cell: (p) => (
        <Text size="sm" data-testid="partner-signed">
          {p.scorecard.signed}
        </Text>
      ),
    },
    {
      header: t('partners.amountSigned'),
      w: 140,
      align: 'right',
      cell: (p) => <Money yuan={p.scorecard.amountSignedYuan} />,
    },
    { header: t('partners.conversion'), w: 100, align: 'right', text: (p) => labels.conversion(p.scorecard) },
    { header: t('partners.medianDays'), w: 140, align: 'right', text: (p) => labels.medianDays(p.scorecard) },
  ];

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
          <DataTable
            columns={columns}
            rows={rows}
            rowTestId="partner-row"
            rowProps={(p) => ({ 'data-partner': p.id })}
            minWidth={900}
            data-testid="partners-table"
          />
        )}
      </InfiniteList>
    </Stack>
  );
}
