import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type EventKind, eventKinds } from '../../../domain/events.ts';
import { type EventCounts, type LodestoneEvent, useCreateEvent, useEvents } from '../../api/events.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useCanEditEvents } from './roles.ts';
import { formatDateTime, fromLocalInput } from './time.ts';

/** Events, latest first, with who came; writers add a new one here. */
export function EventsPage() {
  const { t, i18n } = useTranslation();
  const events = useEvents();
  const canEdit = useCanEditEvents();
  const columns: Column<LodestoneEvent & { counts: EventCounts }>[] = [
    {
      header: t('events.fields.title'),
      cell: (e) => (
        <Anchor component={Link} to={`/events/${e.id}`}>
          {pickName(i18n.language, e.titleZh, e.titleEn)}
        </Anchor>
      ),
    },
    {
      header: t('events.fields.kind'),
      cell: (e) => <Badge variant="light">{t(`events.kinds.${e.kind}`)}</Badge>,
    },
    { header: t('events.fields.startsAt'), cell: (e) => formatDateTime(e.startsAt, i18n.language) },
    { header: t('events.counts.organisations'), cell: (e) => e.counts.organisations },
    { header: t('events.counts.attendees'), cell: (e) => e.counts.attendees },
    { header: t('events.counts.checkedIn'), cell: (e) => e.counts.checkedIn },
  ];
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('events.title')}
        </Title>
        <Button component={Link} to="/sites" variant="light" data-testid="events-sites">
          {t('events.sites.title')}
        </Button>
      </Group>
      {canEdit ? <NewEvent /> : null}
      {events.isError ? <ErrorState error={events.error} onRetry={() => void events.refetch()} /> : null}
      <Paper withBorder radius="md">
        <DataTable
          columns={columns}
          rows={events.data?.items ?? []}
          rowTestId="event-row"
          striped
          // Mantine's default spacing: the events list has always been looser than the other lists.
          verticalSpacing={7}
        />
        {events.data && events.data.items.length === 0 ? (
          <Text p="md" c="dimmed">
            {t('events.none')}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}

function NewEvent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const [kind, setKind] = useState<EventKind>('delegation_visit');
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const starts = fromLocalInput(startsAt);
  const ends = fromLocalInput(endsAt);
  const backwards = starts !== null && ends !== null && ends <= starts;
  const submit = () => {
    if (!starts || !ends) return;
    create.mutate(
      {
        kind,
        titleZh,
        titleEn: titleEn || null,
        startsAt: starts,
        endsAt: ends,
        venue: null,
        location: null,
        host: null,
        organisers: [],
        descriptionZh: null,
        descriptionEn: null,
      },
      { onSuccess: (e) => void navigate(`/events/${e.id}`) },
    );
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text fw={600}>{t('events.new')}</Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('events.fields.kind')}
            data={eventKinds.map((k) => ({ value: k, label: t(`events.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as EventKind)}
            allowDeselect={false}
            data-testid="new-event-kind"
          />
          <TextInput
            label={t('events.fields.titleZh')}
            value={titleZh}
            onChange={(e) => setTitleZh(e.currentTarget.value)}
            data-testid="new-event-title"
          />
          <TextInput
            label={t('events.fields.titleEn')}
            value={titleEn}
            onChange={(e) => setTitleEn(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('events.fields.startsAt')}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            data-testid="new-event-starts"
          />
          <TextInput
            type="datetime-local"
            label={t('events.fields.endsAt')}
            value={endsAt}
            onChange={(e) => setEndsAt(e.currentTarget.value)}
            error={backwards ? t('events.endBeforeStart') : undefined}
            data-testid="new-event-ends"
          />
          <Button
            onClick={submit}
            disabled={!titleZh.trim() || !starts || !ends || backwards}
            loading={create.isPending}
            data-testid="new-event-submit"
          >
            {t('events.create')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('events.timesInShanghai')}
        </Text>
        {create.isError ? <ErrorState error={create.error} /> : null}
      </Stack>
    </Paper>
  );
}
