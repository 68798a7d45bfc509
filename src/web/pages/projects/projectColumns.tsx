import { Anchor } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Project } from '../../api/projects.ts';
import type { Column } from '../../components/DataTable.tsx';

/** The title column every project table leads with: a link to the project. */
export function projectTitleColumn(t: TFunction): Column<Project> {
  return {
    header: t('pipeline.fields.title'),
    cell: (project) => (
      <Anchor component={Link} to={`/projects/${project.id}`} size="sm" fw={500}>
        {project.title}
      </Anchor>
    ),
  };
}
