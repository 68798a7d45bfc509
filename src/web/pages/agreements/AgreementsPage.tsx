import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agreementKinds, agreementStatuses } from '../../../domain/agreements.ts';
import {
  AGREEMENT_SORT_KEYS,
  type Agreement,
  type AgreementFilters,
  type AgreementSortKey,
  useAgreements,
} from '../../api/agreements.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { joinList } from '../../i18n/index.ts';
import { AgreementStatusBadge } from './AgreementStatusBadge.tsx';
import { useAgreementLabels, useAgreementRights } from './labels.ts';

/** Agreements as a table: search, kind, status and "expiring before" filters, sorting and keyset pages. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const rights = useAgreementRights();
  const labels = useAgreementLabels();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [expiringBefore, setExpiringBefore] = useState('');
  const [sort, setSort] = useState<AgreementSortKey>('updated');
  const filters: AgreementFilters = {
    q: q.trim() || undefined,
    kind: kind ?? undefined,
    status: status ?? undefined,
    expiringBefore: expiringBefore || undefined,
    sort,
    order: sort === 'title' || sort === 'termEnd' ? 'asc' : 'desc',
  };
  const list = useAgreements(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const columns: Column<Agreement>[] = [
    {
      header: t('agreements.fields.title'),
      cell: (a) => (
        <>
          <Anchor component={Link} to={`/agreements/${a.id}`} size="sm" fw={500}>
            {labels.title(a)}
          </Anchor>
          {a.referenceNo ? (
            <Text size="xs" c="dimmed">
              {a.referenceNo}
            </Text>
          ) : null}
        </>
      ),
    },
    { header: t('agreements.fields.kind'), w: 170, text: (a) => labels.kind(a.kind) },
    {
      header: t('agreements.fields.parties'),
      w: 260,
      cell: (a) => (
        <Text size="sm" lineClamp={2}>
          {joinList(
            i18n.language,
            a.parties.map((p) => labels.party(p, session.tenant.nameZh)),
          )}
        </Text>
      ),
    },
    {
      header: t('agreements.fields.status'),
      w: 110,
      cell: (a) => <AgreementStatusBadge status={a.status} />,
    },
    { header: t('agreements.fields.signedOn'), w: 110, text: (a) => a.signedOn ?? '—' },
    { header: t('agreements.fields.termEnd'), w: 110, text: (a) => a.termEnd ?? '—' },
  ];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('agreements.title')}
          </Title>
          <Text c="dimmed">{t('agreements.subtitle')}</Text>
        </Stack>
        <Group gap="sm">
          {total !== undefined ? (
            <Badge size="lg" variant="light" data-testid="agreements-total">
              {t('agreements.total', { count: total })}
            </Badge>
          ) : null}
          {rights.write ? (
            <Button component={Link} to="/agreements/new" data-testid="agreement-new">
              {t('agreements.new')}
            </Button>
          ) : null}
        </Group>
      </Group>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('agreements.search')}
          placeholder={t('agreements.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
          data-testid="agreements-q"
        />
        <Select
          label={t('agreements.fields.kind')}
          data={agreementKinds.map((k) => ({ value: k, label: labels.kind(k) }))}
          value={kind}
          onChange={setKind}
          clearable
          w={200}
          data-testid="agreements-kind"
        />
        <Select
          label={t('agreements.fields.status')}
          data={agreementStatuses.map((s) => ({ value: s, label: labels.status(s) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={150}
          data-testid="agreements-status"
        />
        <TextInput
          type="date"
          label={t('agreements.expiringBefore')}
          value={expiringBefore}
          onChange={(e) => setExpiringBefore(e.currentTarget.value)}
          w={170}
        />
        <Select
          label={t('agreements.sortBy')}
          data={AGREEMENT_SORT_KEYS.map((k) => ({ value: k, label: t(`agreements.sort.${k}`) }))}
          value={sort}
          onChange={(v) => setSort((v as AgreementSortKey | null) ?? 'updated')}
          allowDeselect={false}
          w={160}
          data-testid="agreements-sort"
        />
      </Group>

      <InfiniteList query={list} items={items} empty={t('agreements.empty')} emptyTestId="agreements-empty">
        {(rows) => (
          <DataTable
            columns={columns}
            rows={rows}
            rowTestId="agreement-row"
            minWidth={900}
            data-testid="agreements-table"
          />
        )}
      </InfiniteList>
    </Stack>
  );
}
