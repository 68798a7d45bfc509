import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiUpload, isApiError } from '../../api/client.ts';
import { projectKeys } from '../../api/projects.ts';

interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  unknownHeaders: string[];
}

interface RowError {
  line: number;
  message: string;
}

/**
 * Import a project sheet: the server checks every row and imports all or nothing, so the page shows either
 * what changed or every row that stopped it, by line.
 */
export function ProjectImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      return apiUpload<ImportResult>('/api/v1/projects/import', form);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: projectKeys.all }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  const problem = isApiError(upload.error) ? upload.error.problem : undefined;
  const rowErrors = Array.isArray(problem?.errors) ? (problem.errors as RowError[]) : [];
  const errorCount = typeof problem?.errorCount === 'number' ? problem.errorCount : rowErrors.length;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/projects" size="sm">
          {t('pipeline.title')}
        </Anchor>
        <Text size="sm">{t('projectTools.import.title')}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        {t('projectTools.import.title')}
      </Title>
      <Text c="dimmed">{t('projectTools.import.intro')}</Text>

      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm">
            <FileInput
              label={t('projectTools.import.file')}
              placeholder={t('projectTools.import.choose')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                upload.reset();
              }}
              clearable
              style={{ flex: 1 }}
              data-testid="project-import-file"
            />
            <Button
              type="submit"
              disabled={!file}
              loading={upload.isPending}
              data-testid="project-import-submit"
            >
              {t('projectTools.import.submit')}
            </Button>
          </Group>
        </form>
      </Paper>

      {upload.isSuccess ? (
        <Alert color="green" title={t('projectTools.import.done')} data-testid="project-import-result">
          {t('projectTools.import.counts', {
            rows: upload.data.rows,
            created: upload.data.created,
            updated: upload.data.updated,
            unchanged: upload.data.unchanged,
          })}
          {upload.data.unknownHeaders.length
            ? ` ${t('projectTools.import.ignored', { headers: upload.data.unknownHeaders.join(', ') })}`
            : ''}
        </Alert>
      ) : null}
      {upload.isError ? (
        <Alert
          color="red"
          title={t('projectTools.import.refused')}
          role="alert"
          data-testid="project-import-error"
        >
          <Stack gap="sm">
            <Text size="sm">
              {rowErrors.length
                ? t('projectTools.import.rowErrors', { count: errorCount })
                : isApiError(upload.error)
                  ? (upload.error.detail ?? upload.error.title)
                  : t('errors.loadFailed')}
            </Text>
            {rowErrors.length ? (
              <Table withTableBorder verticalSpacing={4} data-testid="project-import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>{t('projectTools.import.line')}</Table.Th>
                    <Table.Th>{t('projectTools.import.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rowErrors.map((e) => (
                    <Table.Tr key={`${e.line}-${e.message}`} data-testid="project-import-error-row">
                      <Table.Td>{e.line}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text fw={500}>{t('projectTools.import.columnsTitle')}</Text>
          <Text size="sm">{t('projectTools.import.columns')}</Text>
          <Text size="sm" c="dimmed">
            {t('projectTools.import.keys')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
