import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { AgreementStatus } from '../../../domain/agreements.ts';
import type { Stage } from '../../../domain/project-stages.ts';
import {
  type Agreement,
  agreementKeys,
  moveAgreement,
  renewAgreement,
  useAgreement,
} from '../../api/agreements.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { StageBadge } from '../projects/StageBadge.tsx';
import {
  AgreementHistory,
  AttachmentsSection,
  IntroducersSection,
  MilestonesSection,
} from './AgreementSections.tsx';
import { AgreementStatusBadge } from './AgreementStatusBadge.tsx';
import { useAgreementLabels, useAgreementRights } from './labels.ts';

export function AgreementPage() {
  const { id = '' } = useParams();
  const agreement = useAgreement(id);
  if (agreement.isPending)
    return (
      <Stack gap="lg">
        <Skeleton h={40} w="50%" />
        <Skeleton h={240} />
      </Stack>
    );
  if (agreement.isError) {
    if (isApiError(agreement.error) && (agreement.error.status === 404 || agreement.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={agreement.error} onRetry={() => void agreement.refetch()} />;
  }
  return <AgreementView agreement={agreement.data} />;
}

function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useCurrentSession();
  const rights = useAgreementRights();
  const labels = useAgreementLabels();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (to: AgreementStatus) => moveAgreement(agreement.id, to),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agreementKeys.all }),
  });
  const renew = useMutation({
    mutationFn: () => renewAgreement(agreement.id),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: agreementKeys.all });
      void navigate(`/agreements/${created.id}/edit`);
    },
  });
  const canRenew =
    ['signed', 'in_force', 'expired'].includes(agreement.status) && !agreement.renewedBy.length;
  const error = move.error ?? renew.error;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/agreements" size="sm">
          {t('agreements.title')}
        </Anchor>
        <Text size="sm">{agreement.referenceNo ?? labels.kind(agreement.kind)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} size="h2" data-testid="agreement-title">
            {labels.title(agreement)}
          </Title>
          <Group gap="sm">
            <AgreementStatusBadge status={agreement.status} />
            <Text c="dimmed" size="sm">
              {labels.kind(agreement.kind)}
            </Text>
          </Group>
        </Stack>
        {rights.write ? (
          <Group gap="xs" data-testid="agreement-actions">
            {agreement.allowedMoves.map((to) => (
              <Button
                key={to}
                size="xs"
                variant={to === 'terminated' ? 'light' : 'filled'}
                color={to === 'terminated' ? 'red' : undefined}
                onClick={() => move.mutate(to)}
                loading={move.isPending && move.variables === to}
                data-testid={`agreement-move-${to}`}
              >
                {t(`agreements.moves.${to}`)}
              </Button>
            ))}
            {canRenew ? (
              <Button size="xs" variant="default" onClick={() => renew.mutate()} loading={renew.isPending}>
                {t('agreements.renew')}
              </Button>
            ) : null}
            <Button size="xs" variant="default" component={Link} to={`/agreements/${agreement.id}/edit`}>
              {t('agreements.edit')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {error ? (
        <Alert color="red">{isApiError(error) ? (error.detail ?? error.title) : String(error)}</Alert>
      ) : null}

      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Fact label={t('agreements.fields.referenceNo')}>{agreement.referenceNo ?? '—'}</Fact>
          <Fact label={t('agreements.fields.signedOn')}>{agreement.signedOn ?? '—'}</Fact>
          <Fact label={t('agreements.fields.term')}>
            {agreement.termStart ?? '…'} – {agreement.termEnd ?? '…'}
          </Fact>
          <Fact label={t('agreements.fields.renews')}>
            {agreement.renewsId ? (
              <Anchor component={Link} to={`/agreements/${agreement.renewsId}`} size="sm">
                {t('agreements.renewsLink')}
              </Anchor>
            ) : agreement.renewedBy[0] ? (
              <Anchor component={Link} to={`/agreements/${agreement.renewedBy[0].id}`} size="sm">
                {t('agreements.renewedByLink')}
              </Anchor>
            ) : (
              '—'
            )}
          </Fact>
        </SimpleGrid>
        {agreement.summary ? (
          <Text size="sm" mt="md">
            {agreement.summary}
          </Text>
        ) : null}
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md" data-testid="agreement-parties">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('agreements.fields.parties')}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {agreement.parties.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td w={90}>
                      <Text size="sm" c="dimmed">
                        {p.role ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{labels.party(p, session.tenant.nameZh)}</Text>
                    </Table.Td>
                    <Table.Td w={120}>
                      <Text size="xs" c="dimmed">
                        {labels.partyKind(p.kind)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" data-testid="agreement-projects">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('agreements.fields.projects')}
            </Title>
            {agreement.projects.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('agreements.noProjects')}
              </Text>
            ) : (
              agreement.projects.map((p) => (
                <Group key={p.id} gap="sm">
                  <StageBadge stage={p.stage as Stage} />
                  <Anchor component={Link} to={`/projects/${p.id}`} size="sm">
                    {p.title}
                  </Anchor>
                </Group>
              ))
            )}
          </Stack>
        </Paper>
      </SimpleGrid>

      <MilestonesSection agreement={agreement} />
      <AttachmentsSection agreement={agreement} />
      {agreement.kind === 'commissioned_promotion' ? <IntroducersSection agreement={agreement} /> : null}
      {rights.notes ? <AgreementHistory agreement={agreement} /> : null}
    </Stack>
  );
}
