import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAttendees, useCheckIn, useEvent } from '../../api/events.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useCanEditEvents } from './roles.ts';
import { formatTime } from './time.ts';

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The desk on the day, on a phone: find a person by name, organisation or phone and check them in with one large
 * button; the count of who has arrived stays in view.
 */
export function CheckInPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const event = useEvent(id);
  const list = useAttendees(id);
  const checkIn = useCheckIn(id);
  const canEdit = useCanEditEvents();
  const [q, setQ] = useState('');
  if (event.isError) return <ErrorState error={event.error} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const people = list.data ?? [];
  const here = people.filter((a) => a.checkedInAt).length;
  const shown = q.trim()
    ? people.filter((a) =>
        [a.name, a.organisation ?? '', a.phone ?? ''].some((f) => fold(f).includes(fold(q.trim()))),
      )
    : people;
  return (
    <Stack gap="sm" maw={560} mx="auto" data-testid="check-in-page">
      <Anchor component={Link} to={`/events/${id}`} size="sm">
        {event.data ? pickName(i18n.language, event.data.event.titleZh, event.data.event.titleEn) : ''}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t('events.checkIn.title')}
        </Title>
        <Badge size="lg" color="green" data-testid="check-in-count">
          {t('events.checkIn.count', { here, total: people.length })}
        </Badge>
      </Group>
      <TextInput
        size="md"
        type="search"
        placeholder={t('events.checkIn.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="check-in-search"
      />
      {list.isPending ? <Skeleton h={200} /> : null}
      {shown.slice(0, 50).map((a) => (
        <Card key={a.id} withBorder padding="sm" data-testid="check-in-card">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600}>{a.name}</Text>
              <Text size="sm" c="dimmed" truncate>
                {[a.organisation, a.title].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            {a.checkedInAt ? (
              <Badge color="green" size="lg" data-testid="check-in-done">
                {t('events.checkIn.at', { time: formatTime(a.checkedInAt, i18n.language) })}
              </Badge>
            ) : canEdit ? (
              <Button
                size="md"
                miw={96}
                loading={checkIn.isPending && checkIn.variables?.id === a.id}
                onClick={() => checkIn.mutate({ id: a.id })}
                data-testid="check-in-button"
              >
                {t('events.checkIn.action')}
              </Button>
            ) : null}
          </Group>
        </Card>
      ))}
      {shown.length > 50 ? (
        <Text size="sm" c="dimmed">
          {t('events.checkIn.more', { count: shown.length - 50 })}
        </Text>
      ) : null}
      {checkIn.isError ? <ErrorState error={checkIn.error} /> : null}
    </Stack>
  );
}
