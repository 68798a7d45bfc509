import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProjectKind, projectKinds } from '../../../domain/pipeline-enums.ts';
import { isApiError } from '../../api/client.ts';
import { createProject, type LeadInput, projectKeys } from '../../api/projects.ts';
import { usePipelineLabels } from '../projects/labels.ts';

const EMPTY = { title: '', prospectName: '', prospectCountry: '', amount: '', description: '' };

/**
 * A partner's lead: what it knows of the investment. The server files it as this partner's referral and an
 * officer triages it, so the form asks nothing of the bureau's own fields (officer, priority, source).
 */
export function PartnerLeadForm() {
  const { t } = useTranslation();
  const labels = usePipelineLabels();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(EMPTY);
  const [kind, setKind] = useState<ProjectKind | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const set = (name: keyof typeof EMPTY) => (event: { currentTarget: { value: string } }) =>
    setFields({ ...fields, [name]: event.currentTarget.value });

  const submit = useMutation({
    mutationFn: () => {
      const lead: LeadInput = { title: fields.title.trim() };
      for (const name of ['prospectName', 'amount', 'description'] as const)
        if (fields[name].trim()) lead[name] = fields[name].trim();
      if (fields.prospectCountry.trim()) lead.prospectCountry = fields.prospectCountry.trim().toUpperCase();
      if (kind) lead.kind = kind;
      return createProject(lead);
    },
    onSuccess: (project) => {
      setSubmitted(project.title);
      setFields(EMPTY);
      setKind(null);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(null);
    if (fields.title.trim()) submit.mutate();
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={onSubmit} data-testid="lead-form">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('portal.leadTitle')}
          </Title>
          <TextInput
            label={t('portal.lead.title')}
            placeholder={t('pipeline.newLeadPlaceholder')}
            value={fields.title}
            onChange={set('title')}
            maxLength={200}
            required
            data-testid="lead-title"
          />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <TextInput
              label={t('portal.lead.investor')}
              description={t('portal.lead.optional')}
              value={fields.prospectName}
              onChange={set('prospectName')}
              maxLength={200}
              data-testid="lead-investor"
            />
            <TextInput
              label={t('portal.lead.country')}
              description={t('portal.lead.countryHint')}
              value={fields.prospectCountry}
              onChange={set('prospectCountry')}
              maxLength={2}
              data-testid="lead-country"
            />
            <TextInput
              label={t('portal.lead.amount')}
              description={t('portal.lead.amountHint')}
              value={fields.amount}
              onChange={set('amount')}
              maxLength={40}
              data-testid="lead-amount"
            />
            <Select
              label={t('pipeline.fields.kind')}
              description={t('portal.lead.optional')}
              data={projectKinds.map((k) => ({ value: k, label: labels.kind(k) }))}
              value={kind}
              onChange={(value) => setKind(value as ProjectKind | null)}
              clearable
            />
          </SimpleGrid>
          <Textarea
            label={t('portal.lead.description')}
            value={fields.description}
            onChange={set('description')}
            maxLength={4000}
            autosize
            minRows={2}
          />
          <Group>
            <Button
              type="submit"
              loading={submit.isPending}
              disabled={!fields.title.trim()}
              data-testid="lead-submit"
            >
              {t('portal.lead.submit')}
            </Button>
          </Group>
          {submitted ? (
            <Alert color="teal" data-testid="lead-submitted">
              {t('portal.lead.submitted', { title: submitted })}
            </Alert>
          ) : null}
          {submit.isError ? (
            <Alert color="red" data-testid="lead-error">
              {isApiError(submit.error)
                ? (submit.error.detail ?? submit.error.title)
                : t('errors.loadFailed')}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
