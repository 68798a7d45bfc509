import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holdReasons, lossReasons, type Stage } from '../../../../domain/project-stages.ts';
import type { Project } from '../../../api/projects.ts';
import { usePipelineLabels } from '../labels.ts';

export interface MoveDetails {
  reason?: string;
  note?: string;
  creditCode?: string;
}

/**
 * Asks for what a drop cannot carry: the reason for pausing or losing a project, or the credit code of the
 * company a prospect registered as. Cancelling leaves the project where it was.
 */
export function MoveDetailsModal({
  project,
  to,
  need,
  pending,
  onSubmit,
  onCancel,
}: {
  project: Project;
  to: Stage;
  need: 'reason' | 'creditCode';
  pending: boolean;
  onSubmit: (details: MoveDetails) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const [reason, setReason] = useState<string | null>(null);
  const [creditCode, setCreditCode] = useState('');
  const [note, setNote] = useState('');
  const reasons = to === 'lost' ? lossReasons : holdReasons;
  const ready = need === 'reason' ? reason !== null : creditCode.trim().length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onSubmit({
      ...(reason ? { reason } : {}),
      ...(need === 'creditCode' ? { creditCode: creditCode.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  };
  return (
    <Modal
      opened
      onClose={onCancel}
      title={t('board.moveTitle', { title: project.title, stage: labels.stage(to) })}
    >
      <form onSubmit={submit} data-testid="board-move-modal">
        <Stack gap="sm">
          {need === 'reason' ? (
            <Select
              label={t('pipeline.move.reason')}
              data={reasons.map((r) => ({ value: r, label: labels.reason(r) }))}
              value={reason}
              onChange={setReason}
              required
              comboboxProps={{ withinPortal: false }}
              data-testid="board-move-reason"
            />
          ) : (
            <TextInput
              label={t('pipeline.move.creditCode')}
              value={creditCode}
              onChange={(event) => setCreditCode(event.currentTarget.value)}
              maxLength={18}
              required
              data-testid="board-move-credit-code"
            />
          )}
          <Textarea
            label={t('pipeline.move.note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={1}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('board.cancel')}
            </Button>
            <Button type="submit" disabled={!ready} loading={pending} data-testid="board-move-submit">
              {t('pipeline.move.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
