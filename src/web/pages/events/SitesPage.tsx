import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DayHours, weekdays } from '../../../domain/itinerary.ts';
import {
  type SiteDetail,
  useSaveSite,
  useSetTravelTime,
  useSiteDetails,
  useTravelTimes,
} from '../../api/events.ts';
import { useTowns } from '../../api/territory.ts';
import type { SiteKind } from '../../api/types.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useCanEditEvents } from './roles.ts';

const siteKinds: SiteKind[] = [
  'exhibition_hall',
  'industrial_park',
  'industrial_base',
  'company_showroom',
  'other',
];

/** Sites a delegation visits, with what the planner checks against, and the travel-time table between them. */
export function SitesPage() {
  const { t } = useTranslation();
  const sites = useSiteDetails();
  const canEdit = useCanEditEvents();
  const [editing, setEditing] = useState<SiteDetail | 'new' | null>(null);
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('events.sites.title')}
        </Title>
        {canEdit ? (
          <Button onClick={() => setEditing('new')} data-testid="site-new">
            {t('events.sites.new')}
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <SiteForm
          key={editing === 'new' ? 'new' : editing.id}
          site={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {sites.isError ? <ErrorState error={sites.error} onRetry={() => void sites.refetch()} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(sites.data ?? []).map((s) => (
          <SiteCard key={s.id} site={s} onEdit={canEdit ? () => setEditing(s) : null} />
        ))}
      </SimpleGrid>
      {sites.data ? <TravelTable sites={sites.data} canEdit={canEdit} /> : null}
    </Stack>
  );
}

function hoursText(site: SiteDetail, t: (key: string) => string) {
  if (!site.openingHours) return t('events.sites.hoursUnknown');
  return site.openingHours
    .map(
      (d, i) =>
        `${t(`events.weekdays.${weekdays[i]}`)} ${d ? `${d.open}–${d.close}` : t('events.sites.closed')}`,
    )
    .join(' · ');
}

function SiteCard({ site, onEdit }: { site: SiteDetail; onEdit: (() => void) | null }) {
  const { t, i18n } = useTranslation();
  const intro = i18n.language.startsWith('en') && site.introEn ? site.introEn : site.introZh;
  return (
    <Paper withBorder p="md" radius="md" data-testid="site-card">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{pickName(i18n.language, site.nameZh, site.nameEn)}</Text>
          {onEdit ? (
            <Button size="xs" variant="subtle" onClick={onEdit}>
              {t('events.sites.edit')}
            </Button>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t(`siteKinds.${site.kind}`)} · {site.address ?? t('common.notRecorded')}
        </Text>
        <Text size="sm">
          {t('events.sites.capacity')}: {site.capacity ?? t('common.notRecorded')}
        </Text>
        <Text size="sm">{hoursText(site, t)}</Text>
        {site.hostName ? (
          <Text size="sm">
            {t('events.sites.host')}: {site.hostName} {site.hostPhone ?? ''}
          </Text>
        ) : null}
        {intro ? <Text size="sm">{intro}</Text> : null}
      </Stack>
    </Paper>
  );
}

function SiteForm({ site, onDone }: { site: SiteDetail | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const towns = useTowns();
  const save = useSaveSite();
  const [form, setForm] = useState({
    nameZh: site?.nameZh ?? '',
    nameEn: site?.nameEn ?? '',
    kind: site?.kind ?? ('exhibition_hall' as SiteKind),
    townCode: site?.townCode ?? null,
    address: site?.address ?? '',
    capacity: site?.capacity ?? null,
    hostName: site?.hostName ?? '',
    hostPhone: site?.hostPhone ?? '',
    introZh: site?.introZh ?? '',
    introEn: site?.introEn ?? '',
  });
  const [hours, setHours] = useState<(DayHours | null)[]>(
    site?.openingHours ?? weekdays.map(() => ({ open: '09:00', close: '17:00' })),
  );
  const set = (field: keyof typeof form) => (value: unknown) => setForm((f) => ({ ...f, [field]: value }));
  const submit = () =>
    save.mutate(
      {
        ...(site ? { id: site.id } : {}),
        ...form,
        townCode: form.townCode ?? '',
        nameEn: form.nameEn || null,
        address: form.address || null,
        hostName: form.hostName || null,
        hostPhone: form.hostPhone || null,
        introZh: form.introZh || null,
        introEn: form.introEn || null,
        capacity: form.capacity,
        openingHours: hours,
      },
      { onSuccess: onDone },
    );
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('events.sites.nameZh')}
            value={form.nameZh}
            onChange={(e) => set('nameZh')(e.currentTarget.value)}
            data-testid="site-name"
          />
          <TextInput
            label={t('events.sites.nameEn')}
            value={form.nameEn}
            onChange={(e) => set('nameEn')(e.currentTarget.value)}
          />
          <Select
            label={t('events.sites.kind')}
            data={siteKinds.map((k) => ({ value: k, label: t(`siteKinds.${k}`) }))}
            value={form.kind}
            onChange={(v) => v && set('kind')(v)}
            allowDeselect={false}
          />
          <Select
            label={t('events.sites.town')}
            data={(towns.data ?? []).map((x) => ({
              value: x.code,
              label: pickName(i18n.language, x.nameZh, x.nameEn),
            }))}
            value={form.townCode}
            onChange={set('townCode')}
            data-testid="site-town"
          />
          <TextInput
            label={t('events.sites.address')}
            value={form.address}
            onChange={(e) => set('address')(e.currentTarget.value)}
          />
          <NumberInput
            label={t('events.sites.capacity')}
            min={1}
            value={form.capacity ?? ''}
            onChange={(v) => set('capacity')(v === '' ? null : Number(v))}
          />
          <TextInput
            label={t('events.sites.hostName')}
            value={form.hostName}
            onChange={(e) => set('hostName')(e.currentTarget.value)}
          />
          <TextInput
            label={t('events.sites.hostPhone')}
            value={form.hostPhone}
            onChange={(e) => set('hostPhone')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('events.sites.hours')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {weekdays.map((day, i) => {
            const h = hours[i] ?? null;
            const change = (next: DayHours | null) =>
              setHours((all) => all.map((x, j) => (j === i ? next : x)));
            return (
              <Group key={day} gap={4} wrap="nowrap">
                <Text size="sm" w={36}>
                  {t(`events.weekdays.${day}`)}
                </Text>
                {h ? (
                  <>
                    <TextInput
                      size="xs"
                      type="time"
                      value={h.open}
                      onChange={(e) => change({ ...h, open: e.currentTarget.value })}
                      aria-label={`${day} open`}
                    />
                    <TextInput
                      size="xs"
                      type="time"
                      value={h.close}
                      onChange={(e) => change({ ...h, close: e.currentTarget.value })}
                      aria-label={`${day} close`}
                    />
                    <Button size="xs" variant="subtle" onClick={() => change(null)}>
                      {t('events.sites.closed')}
                    </Button>
                  </>
                ) : (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => change({ open: '09:00', close: '17:00' })}
                  >
                    {t('events.sites.open')}
                  </Button>
                )}
              </Group>
            );
          })}
        </SimpleGrid>
        <Textarea
          label={t('events.sites.introZh')}
          value={form.introZh}
          onChange={(e) => set('introZh')(e.currentTarget.value)}
        />
        <Textarea
          label={t('events.sites.introEn')}
          value={form.introEn}
          onChange={(e) => set('introEn')(e.currentTarget.value)}
        />
        <Group>
          <Button
            onClick={submit}
            loading={save.isPending}
            disabled={!form.nameZh.trim() || !form.townCode}
            data-testid="site-save"
          >
            {t('common.save')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
        {save.isError ? <ErrorState error={save.error} /> : null}
      </Stack>
    </Paper>
  );
}

function TravelTable({ sites, canEdit }: { sites: SiteDetail[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const travel = useTravelTimes();
  const set = useSetTravelTime();
  const minutes = (a: string, b: string) =>
    travel.data?.find((x) => (x.siteA === a && x.siteB === b) || (x.siteA === b && x.siteB === a))?.minutes;
  const name = (s: SiteDetail) => pickName(i18n.language, s.nameZh, s.nameEn);
  return (
    <Paper withBorder p="md" radius="md">
      <Text fw={600} mb="sm">
        {t('events.sites.travel')}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table withColumnBorders data-testid="travel-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              {sites.map((s) => (
                <Table.Th key={s.id}>{name(s)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sites.map((row, i) => (
              <Table.Tr key={row.id}>
                <Table.Th>{name(row)}</Table.Th>
                {sites.map((col, j) => (
                  <Table.Td key={col.id}>
                    {i === j ? (
                      '—'
                    ) : canEdit && j > i ? (
                      <NumberInput
                        key={`${col.id}-${minutes(row.id, col.id) ?? ''}`}
                        size="xs"
                        w={80}
                        min={0}
                        max={1440}
                        suffix=" min"
                        aria-label={`${name(row)} – ${name(col)}`}
                        defaultValue={minutes(row.id, col.id) ?? ''}
                        onBlur={(e) => {
                          const v = Number.parseInt(e.currentTarget.value, 10);
                          if (Number.isInteger(v) && v !== minutes(row.id, col.id))
                            set.mutate({ from: row.id, to: col.id, minutes: v });
                        }}
                      />
                    ) : (
                      (minutes(row.id, col.id) ?? '?')
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {set.isError ? <ErrorState error={set.error} /> : null}
    </Paper>
  );
}
