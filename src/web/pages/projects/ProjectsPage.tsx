import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { apiUrl, isApiError, type QueryValue } from '../../api/client.ts';
import { useMemberDirectory } from '../../api/members.ts';
import {
  createProject,
  PROJECT_SORT_KEYS,
  type Project,
  type ProjectFilters,
  type ProjectSortKey,
  projectKeys,
  useProjects,
} from '../../api/projects.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { InfiniteList } from '../../components/InfiniteList.tsx';
import { Money } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import { type PipelineLabels, usePipelineLabels } from './labels.ts';
import { ProjectFilterBar, useProjectFilterState } from './ProjectFilterBar.tsx';
import { projectTitleColumn } from './projectColumns.tsx';
import { usePipelineRights } from './roles.ts';
import { SavedViews } from './SavedViews.tsx';
import { StageBadge } from './StageBadge.tsx';
import { UrlFilterChips } from './UrlFilterChips.tsx';
import { urlFiltersFromParams } from './urlFilters.ts';

/** The pipeline as a table: search, stage and source filters, sorting, and "more" through keyset pages. */
export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const rights = usePipelineRights();
  const labels = usePipelineLabels();
  const filterState = useProjectFilterState();
  const [params] = useSearchParams();
  const [sort, setSort] = useState<ProjectSortKey>('updated');
  // A link's filters (a cockpit figure's) hold until taken off; what is picked on the bar narrows or replaces them.
  const filters: ProjectFilters = {
    ...urlFiltersFromParams(params),
    ...filterState.filters,
    sort,
    order: sort === 'title' ? 'asc' : 'desc',
  };
  const list = useProjects(filters);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const first = list.data?.pages[0];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('pipeline.title')}
          </Title>
          <Text c="dimmed">
            {session.role === 'partner' ? t('pipeline.partnerSubtitle') : t('pipeline.subtitle')}
          </Text>
        </Stack>
        <Group gap="sm">
          {first ? (
            <Badge size="lg" variant="light" data-testid="projects-total">
              {t(first.totalIsExact ? 'pipeline.total' : 'pipeline.totalCapped', { count: first.total })}
            </Badge>
          ) : null}
          <Button component={Link} to="/projects/board" variant="default" data-testid="projects-to-board">
            {t('board.open')}
          </Button>
          {rights.notes ? (
            <Button component={Link} to="/projects/funnel" variant="default" data-testid="projects-to-funnel">
              {t('funnel.open')}
            </Button>
          ) : null}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" data-testid="projects-export">
                {t('projectTools.import.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['xlsx', 'csv'] as const).map((format) => (
                <Menu.Item
                  key={format}
                  component="a"
                  href={apiUrl('/api/v1/projects/export', {
                    ...(filterState.filters as Record<string, QueryValue>),
                    format,
                  })}
                  data-testid={`projects-export-${format}`}
                >
                  {t(format === 'xlsx' ? 'projectTools.import.exportXlsx' : 'projectTools.import.exportCsv')}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          {rights.write ? (
            <Button component={Link} to="/projects/import" variant="default" data-testid="projects-to-import">
              {t('projectTools.import.open')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {rights.submit ? <NewLead /> : null}

      <ProjectFilterBar state={filterState}>
        <Select
          label={t('pipeline.sortBy')}
          data={PROJECT_SORT_KEYS.map((key) => ({ value: key, label: t(`pipeline.sort.${key}`) }))}
          value={sort}
          onChange={(value) => setSort((value as ProjectSortKey | null) ?? 'updated')}
          allowDeselect={false}
          w={160}
          data-testid="projects-sort"
        />
      </ProjectFilterBar>
      <Group justify="flex-end">
        <SavedViews
          entity="projects"
          current={{ ...filterState.filters, sort }}
          onOpen={(query) => {
            const { sort: savedSort, order: _order, ...saved } = query;
            filterState.apply(saved);
            setSort(
              PROJECT_SORT_KEYS.includes(savedSort as ProjectSortKey)
                ? (savedSort as ProjectSortKey)
                : 'updated',
            );
          }}
        />
      </Group>

      <UrlFilterChips
        partnerName={partnerOf(items, i18n.language)}
        creditedName={creditedOf(items, i18n.language)}
        companyName={companyOf(items, params.get('company'))}
      />

      <InfiniteList query={list} items={items} empty={t('pipeline.empty')} emptyTestId="projects-empty">
        {(rows) => <ProjectTable items={rows} labels={labels} />}
      </InfiniteList>
    </Stack>
  );
}

/** A title is enough to record a lead; the project page fills in the rest. */
function NewLead() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const create = useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      void navigate(`/projects/${project.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) create.mutate({ title: title.trim() });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('pipeline.newLead')}
            placeholder={t('pipeline.newLeadPlaceholder')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            maxLength={200}
            style={{ flex: 1 }}
            data-testid="new-lead-title"
          />
          <Button
            type="submit"
            loading={create.isPending}
            disabled={!title.trim()}
            data-testid="new-lead-submit"
          >
            {t('pipeline.recordLead')}
          </Button>
        </Group>
        {create.isError ? (
          <Alert color="red" mt="sm">
            {isApiError(create.error) ? (create.error.detail ?? create.error.title) : t('errors.loadFailed')}
          </Alert>
        ) : null}
      </form>
    </Paper>
  );
}

/** The partner a partner-filtered list is about, named by its rows. */
/** With a company filter every row names that company, as its investor or as the company registered. */
function companyOf(items: Project[], id: string | null): string | null {
  const project = items[0];
  if (!project || !id) return null;
  if (project.investorCompany?.id === id) return project.investorCompany.nameZh;
  return project.registeredCompany?.id === id ? project.registeredCompany.nameZh : null;
}

function partnerOf(items: Project[], language: string): string | null {
  const partner = items[0]?.partner;
  return partner ? pickName(language, partner.nameZh, partner.nameEn ?? null) : null;
}

function creditedOf(items: Project[], language: string): string | null {
  const partner = items[0]?.credit.partner;
  return partner ? pickName(language, partner.nameZh, partner.nameEn ?? null) : null;
}

export function investorName(project: Project, labels: PipelineLabels): string | null {
  if (project.investorCompany) return project.investorCompany.nameZh;
  if (!project.prospectName) return null;
  return project.prospectCountry
    ? `${project.prospectName} (${labels.country(project.prospectCountry)})`
    : project.prospectName;
}

function ProjectTable({ items, labels }: { items: Project[]; labels: PipelineLabels }) {
  const { t, i18n } = useTranslation();
  const directory = useMemberDirectory();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const columns: Column<Project>[] = [
    projectTitleColumn(t),
    {
      header: t('pipeline.fields.investor'),
      w: 220,
      cell: (project) => (
        <Text size="sm" truncate>
          {investorName(project, labels) ?? t('common.notRecorded')}
        </Text>
      ),
    },
    { header: t('pipeline.fields.stage'), w: 110, cell: (project) => <StageBadge stage={project.stage} /> },
    {
      header: t('pipeline.fields.amount'),
      w: 150,
      align: 'right',
      cell: (project) => (
        <Group gap={6} justify="flex-end" wrap="nowrap">
          {project.major ? (
            <Badge size="xs" color="grape" variant="light">
              {t('pipeline.major')}
            </Badge>
          ) : null}
          <Money yuan={project.amountYuan} />
        </Group>
      ),
    },
    {
      header: t('pipeline.fields.source'),
      w: 190,
      text: ({ source, partner }) =>
        partner
          ? `${labels.source(source)} · ${pickName(i18n.language, partner.nameZh, partner.nameEn ?? null)}`
          : labels.source(source),
    },
    {
      header: t('projectTools.officer'),
      w: 140,
      cell: (project) => (
        <Text size="sm" truncate data-testid="project-row-officer">
          {project.officerId ? (directory.name(project.officerId) ?? t('board.assigned')) : '—'}
        </Text>
      ),
    },
    {
      header: t('pipeline.fields.stageEnteredAt'),
      w: 120,
      text: (project) => date.format(new Date(project.stageEnteredAt)),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowTestId="project-row"
      minWidth={1120}
      data-testid="projects-table"
    />
  );
}
