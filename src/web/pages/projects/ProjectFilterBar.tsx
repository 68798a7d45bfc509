import { Checkbox, Group, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { projectSources } from '../../../domain/pipeline-enums.ts';
import { stages } from '../../../domain/project-stages.ts';
import { useMemberDirectory } from '../../api/members.ts';
import type { ProjectFilterValues } from '../../api/projects.ts';
import { usePipelineLabels } from './labels.ts';

/** The filters the table and the board share: what the user typed and picked, and the query they make. */
export function useProjectFilterState() {
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [stage, setStage] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [major, setMajor] = useState(false);
  const [officer, setOfficer] = useState<string | null>(null);
  const filters: ProjectFilterValues = {
    ...(debouncedQ ? { q: debouncedQ } : {}),
    ...(stage ? { stage } : {}),
    ...(source ? { source } : {}),
    ...(major ? { major: true } : {}),
    ...(officer ? { officer } : {}),
  };
  /** Replaces every filter at once, as a saved view does; parameters this bar does not offer are left out. */
  const apply = (values: Record<string, string | boolean | undefined>) => {
    const text = (v: string | boolean | undefined) => (typeof v === 'string' && v ? v : null);
    setQ(text(values.q) ?? '');
    setStage(text(values.stage));
    setSource(text(values.source));
    setMajor(values.major === true);
    setOfficer(text(values.officer));
  };
  return {
    q,
    setQ,
    stage,
    setStage,
    source,
    setSource,
    major,
    setMajor,
    officer,
    setOfficer,
    apply,
    filters,
  };
}

export type ProjectFilterState = ReturnType<typeof useProjectFilterState>;

/**
 * Search, stage, source, officer and major-project filters. The board leaves out the stage filter (its columns are the
 * stages); `children` adds controls of the page's own, such as the table's sort.
 */
export function ProjectFilterBar({
  state,
  withStage = true,
  children,
}: {
  state: ProjectFilterState;
  withStage?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const directory = useMemberDirectory();
  return (
    <Paper withBorder p="md" radius="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('pipeline.search')}
          placeholder={t('pipeline.searchPlaceholder')}
          value={state.q}
          onChange={(event) => state.setQ(event.currentTarget.value)}
          w={240}
          data-testid="projects-search"
        />
        {withStage ? (
          <Select
            label={t('pipeline.fields.stage')}
            placeholder={t('pipeline.any')}
            data={stages.map((s) => ({ value: s, label: labels.stage(s) }))}
            value={state.stage}
            onChange={state.setStage}
            clearable
            w={160}
            data-testid="projects-stage-filter"
          />
        ) : null}
        <Select
          label={t('pipeline.fields.source')}
          placeholder={t('pipeline.any')}
          data={projectSources.map((s) => ({ value: s, label: labels.source(s) }))}
          value={state.source}
          onChange={state.setSource}
          clearable
          w={180}
          data-testid="projects-source-filter"
        />
        {directory.staff.length ? (
          <Select
            label={t('projectTools.officer')}
            placeholder={t('pipeline.any')}
            data={[
              { value: 'me', label: t('projectTools.me') },
              ...directory.staff.map((m) => ({ value: m.id, label: m.displayName })),
            ]}
            value={state.officer}
            onChange={state.setOfficer}
            clearable
            searchable
            w={180}
            data-testid="projects-officer-filter"
          />
        ) : null}
        {children}
        <Checkbox
          label={t('pipeline.majorOnly')}
          checked={state.major}
          onChange={(event) => state.setMajor(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
    </Paper>
  );
}
