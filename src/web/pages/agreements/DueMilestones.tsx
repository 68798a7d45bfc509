import { SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDueMilestones } from '../../api/agreements.ts';
import { DueList } from '../../components/DueList.tsx';
import { pickName } from '../../i18n/index.ts';
import { useAgreementRights } from './labels.ts';

/** On the home page: agreement milestones and obligations overdue or due within two weeks, mine or everyone's. */
export function DueMilestones() {
  const { t, i18n } = useTranslation();
  const rights = useAgreementRights();
  const [owner, setOwner] = useState<'me' | 'all'>('me');
  const due = useDueMilestones(owner, rights.notes);
  if (!rights.notes) return null;
  return (
    <DueList
      title={t('agreements.due.title')}
      testId="due-milestones"
      itemTestId="due-milestone"
      query={due}
      empty={t('agreements.due.empty')}
      overdueLabel={t('agreements.milestones.overdue')}
      controls={
        <SegmentedControl
          size="xs"
          value={owner}
          onChange={(v) => setOwner(v as 'me' | 'all')}
          data={[
            { value: 'me', label: t('agreements.due.mine') },
            { value: 'all', label: t('agreements.due.all') },
          ]}
        />
      }
      item={(m) => ({
        id: m.id,
        dueOn: m.dueOn,
        overdue: m.overdue,
        title: (
          <>
            {m.title}
            {owner === 'all' && m.ownerName ? (
              <Text span size="xs" c="dimmed">
                {' '}
                · {m.ownerName}
              </Text>
            ) : null}
          </>
        ),
        to: `/agreements/${m.agreementId}`,
        toLabel: pickName(i18n.language, m.agreementTitleZh, m.agreementTitleEn),
      })}
    />
  );
}
