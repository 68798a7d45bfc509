import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holdReasons, lossReasons, type Stage } from '../../../domain/project-stages.ts';
import { isApiError } from '../../api/client.ts';
import { moveProject, type Project, projectKeys } from '../../api/projects.ts';
import { usePipelineLabels } from './labels.ts';

/**
 * Moves a project on. It offers only the moves the server's state machine allows (the project carries them),
 * asks for a reason where one is needed and a credit code at registration; a refusal is shown as the server
 * explains it.
 */
export function StageMove({ project }: { project: Project }) {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const queryClient = useQueryClient();
  const [to, setTo] = useState<Stage | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [creditCode, setCreditCode] = useState('');
  const move = useMutation({
    mutationFn: () =>
      moveProject(project.id, {
        to: to as Stage,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(reason ? { reason } : {}),
        ...(to === 'registered' && creditCode.trim() ? { creditCode: creditCode.trim() } : {}),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(projectKeys.detail(project.id), updated);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      setTo(null);
      setReason(null);
      setNote('');
      setCreditCode('');
    },
  });
  if (project.allowedMoves.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="stage-final">
        {t('pipeline.move.final', { stage: labels.stage(project.stage) })}
      </Text>
    );
  }
  const reasons = to === 'on_hold' ? holdReasons : to === 'lost' ? lossReasons : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to) move.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="stage-move">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('pipeline.move.title')}
          </Title>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('pipeline.move.to')}
              data={project.allowedMoves.map((s) => ({ value: s, label: labels.stage(s) }))}
              value={to}
              onChange={(value) => {
                setTo(value as Stage | null);
                setReason(null);
              }}
              w={180}
              data-testid="stage-move-to"
            />
            {reasons ? (
              <Select
                label={t('pipeline.move.reason')}
                data={reasons.map((r) => ({ value: r, label: labels.reason(r) }))}
                value={reason}
                onChange={setReason}
                w={220}
                required
                data-testid="stage-move-reason"
              />
            ) : null}
            {to === 'registered' ? (
              <TextInput
                label={t('pipeline.move.creditCode')}
                description={project.investorCompany ? t('pipeline.move.creditCodeDefault') : undefined}
                value={creditCode}
                onChange={(event) => setCreditCode(event.currentTarget.value)}
                maxLength={18}
                w={240}
                data-testid="stage-move-credit-code"
              />
            ) : null}
          </Group>
          <Textarea
            label={t('pipeline.move.note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={1}
          />
          <Group>
            <Button
              type="submit"
              disabled={!to || (reasons !== null && !reason)}
              loading={move.isPending}
              data-testid="stage-move-submit"
            >
              {t('pipeline.move.submit')}
            </Button>
          </Group>
          {move.isError ? (
            <Alert color="red" data-testid="stage-move-error">
              {isApiError(move.error) ? (move.error.detail ?? move.error.title) : t('errors.loadFailed')}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
