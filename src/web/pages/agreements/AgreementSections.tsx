import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type IntroducerRole,
  introducerRoles,
  type MilestoneKind,
  milestoneKinds,
} from '../../../domain/agreements.ts';
import {
  type Agreement,
  addMilestone,
  agreementKeys,
  attachmentUrl,
  registerIntroducer,
  updateMilestone,
  uploadAttachment,
  useAgreementAudit,
  useAttachments,
  useIntroducers,
  useMilestones,
  useOwners,
} from '../../api/agreements.ts';
import { api, isApiError } from '../../api/client.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useAgreementLabels, useAgreementRights } from './labels.ts';

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

const problemText = (error: unknown, fallback: string) =>
  isApiError(error) ? (error.detail ?? error.title) : fallback;

const todayHere = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Obligations and milestones, due and overdue, with a form to add one and a button to record one done. */
export function MilestonesSection({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const rights = useAgreementRights();
  const session = useCurrentSession();
  const labels = useAgreementLabels();
  const queryClient = useQueryClient();
  const milestones = useMilestones(agreement.id);
  const owners = useOwners(rights.write);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MilestoneKind>('milestone');
  const [owner, setOwner] = useState<string | null>(session.user.id);
  const [ownerName, setOwnerName] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: agreementKeys.all });
  const add = useMutation({
    mutationFn: () =>
      addMilestone(agreement.id, {
        kind,
        title: title.trim(),
        ownerUserId: owner === 'text' ? null : owner,
        ownerName: owner === 'text' ? ownerName.trim() || null : null,
        dueOn: dueOn || null,
      }),
    onSuccess: () => {
      setTitle('');
      setDueOn('');
      refresh();
    },
  });
  const done = useMutation({
    mutationFn: (id: string) => updateMilestone(agreement.id, id, { doneOn: todayHere() }),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t('agreements.form.required'));
    if (dueOn && agreement.signedOn && dueOn < agreement.signedOn)
      return setError(t('agreements.milestones.beforeSigning', { date: agreement.signedOn }));
    setError(null);
    add.mutate();
  };
  return (
    <Panel title={t('agreements.milestones.title')} testId="agreement-milestones">
      {milestones.isPending ? (
        <Skeleton h={40} />
      ) : milestones.isError ? (
        <ErrorState error={milestones.error} onRetry={() => void milestones.refetch()} />
      ) : milestones.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.milestones.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {milestones.data.map((m) => (
              <Table.Tr key={m.id} data-testid="milestone-row">
                <Table.Td w={100}>
                  <Text size="sm" ff="monospace">
                    {m.dueOn ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Badge size="xs" variant="outline" color="gray">
                      {labels.milestoneKind(m.kind)}
                    </Badge>
                    <Text size="sm" td={m.doneOn ? 'line-through' : undefined}>
                      {m.title}
                    </Text>
                    {m.overdue ? (
                      <Badge size="xs" color="red" variant="light" data-testid="milestone-overdue">
                        {t('agreements.milestones.overdue')}
                      </Badge>
                    ) : null}
                    {m.doneOn ? (
                      <Badge size="xs" color="green" variant="light">
                        {t('agreements.milestones.doneOn', { date: m.doneOn })}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td w={160}>
                  <Text size="sm" c="dimmed">
                    {m.ownerName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td w={100}>
                  {rights.write && !m.doneOn ? (
                    <Button size="compact-xs" variant="light" onClick={() => done.mutate(m.id)}>
                      {t('agreements.milestones.markDone')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rights.write ? (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('agreements.milestones.kind')}
              data={milestoneKinds.map((k) => ({ value: k, label: labels.milestoneKind(k) }))}
              value={kind}
              onChange={(v) => v && setKind(v as MilestoneKind)}
              allowDeselect={false}
              w={120}
            />
            <TextInput
              label={t('agreements.milestones.what')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={300}
              style={{ flex: 1, minWidth: 200 }}
              data-testid="milestone-title"
            />
            <Select
              label={t('agreements.milestones.owner')}
              data={[
                ...(owners.data ?? []).map((o) => ({ value: o.userId, label: o.displayName })),
                { value: 'text', label: t('agreements.milestones.ownerByName') },
              ]}
              value={owner}
              onChange={setOwner}
              w={160}
            />
            {owner === 'text' ? (
              <TextInput
                label={t('agreements.milestones.ownerName')}
                value={ownerName}
                onChange={(e) => setOwnerName(e.currentTarget.value)}
                maxLength={200}
                w={160}
              />
            ) : null}
            <TextInput
              type="date"
              label={t('agreements.milestones.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              w={160}
              data-testid="milestone-due"
            />
            <Button type="submit" loading={add.isPending} data-testid="milestone-add">
              {t('agreements.milestones.add')}
            </Button>
          </Group>
          {error || add.isError ? (
            <Alert color="red" mt="sm" data-testid="milestone-error">
              {error ?? problemText(add.error, t('errors.loadFailed'))}
            </Alert>
          ) : null}
        </form>
      ) : null}
    </Panel>
  );
}

const size = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Documents with their size and checksum; officers upload more. */
export function AttachmentsSection({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const rights = useAgreementRights();
  const queryClient = useQueryClient();
  const attachments = useAttachments(agreement.id);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(agreement.id, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.all }),
  });
  return (
    <Panel title={t('agreements.attachments.title')} testId="agreement-attachments">
      {attachments.isPending ? (
        <Skeleton h={40} />
      ) : attachments.isError ? (
        <ErrorState error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : attachments.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.attachments.empty')}
        </Text>
      ) : (
        attachments.data.map((a) => (
          <Group key={a.id} gap="sm" wrap="nowrap" data-testid="attachment-row">
            <Anchor
              href={attachmentUrl(agreement.id, a.id)}
              size="sm"
              style={{ flex: 1 }}
              download={a.fileName}
            >
              {a.fileName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {size(a.sizeBytes)} · {when.format(new Date(a.uploadedAt))}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace" title={a.sha256}>
              SHA-256 {a.sha256.slice(0, 12)}…
            </Text>
          </Group>
        ))
      )}
      {rights.write ? (
        <Group gap="sm">
          <FileButton onChange={(file) => file && upload.mutate(file)}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                size="xs"
                loading={upload.isPending}
                data-testid="attachment-upload"
              >
                {t('agreements.attachments.upload')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('agreements.attachments.hint')}
          </Text>
        </Group>
      ) : null}
      {upload.isError ? (
        <Alert color="red" data-testid="attachment-error">
          {problemText(upload.error, t('errors.loadFailed'))}
        </Alert>
      ) : null}
    </Panel>
  );
}

/** Introducers registered under a commissioned-promotion agreement, and a form to register one. */
export function IntroducersSection({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const rights = useAgreementRights();
  const labels = useAgreementLabels();
  const queryClient = useQueryClient();
  const registrations = useIntroducers(agreement.id, true);
  const [target, setTarget] = useState<'project' | 'prospect'>('project');
  const [projectId, setProjectId] = useState<string | null>(null);
  const [prospect, setProspect] = useState('');
  const [role, setRole] = useState<IntroducerRole>('information');
  const [registeredOn, setRegisteredOn] = useState(todayHere());
  const projects = useQuery({
    queryKey: ['projects', 'options'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; title: string }[] }>(
        '/api/v1/projects',
        { limit: 200, sort: 'title', order: 'asc' },
        signal,
      ),
    select: (d) => d.items.map((p) => ({ value: p.id, label: p.title })),
    enabled: rights.write,
  });
  const register = useMutation({
    mutationFn: () =>
      registerIntroducer(agreement.id, {
        projectId: target === 'project' ? projectId : null,
        prospectName: target === 'prospect' ? prospect.trim() : null,
        role,
        registeredOn,
      }),
    onSuccess: () => {
      setProspect('');
      void queryClient.invalidateQueries({ queryKey: agreementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
  const canRegister = agreement.status === 'signed' || agreement.status === 'in_force';
  return (
    <Panel title={t('agreements.introducers.title')} testId="agreement-introducers">
      <Text size="xs" c="dimmed">
        {t('agreements.introducers.rule')}
      </Text>
      {registrations.isPending ? (
        <Skeleton h={40} />
      ) : registrations.isError ? (
        <ErrorState error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : registrations.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.introducers.empty')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {registrations.data.map((r) => (
              <Table.Tr key={r.id} data-testid="registration-row">
                <Table.Td w={100}>
                  <Text size="sm" ff="monospace">
                    {r.registeredOn}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.project ? (
                    <Anchor component={Link} to={`/projects/${r.project.id}`} size="sm">
                      {r.project.title}
                    </Anchor>
                  ) : (
                    <Text size="sm">{r.prospectName}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {r.partner ? pickName(i18n.language, r.partner.nameZh, r.partner.nameEn) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td w={120}>
                  <Badge size="xs" variant="light">
                    {labels.introducerRole(r.role)}
                  </Badge>
                </Table.Td>
                <Table.Td w={140}>
                  {r.project && !r.beforeSigning ? (
                    <Badge size="xs" color="gray" variant="light">
                      {t('agreements.introducers.afterSigning')}
                    </Badge>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rights.write && canRegister ? (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            value={target}
            onChange={(v) => setTarget(v as 'project' | 'prospect')}
            data={[
              { value: 'project', label: t('agreements.introducers.project') },
              { value: 'prospect', label: t('agreements.introducers.prospect') },
            ]}
          />
          {target === 'project' ? (
            <Select
              label={t('agreements.introducers.project')}
              data={projects.data ?? []}
              value={projectId}
              onChange={setProjectId}
              searchable
              w={260}
            />
          ) : (
            <TextInput
              label={t('agreements.introducers.prospect')}
              value={prospect}
              onChange={(e) => setProspect(e.currentTarget.value)}
              maxLength={200}
              w={260}
            />
          )}
          <Select
            label={t('agreements.introducers.role')}
            data={introducerRoles.map((r) => ({ value: r, label: labels.introducerRole(r) }))}
            value={role}
            onChange={(v) => v && setRole(v as IntroducerRole)}
            allowDeselect={false}
            w={150}
          />
          <TextInput
            type="date"
            label={t('agreements.introducers.registeredOn')}
            value={registeredOn}
            onChange={(e) => setRegisteredOn(e.currentTarget.value)}
            w={160}
          />
          <Button
            onClick={() => register.mutate()}
            loading={register.isPending}
            disabled={target === 'project' ? !projectId : !prospect.trim()}
          >
            {t('agreements.introducers.register')}
          </Button>
        </Group>
      ) : null}
      {register.isError ? (
        <Alert color="red">{problemText(register.error, t('errors.loadFailed'))}</Alert>
      ) : null}
    </Panel>
  );
}

/** Every change to the agreement and what hangs from it, newest first, from the audit trail. */
export function AgreementHistory({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const audit = useAgreementAudit(agreement.id, true);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Panel title={t('agreements.history.title')} testId="agreement-history">
      {audit.isPending ? (
        <Skeleton h={60} />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        audit.data.map((entry) => {
          const before = entry.before ?? {};
          const after = entry.after ?? {};
          const changed = Object.keys(after).filter(
            (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
          );
          return (
            <Text size="sm" key={entry.id} data-testid="history-entry">
              <Text span c="dimmed" size="xs">
                {when.format(new Date(entry.at))} · {entry.actorEmail}
              </Text>{' '}
              {t(`agreements.history.entities.${entry.entity}`)} · {t(`audit.actions.${entry.action}`)}
              {entry.action === 'update' ? `: ${changed.join(', ')}` : ''}
            </Text>
          );
        })
      )}
    </Panel>
  );
}
