import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProjects } from '../../../api/projects.ts';
import { Money } from '../../../components/Money.tsx';
import { StageBadge } from '../../projects/StageBadge.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import type { CompanySectionProps } from './sections.tsx';

/** The investment projects this company invests in or was registered as; shown only when there are some. */
export function CompanyProjects({ detail }: CompanySectionProps) {
  const { t } = useTranslation();
  const list = useProjects({ company: detail.company.id, sort: 'updated', order: 'desc' }, 20);
  const first = list.data?.pages[0];
  if (!first || first.items.length === 0) return null;
  return (
    <ProfileSection
      title={t('companyProjects.title')}
      testId="company-projects"
      actions={
        <Anchor component={Link} to={`/projects?company=${detail.company.id}`} size="sm">
          {t('companyProjects.all', { count: first.total })}
        </Anchor>
      }
    >
      <Stack gap={4}>
        {first.items.map((project) => (
          <Group key={project.id} gap="sm" wrap="nowrap" data-testid="company-project">
            <StageBadge stage={project.stage} size="sm" />
            <Anchor component={Link} to={`/projects/${project.id}`} size="sm">
              {project.title}
            </Anchor>
            <Money yuan={project.amountYuan} size="sm" c="dimmed" />
            <Text size="xs" c="dimmed">
              {project.registeredCompanyId === detail.company.id
                ? t('companyProjects.registered')
                : t('companyProjects.investor')}
            </Text>
          </Group>
        ))}
      </Stack>
    </ProfileSection>
  );
}
