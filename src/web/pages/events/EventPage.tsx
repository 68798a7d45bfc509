import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type RsvpState, rsvpStates } from '../../../domain/events.ts';
import { isApiError } from '../../api/client.ts';
import {
  type LodestoneEvent,
  type Organisation,
  useAddAttendee,
  useAttendees,
  useCheckIn,
  useCompanyOptions,
  useCreateLead,
  useEvent,
  useImportAttendees,
  useInviteOrganisation,
  useItinerary,
  useLeads,
  useOutcomes,
  usePartnerOptions,
  useSiteDetails,
  useUpdateAttendee,
} from '../../api/events.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Money } from '../../components/Money.tsx';
import { joinList, pickName } from '../../i18n/index.ts';
import { wanToYuan } from '../../lib/money.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { usePipelineRights } from '../projects/roles.ts';
import { StageBadge } from '../projects/StageBadge.tsx';
import { ItineraryPlanner } from './ItineraryPlanner.tsx';
import { useCanEditEvents } from './roles.ts';
import { formatDateTime } from './time.ts';

/** One event: its facts, the list with RSVP and check-in, the itinerary planner and what it produced. */
export function EventPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  if (event.isPending) return <Skeleton h={240} />;
  if (event.isError) {
    if (isApiError(event.error) && (event.error.status === 404 || event.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  }
  return <EventView event={event.data.event} organisations={event.data.organisations} />;
}

function EventView({ event, organisations }: { event: LodestoneEvent; organisations: Organisation[] }) {
  const { t, i18n } = useTranslation();
  const title = pickName(i18n.language, event.titleZh, event.titleEn);
  const description =
    i18n.language.startsWith('en') && event.descriptionEn ? event.descriptionEn : event.descriptionZh;
  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/events" size="sm">
          {t('events.title')}
        </Anchor>
        <Text size="sm">{title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1} size="h2" data-testid="event-title">
            {title}
          </Title>
          <Badge variant="light">{t(`events.kinds.${event.kind}`)}</Badge>
        </Group>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/events/${event.id}/check-in`}
            variant="light"
            data-testid="event-check-in-link"
          >
            {t('events.checkIn.open')}
          </Button>
          <Button
            component={Link}
            to={`/events/${event.id}/agenda`}
            variant="light"
            data-testid="event-agenda-link"
          >
            {t('events.agenda.open')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="lg" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
          <Fact label={t('events.fields.startsAt')}>{formatDateTime(event.startsAt, i18n.language)}</Fact>
          <Fact label={t('events.fields.endsAt')}>{formatDateTime(event.endsAt, i18n.language)}</Fact>
          <Fact label={t('events.fields.host')}>{event.host ?? t('common.notRecorded')}</Fact>
          <Fact label={t('events.fields.organisers')}>
            {event.organisers.length ? joinList(i18n.language, event.organisers) : t('common.notRecorded')}
          </Fact>
          <Fact label={t('events.fields.venue')}>{event.venue ?? t('common.notRecorded')}</Fact>
          <Fact label={t('events.counts.organisations')}>{organisations.length}</Fact>
        </SimpleGrid>
        {description ? (
          <Text size="sm" mt="md">
            {description}
          </Text>
        ) : null}
      </Paper>
      <Tabs defaultValue="attendees" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="attendees" data-testid="tab-attendees">
            {t('events.tabs.attendees')}
          </Tabs.Tab>
          <Tabs.Tab value="itinerary" data-testid="tab-itinerary">
            {t('events.tabs.itinerary')}
          </Tabs.Tab>
          <Tabs.Tab value="outcomes" data-testid="tab-outcomes">
            {t('events.tabs.outcomes')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="attendees" pt="md">
          <Organisations eventId={event.id} organisations={organisations} />
          <Attendees eventId={event.id} organisations={organisations} />
        </Tabs.Panel>
        <Tabs.Panel value="itinerary" pt="md">
          <Itinerary event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="outcomes" pt="md">
          <EventOutcomes eventId={event.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Organisations({ eventId, organisations }: { eventId: string; organisations: Organisation[] }) {
  const { t } = useTranslation();
  const canEdit = useCanEditEvents();
  const invite = useInviteOrganisation(eventId);
  const partners = usePartnerOptions();
  const [search, setSearch] = useState('');
  const companies = useCompanyOptions(search);
  const [name, setName] = useState('');
  return (
    <Paper withBorder p="md" radius="md" mb="md">
      <Stack gap="sm">
        <Text fw={600}>{t('events.organisations.title', { count: organisations.length })}</Text>
        <Group gap={6} data-testid="organisations">
          {organisations.map((o) => (
            <Badge key={o.id} variant="light" color={o.partnerId ? 'grape' : o.companyId ? 'blue' : 'gray'}>
              {o.name}
            </Badge>
          ))}
        </Group>
        {canEdit ? (
          <Group align="flex-end">
            <Select
              label={t('events.organisations.partner')}
              data={(partners.data ?? []).map((p) => ({ value: p.id, label: p.nameZh }))}
              searchable
              value={null}
              onChange={(v) => v && invite.mutate({ partnerId: v })}
            />
            <Select
              label={t('events.organisations.company')}
              data={(companies.data ?? []).map((c) => ({ value: c.id, label: c.nameZh }))}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              value={null}
              onChange={(v) => v && invite.mutate({ companyId: v }, { onSuccess: () => setSearch('') })}
            />
            <TextInput
              label={t('events.organisations.byName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Button
              variant="light"
              disabled={!name.trim()}
              onClick={() => invite.mutate({ name }, { onSuccess: () => setName('') })}
            >
              {t('events.organisations.invite')}
            </Button>
          </Group>
        ) : null}
        {invite.isError ? <ErrorState error={invite.error} /> : null}
      </Stack>
    </Paper>
  );
}

function Attendees({ eventId, organisations }: { eventId: string; organisations: Organisation[] }) {
  const { t, i18n } = useTranslation();
  const canEdit = useCanEditEvents();
  const list = useAttendees(eventId);
  const update = useUpdateAttendee(eventId);
  const checkIn = useCheckIn(eventId);
  const add = useAddAttendee(eventId);
  const importList = useImportAttendees(eventId);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const importErrors =
    isApiError(importList.error) && Array.isArray(importList.error.problem?.errors)
      ? (importList.error.problem.errors as { row: number; message: string }[])
      : [];
  return (
    <Stack gap="md">
      {canEdit ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group align="flex-end">
              <TextInput
                label={t('events.attendees.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-testid="attendee-name"
              />
              <Select
                label={t('events.attendees.organisation')}
                data={organisations.map((o) => ({ value: o.id, label: o.name }))}
                value={organisationId}
                onChange={setOrganisationId}
                searchable
                clearable
              />
              <Button
                disabled={!name.trim()}
                loading={add.isPending}
                onClick={() => add.mutate({ name, organisationId }, { onSuccess: () => setName('') })}
                data-testid="attendee-add"
              >
                {t('events.attendees.add')}
              </Button>
            </Group>
            {add.isError ? <ErrorState error={add.error} /> : null}
            <Group align="flex-end">
              <FileInput
                label={t('events.attendees.import')}
                description={t('events.attendees.importHint')}
                accept=".xlsx"
                value={file}
                onChange={setFile}
                w={320}
              />
              <Button
                variant="light"
                disabled={!file}
                loading={importList.isPending}
                onClick={() => file && importList.mutate(file, { onSuccess: () => setFile(null) })}
              >
                {t('events.attendees.importRun')}
              </Button>
              {importList.data ? (
                <Text size="sm" c="green">
                  {t('events.attendees.imported', { count: importList.data.imported })}
                </Text>
              ) : null}
            </Group>
            {importList.isError ? (
              <Stack gap={4}>
                <ErrorState error={importList.error} />
                {importErrors.length ? (
                  <List size="sm">
                    {importErrors.map((e) => (
                      <List.Item key={e.row}>{t('events.attendees.rowError', e)}</List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            ) : null}
          </Stack>
        </Paper>
      ) : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Paper withBorder radius="md">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('events.attendees.name')}</Table.Th>
              <Table.Th>{t('events.attendees.organisation')}</Table.Th>
              <Table.Th>{t('events.attendees.title')}</Table.Th>
              <Table.Th>{t('events.attendees.invitation')}</Table.Th>
              <Table.Th>{t('events.attendees.rsvp')}</Table.Th>
              <Table.Th>{t('events.attendees.checkedIn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data ?? []).map((a) => (
              <Table.Tr key={a.id} data-testid="attendee-row">
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{a.organisation ?? '—'}</Table.Td>
                <Table.Td>{a.title ?? '—'}</Table.Td>
                <Table.Td>{t(`events.invitation.${a.invitation}`)}</Table.Td>
                <Table.Td>
                  {canEdit ? (
                    <Select
                      size="xs"
                      w={120}
                      data={rsvpStates.map((r) => ({ value: r, label: t(`events.rsvp.${r}`) }))}
                      value={a.rsvp}
                      allowDeselect={false}
                      aria-label={t('events.attendees.rsvp')}
                      onChange={(v) => v && update.mutate({ id: a.id, rsvp: v as RsvpState })}
                    />
                  ) : (
                    t(`events.rsvp.${a.rsvp}`)
                  )}
                </Table.Td>
                <Table.Td>
                  {a.checkedInAt ? (
                    <Badge color="green" variant="light" data-testid="attendee-checked-in">
                      {formatDateTime(a.checkedInAt, i18n.language)}
                    </Badge>
                  ) : canEdit ? (
                    <Button size="xs" variant="light" onClick={() => checkIn.mutate({ id: a.id })}>
                      {t('events.checkIn.action')}
                    </Button>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function Itinerary({ event }: { event: LodestoneEvent }) {
  const canEdit = useCanEditEvents();
  const saved = useItinerary(event.id);
  const sites = useSiteDetails();
  if (saved.isError) return <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />;
  if (sites.isError) return <ErrorState error={sites.error} onRetry={() => void sites.refetch()} />;
  if (!saved.data || !sites.data) return <Skeleton h={200} />;
  return <ItineraryPlanner event={event} saved={saved.data} sites={sites.data} canEdit={canEdit} />;
}

function EventOutcomes({ eventId }: { eventId: string }) {
  const { t, i18n } = useTranslation();
  const outcomes = useOutcomes(eventId);
  const leads = useLeads(eventId);
  const rights = usePipelineRights();
  if (outcomes.isError) return <ErrorState error={outcomes.error} onRetry={() => void outcomes.refetch()} />;
  const o = outcomes.data;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const figure = (key: string, value: ReactNode, testId: string) => (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed">
        {t(`events.outcomes.${key}`)}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
  return (
    <Stack gap="md">
      {o ? (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          {figure('attendees', o.attendees, 'outcome-attendees')}
          {figure('checkedIn', o.checkedIn, 'outcome-checked-in')}
          {figure('attendingParties', o.attendingParties, 'outcome-parties')}
          {figure('leads', o.leads, 'outcome-leads')}
          {figure('projectsSigned', o.projectsSigned, 'outcome-signed')}
          {figure('amountSigned', <Money yuan={o.amountSignedYuan} size="xl" fw={700} />, 'outcome-amount')}
          {figure(
            'conversion',
            o.conversion === null ? '—' : percent.format(o.conversion),
            'outcome-conversion',
          )}
        </SimpleGrid>
      ) : (
        <Skeleton h={80} />
      )}
      {o?.byMonth.length ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('events.outcomes.month')}</Table.Th>
              <Table.Th>{t('events.outcomes.leads')}</Table.Th>
              <Table.Th>{t('events.outcomes.projectsSigned')}</Table.Th>
              <Table.Th>{t('events.outcomes.amountSigned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.byMonth.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Td>{m.month}</Table.Td>
                <Table.Td>{m.leads}</Table.Td>
                <Table.Td>{m.signed}</Table.Td>
                <Table.Td>
                  <Money yuan={m.amountSignedYuan} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {rights.write ? <NewLead eventId={eventId} /> : null}
      <Paper withBorder radius="md">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('events.leads.title')}</Table.Th>
              <Table.Th>{t('events.leads.stage')}</Table.Th>
              <Table.Th>{t('events.leads.amount')}</Table.Th>
              <Table.Th>{t('events.leads.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(leads.data ?? []).map((l) => (
              <Table.Tr key={l.id} data-testid="lead-row">
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${l.id}`}>
                    {l.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StageBadge stage={l.stage} />
                </Table.Td>
                <Table.Td>
                  <Money yuan={l.amountYuan} />
                </Table.Td>
                <Table.Td>{formatDateTime(l.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function NewLead({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateLead(eventId);
  const [title, setTitle] = useState('');
  const [prospect, setProspect] = useState('');
  const [wan, setWan] = useState('');
  const yuan = wan.trim() ? wanToYuan(wan.trim()) : null;
  return (
    <Paper withBorder p="md" radius="md">
      <Group align="flex-end">
        <TextInput
          label={t('events.leads.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="new-lead-from-event-title"
        />
        <TextInput
          label={t('events.leads.prospect')}
          value={prospect}
          onChange={(e) => setProspect(e.currentTarget.value)}
        />
        <TextInput
          label={t('events.leads.amountWan')}
          value={wan}
          onChange={(e) => setWan(e.currentTarget.value)}
          error={wan.trim() && yuan === null ? t('events.leads.badAmount') : undefined}
        />
        <Button
          disabled={!title.trim() || (wan.trim() !== '' && yuan === null)}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { title, prospectName: prospect.trim() || null, amount: yuan },
              { onSuccess: (lead) => void navigate(`/projects/${lead.id}`) },
            )
          }
          data-testid="new-lead-from-event"
        >
          {t('events.leads.create')}
        </Button>
      </Group>
      {create.isError ? <ErrorState error={create.error} /> : null}
    </Paper>
  );
}
