import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useMemberDirectory } from '../../api/members.ts';
import { type Project, useProject } from '../../api/projects.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Money } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ProjectActivities, ProjectTasks } from './FollowUps.tsx';
import { usePipelineLabels } from './labels.ts';
import { ProjectEditForm } from './ProjectEditForm.tsx';
import { investorName } from './ProjectsPage.tsx';
import { ProjectAudit, StageTimeline } from './ProjectTimeline.tsx';
import { usePipelineRights } from './roles.ts';
import { StageBadge } from './StageBadge.tsx';
import { StageMove } from './StageMove.tsx';

/** One project: its facts, the stage control, the timeline of stages, follow-ups and audit entries. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  if (project.isPending) {
    return (
      <Stack gap="lg">
        <Skeleton h={40} w="50%" />
        <Skeleton h={240} />
      </Stack>
    );
  }
  if (project.isError) {
    if (isApiError(project.error) && (project.error.status === 404 || project.error.status === 400))
      return <NotFoundPage />;
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} />;
  }
  return <ProjectView project={project.data} />;
}

function ProjectView({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const rights = usePipelineRights();
  const directory = useMemberDirectory();
  const [editing, setEditing] = useState(false);
  const none = (
    <Text size="sm" c="dimmed">
      {t('common.notRecorded')}
    </Text>
  );
  const text = (value: string | number | null | undefined) =>
    value === null || value === undefined || value === '' ? none : <Text size="sm">{value}</Text>;
  const asEntered = new Intl.NumberFormat(i18n.language);

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/projects" size="sm">
          {t('pipeline.title')}
        </Anchor>
        <Text size="sm">{project.title}</Text>
      </Breadcrumbs>
      <Group gap="sm" align="center">
        <Title order={1} size="h2" data-testid="project-title">
          {project.title}
        </Title>
        <StageBadge stage={project.stage} size="lg" testId="project-stage" />
        {project.stageReason ? <Text c="dimmed">{labels.reason(project.stageReason)}</Text> : null}
        {project.major ? (
          <Badge color="grape" variant="light">
            {t('pipeline.major')}
          </Badge>
        ) : null}
        {rights.write ? (
          <Button variant="light" ml="auto" onClick={() => setEditing(true)} data-testid="project-edit">
            {t('projectTools.form.edit')}
          </Button>
        ) : null}
      </Group>
      {editing ? <ProjectEditForm project={project} onClose={() => setEditing(false)} /> : null}

      <Paper withBorder p="lg" radius="md" data-testid="project-facts">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
          <Fact label={t('projectTools.form.code')}>{text(project.code)}</Fact>
          <Fact label={t('pipeline.fields.investor')}>{text(investorName(project, labels))}</Fact>
          <Fact label={t('pipeline.fields.amount')}>
            {project.amount === null ? (
              none
            ) : (
              <Stack gap={0}>
                <Money yuan={project.amountYuan} />
                {project.currency !== 'CNY' ? (
                  <Text size="xs" c="dimmed">
                    {t('pipeline.asEntered', {
                      amount: asEntered.format(BigInt(project.amount)),
                      currency: project.currency,
                    })}
                  </Text>
                ) : null}
              </Stack>
            )}
          </Fact>
          <Fact label={t('pipeline.fields.kind')}>
            {text(project.kind ? labels.kind(project.kind) : null)}
          </Fact>
          <Fact label={t('pipeline.fields.foreignFunded')}>
            {text(project.foreignFunded ? t('pipeline.yes') : t('pipeline.no'))}
          </Fact>
          <Fact label={t('pipeline.fields.industry')}>{text(project.industryCode)}</Fact>
          <Fact label={t('pipeline.fields.cluster')}>
            {text(project.clusterId ? labels.cluster(project.clusterId) : null)}
          </Fact>
          <Fact label={t('pipeline.fields.town')}>
            {text(project.townCode ? labels.town(project.townCode) : null)}
          </Fact>
          <Fact label={t('pipeline.fields.expectedJobs')}>{text(project.expectedJobs)}</Fact>
          <Fact label={t('pipeline.fields.expectedOutput')}>
            {project.expectedOutputYuan ? <Money yuan={project.expectedOutputYuan} /> : none}
          </Fact>
          <Fact label={t('pipeline.fields.expectedTax')}>
            {project.expectedTaxYuan ? <Money yuan={project.expectedTaxYuan} /> : none}
          </Fact>
          <Fact label={t('projectTools.officer')}>
            <span data-testid="project-officer">
              {text(project.officerId ? (directory.name(project.officerId) ?? t('board.assigned')) : null)}
            </span>
          </Fact>
          <Fact label={t('pipeline.fields.priority')}>{text(labels.priority(project.priority))}</Fact>
          <Fact label={t('pipeline.fields.source')}>
            {text(
              project.partner
                ? `${labels.source(project.source)} · ${pickName(i18n.language, project.partner.nameZh, project.partner.nameEn ?? null)}`
                : labels.source(project.source),
            )}
          </Fact>
          <Fact label={t('agreements.credit.label')}>
            <Text size="sm" data-testid="project-credit">
              {project.credit.partner
                ? `${pickName(i18n.language, project.credit.partner.nameZh, project.credit.partner.nameEn ?? null)} · ${t(`agreements.credit.${project.credit.basis}`)}`
                : t('agreements.credit.none')}
            </Text>
          </Fact>
          <Fact label={t('pipeline.fields.registeredCompany')}>
            {project.registeredCompany ? (
              rights.notes ? (
                <Anchor component={Link} to={`/companies/${project.registeredCompany.id}`} size="sm">
                  {project.registeredCompany.nameZh}
                </Anchor>
              ) : (
                text(project.registeredCompany.nameZh)
              )
            ) : (
              none
            )}
          </Fact>
        </SimpleGrid>
        {project.description ? (
          <Text size="sm" mt="md">
            {project.description}
          </Text>
        ) : null}
      </Paper>

      {rights.write ? <StageMove project={project} /> : null}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <StageTimeline projectId={project.id} />
        {rights.notes ? (
          <Stack gap="lg">
            <ProjectTasks projectId={project.id} canWrite={rights.write} />
            <ProjectActivities projectId={project.id} canWrite={rights.write} />
          </Stack>
        ) : null}
      </SimpleGrid>
      {rights.notes ? <ProjectAudit projectId={project.id} /> : null}
    </Stack>
  );
}
