import {
  Anchor,
  Box,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { bureauTimeZone, civilDate } from '../../../domain/calendar.ts';
import { type Cockpit, type CockpitQuery, cockpitWorkbookUrl, useCockpit } from '../../api/dashboard.ts';
import { useTowns, useZones } from '../../api/territory.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName, toLanguage } from '../../i18n/index.ts';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';
import { CockpitBoard } from './CockpitBoard.tsx';
import { cockpitQueryFromParams, cockpitQueryToParams, PERIOD_PRESETS, presetPeriod } from './cockpitView.ts';
import { TargetsEditor } from './TargetsEditor.tsx';

/** The period and area in the URL, and a way to change them that keeps everything else. */
export function useCockpitQuery() {
  const [params, setParams] = useSearchParams();
  const query = cockpitQueryFromParams(params);
  const setQuery = (next: CockpitQuery) => setParams(cockpitQueryToParams(next), { replace: true });
  return { query, setQuery, search: cockpitQueryToParams(query).toString() };
}

/** "Jiading New City · 2021-01-01 – 2026-11-25": what the figures are for, in words. */
export function useScopeLine(cockpit: Cockpit | undefined) {
  const { t, i18n } = useTranslation();
  const towns = useTowns();
  if (!cockpit) return '';
  const area = cockpit.area.zone
    ? pickName(i18n.language, cockpit.area.zone.nameZh, cockpit.area.zone.nameEn)
    : t('cockpit.district');
  const townNames = (cockpit.area.towns ?? []).map((code) => {
    const town = towns.data?.find((x) => x.code === code);
    return town ? pickName(i18n.language, town.nameZh, town.nameEn) : code;
  });
  return t('cockpit.scopeLine', {
    area: townNames.length ? `${area} · ${townNames.join(t('cockpit.listSeparator'))}` : area,
    since: cockpit.period.since,
    until: cockpit.period.until,
  });
}

function Controls({ query, setQuery }: ReturnType<typeof useCockpitQuery>) {
  const { t, i18n } = useTranslation();
  const zones = useZones();
  const towns = useTowns();
  const session = useCurrentSession();
  const today = civilDate(new Date(), bureauTimeZone);
  // A town officer's cockpit is their towns: the picker offers only those.
  const townChoices = (towns.data ?? []).filter(
    (town) => !session.towns.length || session.towns.includes(town.code),
  );
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const set = (patch: Partial<CockpitQuery>) => {
    const next: CockpitQuery = { ...query, ...patch };
    for (const key of Object.keys(next) as (keyof CockpitQuery)[]) if (!next[key]) delete next[key];
    setQuery(next);
  };
  return (
    <Paper withBorder p="md" radius="md" className="cockpit-controls">
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('cockpit.period')}
          placeholder={t('cockpit.customPeriod')}
          data={PERIOD_PRESETS.map((value) => ({ value, label: t(`cockpit.presets.${value}`) }))}
          value={
            PERIOD_PRESETS.find((p) => {
              const period = presetPeriod(p, today);
              return period.since === query.since && period.until === query.until;
            }) ?? null
          }
          onChange={(value) => {
            const preset = PERIOD_PRESETS.find((p) => p === value);
            if (preset) set({ since: undefined, until: undefined, ...presetPeriod(preset, today) });
          }}
          w={180}
          data-testid="cockpit-period"
        />
        <TextInput
          type="date"
          label={t('cockpit.since')}
          value={query.since ?? ''}
          onChange={(event) => set({ since: date(event.currentTarget.value) })}
          w={160}
          data-testid="cockpit-since"
        />
        <TextInput
          type="date"
          label={t('cockpit.until')}
          value={query.until ?? ''}
          onChange={(event) => set({ until: date(event.currentTarget.value) })}
          w={160}
          data-testid="cockpit-until"
        />
        <Select
          label={t('cockpit.zone')}
          placeholder={t('cockpit.district')}
          data={(zones.data ?? []).map((zone) => ({
            value: zone.id,
            label: pickName(i18n.language, zone.nameZh, zone.nameEn),
          }))}
          value={query.zone ?? null}
          onChange={(value) => set({ zone: value ?? undefined })}
          clearable
          w={200}
          data-testid="cockpit-zone"
        />
        <MultiSelect
          label={t('cockpit.towns')}
          placeholder={query.town ? undefined : t('cockpit.allTowns')}
          data={townChoices.map((town) => ({
            value: town.code,
            label: pickName(i18n.language, town.nameZh, town.nameEn),
          }))}
          value={query.town ? query.town.split(',') : []}
          onChange={(value) => set({ town: value.join(',') || undefined })}
          clearable
          searchable
          w={280}
          data-testid="cockpit-towns"
        />
      </Group>
    </Paper>
  );
}

/** 领导驾驶舱: where the district stands for a period and an area, every figure a link to its rows. */
export function CockpitPage() {
  const { t, i18n } = useTranslation();
  const state = useCockpitQuery();
  const cockpit = useCockpit(state.query);
  const session = useCurrentSession();
  const scopeLine = useScopeLine(cockpit.data);
  const suffix = state.search ? `?${state.search}` : '';
  // The report picks its own month; it keeps the area.
  const area = cockpitQueryToParams({ zone: state.query.zone, town: state.query.town }).toString();
  const areaSuffix = area ? `?${area}` : '';
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('cockpit.title')}
          </Title>
          <Text c="dimmed" data-testid="cockpit-scope">
            {scopeLine || t('cockpit.subtitle')}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/cockpit/screen${suffix}`}
            variant="default"
            data-testid="cockpit-to-screen"
          >
            {t('cockpit.wallScreen')}
          </Button>
          <Button
            component={Link}
            to={`/cockpit/report${areaSuffix}`}
            variant="default"
            data-testid="cockpit-to-report"
          >
            {t('cockpit.monthlyReport')}
          </Button>
          <Button
            component="a"
            href={cockpitWorkbookUrl(state.query, toLanguage(i18n.language) ?? 'zh-CN')}
            download
            data-testid="cockpit-xlsx"
          >
            {t('cockpit.downloadXlsx')}
          </Button>
        </Group>
      </Group>
      <Controls {...state} />
      {cockpit.isPending ? (
        <Skeleton h={480} />
      ) : cockpit.isError ? (
        <ErrorState error={cockpit.error} onRetry={() => void cockpit.refetch()} />
      ) : (
        <CockpitBoard cockpit={cockpit.data} mode="page" />
      )}
      {session.role === 'admin' ? (
        <TargetsEditor
          year={Number((cockpit.data?.period.until ?? civilDate(new Date(), bureauTimeZone)).slice(0, 4))}
        />
      ) : null}
    </Stack>
  );
}

/** The cockpit alone on a dark wall screen (1920×1080): no navigation, larger type, same figures and links. */
export function CockpitScreenPage() {
  const { t } = useTranslation();
  const state = useCockpitQuery();
  const cockpit = useCockpit(state.query);
  const scopeLine = useScopeLine(cockpit.data);
  return (
    <Box bg="dark.8" mih="100vh" p="lg" data-testid="cockpit-screen">
      <Group justify="space-between" mb="lg" wrap="nowrap">
        <Group gap="lg" align="baseline">
          <Title order={1} c="white" fz={36}>
            {t('cockpit.title')}
          </Title>
          <Text c="gray.4" fz="xl" data-testid="cockpit-scope">
            {scopeLine}
          </Text>
        </Group>
        <Group gap="md">
          <LanguageSwitch />
          <Anchor component={Link} to={`/cockpit${state.search ? `?${state.search}` : ''}`} c="gray.4">
            {t('cockpit.leaveScreen')}
          </Anchor>
        </Group>
      </Group>
      {cockpit.isPending ? (
        <Skeleton h={800} />
      ) : cockpit.isError ? (
        <ErrorState error={cockpit.error} onRetry={() => void cockpit.refetch()} />
      ) : (
        <CockpitBoard cockpit={cockpit.data} mode="wall" />
      )}
    </Box>
  );
}
