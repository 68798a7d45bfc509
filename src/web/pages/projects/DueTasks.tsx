import { useTranslation } from 'react-i18next';
import { useDueTasks } from '../../api/projects.ts';
import { DueList } from '../../components/DueList.tsx';
import { usePipelineRights } from './roles.ts';

/** On the home page: the signed-in officer's open tasks that are overdue or due within a week. */
export function DueTasks() {
  const { t } = useTranslation();
  const rights = usePipelineRights();
  const due = useDueTasks(rights.write);
  if (!rights.write) return null;
  return (
    <DueList
      title={t('pipeline.due.title')}
      testId="due-tasks"
      itemTestId="due-task"
      query={due}
      empty={t('pipeline.due.empty')}
      overdueLabel={t('pipeline.tasks.overdue')}
      item={(task) => ({ ...task, to: `/projects/${task.projectId}`, toLabel: task.projectTitle })}
    />
  );
}
