import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, apiUpload, isApiError, type UploadProgress } from '../../api/client.ts';
import {
  companyKeys,
  IMPORTS_PATH,
  type ImportJob,
  type ImportRejects,
  type ImportStatus,
  type ImportUpload,
  importJobPath,
  importKeys,
  MAX_IMPORT_BYTES,
  REQUIRED_IMPORT_FIELDS,
  rejectsCsvUrl,
} from '../../api/companies.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { currentLanguage, joinList } from '../../i18n/index.ts';
import { ForbiddenPage } from '../ForbiddenPage.tsx';
import {
  checkMapping,
  IGNORE,
  ignoreUnresolved,
  initialChoice,
  isSpreadsheetName,
  type MappingChoice,
  progressPercent,
  startMapping,
  UNSET,
} from './importMapping.ts';
import { useRegistryLabels } from './labels.ts';
import { localMessage, rejectReason } from './messages.ts';
import { RegistrySubpageHeader } from './RegistrySubpageHeader.tsx';
import { useCanImportRegistry } from './roles.ts';

const POLL_MS = 500;
const REJECTS_PAGE = 50;
const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

/** A refused upload or start in the page's language when the problem carries a message code, else its detail. */
function problemText(error: unknown, language: string): string {
  if (isApiError(error)) {
    const errors = error.problem?.errors;
    const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
    return localMessage(first, language) ?? error.detail ?? error.title;
  }
  return error instanceof Error ? error.message : String(error);
}

function useFormatters() {
  const { i18n } = useTranslation();
  return useMemo(
    () => ({
      number: new Intl.NumberFormat(i18n.language),
      bytes: (n: number) =>
        new Intl.NumberFormat(i18n.language, {
          style: 'unit',
          unit: n >= 1024 * 1024 ? 'megabyte' : 'kilobyte',
          maximumFractionDigits: 1,
        }).format(n >= 1024 * 1024 ? n / (1024 * 1024) : n / 1024),
      time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }),
    }),
    [i18n.language],
  );
}

// ---- step 1: choose and upload ----

function FileDrop({ onUploaded }: { onUploaded: (upload: ImportUpload) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen, chosen.name);
      setProgress({ loaded: 0, total: chosen.size });
      return apiUpload<ImportUpload>(IMPORTS_PATH, form, setProgress);
    },
    onSuccess: onUploaded,
  });

  const choose = (chosen: File | undefined | null) => {
    upload.reset();
    if (!chosen) return;
    if (!isSpreadsheetName(chosen.name)) {
      setFile(null);
      setFileError(t('import.errors.notSpreadsheet', { name: chosen.name }));
      return;
    }
    // Said here, in the user's language, rather than after an upload.
    if (chosen.size === 0) {
      setFile(null);
      setFileError(t('registryReview.emptyFile', { name: chosen.name }));
      return;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFile(null);
      setFileError(t('import.errors.tooLarge', { name: chosen.name, max: format.bytes(MAX_IMPORT_BYTES) }));
      return;
    }
    setFileError(null);
    setFile(chosen);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  const uploadPercent = progress?.total ? (progress.loaded / progress.total) * 100 : 0;

  return (
    <Stack gap="md">
      <Box
        role="button"
        tabIndex={0}
        aria-label={t('import.dropLabel')}
        onClick={() => input.current?.click()}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            input.current?.click();
          }
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        p="xl"
        style={{
          border: `2px dashed var(--mantine-color-${dragging ? 'indigo-5' : 'gray-4'})`,
          borderRadius: 'var(--mantine-radius-md)',
          background: dragging ? 'var(--mantine-color-indigo-light)' : 'var(--mantine-color-gray-0)',
          cursor: 'pointer',
          textAlign: 'center',
        }}
        data-testid="import-dropzone"
      >
        <Stack gap={6} align="center">
          <Text fw={600}>{t('import.dropTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('import.dropHint', { max: format.bytes(MAX_IMPORT_BYTES) })}
          </Text>
          {file ? (
            <Text size="sm" data-testid="import-chosen-file">
              {t('import.chosen', { name: file.name, size: format.bytes(file.size) })}
            </Text>
          ) : null}
        </Stack>
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          onChange={(event) => {
            choose(event.currentTarget.files?.[0]);
            event.currentTarget.value = '';
          }}
          data-testid="import-file-input"
        />
      </Box>
      {fileError ? (
        <Alert color="red" data-testid="import-file-error">
          {fileError}
        </Alert>
      ) : null}
      {upload.isError ? (
        <Alert color="red" title={t('import.errors.uploadFailed')} data-testid="import-upload-error">
          {isApiError(upload.error) && upload.error.status === 413
            ? t('import.errors.tooLarge', { name: file?.name ?? '', max: format.bytes(MAX_IMPORT_BYTES) })
            : problemText(upload.error, i18n.language)}
        </Alert>
      ) : null}
      {upload.isPending ? (
        <Stack gap={4}>
          <Text size="sm">{t('import.uploading')}</Text>
          <Progress value={uploadPercent} animated />
        </Stack>
      ) : null}
      <Group justify="flex-end">
        <Button
          disabled={!file || upload.isPending}
          loading={upload.isPending}
          onClick={() => file && upload.mutate(file)}
          data-testid="import-upload"
        >
          {t('import.upload')}
        </Button>
      </Group>
    </Stack>
  );
}

// ---- step 2: mapping ----

function MappingStep({
  upload,
  onStarted,
  onCancel,
}: {
  upload: ImportUpload;
  onStarted: (jobId: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const [choice, setChoice] = useState<MappingChoice>(() => initialChoice(upload.headers, upload.mapping));
  const check = checkMapping(upload.headers, choice);
  const fieldLabel = (field: string) => `${labels.importField(field)} (${field})`;

  const start = useMutation({
    mutationFn: () =>
      api.post<{ id: string; status: string }>(`${importJobPath(upload.id)}/start`, {
        mapping: startMapping(upload.headers, choice),
      }),
    onSuccess: (result) => onStarted(result.id ?? upload.id),
  });

  const options = [
    { value: UNSET, label: t('import.mapping.choose'), disabled: true },
    ...upload.fields.map((field) => ({ value: field, label: fieldLabel(field) })),
    { value: IGNORE, label: t('import.mapping.ignore') },
  ];

  return (
    <Stack gap="md" data-testid="import-mapping">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>{upload.fileName}</Text>
          <Text size="sm" c="dimmed" data-testid="import-format">
            {upload.encoding
              ? t('import.detected', {
                  format: upload.format.toUpperCase(),
                  encoding: t(`import.encodings.${upload.encoding}`),
                  columns: upload.headers.length,
                })
              : t('import.detectedWorkbook', {
                  format: upload.format.toUpperCase(),
                  columns: upload.headers.length,
                })}
          </Text>
        </Stack>
        {check.unresolved.length > 0 ? (
          <Button
            variant="default"
            size="xs"
            onClick={() => setChoice((current) => ignoreUnresolved(upload.headers, current))}
            data-testid="import-ignore-unresolved"
          >
            {t('import.mapping.ignoreAll')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm">{t('import.mapping.description')}</Text>
      {/* On a phone the table scrolls sideways rather than squeezing the field names out of their selects. */}
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing={6} withTableBorder data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.mapping.column')}</Table.Th>
              <Table.Th w={140}>{t('import.mapping.match')}</Table.Th>
              <Table.Th w={320}>{t('import.mapping.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upload.headers.map((header, index) => {
              const value = choice[header] ?? UNSET;
              const auto = upload.mapping[header] ?? null;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns keep the file's order; headers may repeat
                <Table.Tr key={`${index}:${header}`} data-testid="mapping-row" data-header={header}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {header || t('import.mapping.blankHeader')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {auto ? (
                      <Badge variant="light" color="green" radius="sm">
                        {t('import.mapping.recognised')}
                      </Badge>
                    ) : (
                      <Badge variant="light" color={value === UNSET ? 'orange' : 'gray'} radius="sm">
                        {t('import.mapping.unknown')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('import.mapping.fieldFor', { header })}
                      data={options}
                      value={value}
                      onChange={(event) => {
                        const next = event.currentTarget.value;
                        setChoice((current) => ({ ...current, [header]: next }));
                      }}
                      error={
                        value === UNSET
                          ? true
                          : value !== IGNORE && check.duplicates.includes(value)
                            ? t('import.mapping.duplicate')
                            : undefined
                      }
                      data-testid="mapping-select"
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {!check.ready ? (
        <Alert color="orange" data-testid="mapping-problems">
          <Stack gap={2}>
            {check.missing.length ? (
              <Text size="sm">
                {t('import.mapping.missing', {
                  fields: joinList(i18n.language, check.missing.map(fieldLabel)),
                })}
              </Text>
            ) : null}
            {check.unresolved.length ? (
              <Text size="sm">
                {t('import.mapping.unresolved', { headers: joinList(i18n.language, check.unresolved) })}
              </Text>
            ) : null}
            {check.duplicates.length ? (
              <Text size="sm">
                {t('import.mapping.duplicates', {
                  fields: joinList(i18n.language, check.duplicates.map(fieldLabel)),
                })}
              </Text>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {start.isError ? (
        <Alert color="red" title={t('import.errors.startFailed')} data-testid="import-start-error">
          {problemText(start.error, i18n.language)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={start.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!check.ready}
          loading={start.isPending}
          onClick={() => start.mutate()}
          data-testid="import-start"
        >
          {t('import.start')}
        </Button>
      </Group>
    </Stack>
  );
}

// ---- step 3: progress and result ----

function Stat({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function RejectsTable({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const rejects = useInfiniteQuery({
    queryKey: importKeys.rejects(job.id),
    queryFn: ({ pageParam, signal }) =>
      api.get<ImportRejects>(
        `${importJobPath(job.id)}/rejects`,
        { limit: REJECTS_PAGE, after: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const items = rejects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>{t('import.rejects.title')}</Text>
        <Button
          component="a"
          href={rejectsCsvUrl(job.id, language)}
          download
          variant="light"
          size="xs"
          data-testid="rejects-download"
        >
          {t('import.rejects.download')}
        </Button>
      </Group>
      {rejects.isPending ? (
        <Skeleton h={80} />
      ) : rejects.isError && items.length === 0 ? (
        <ErrorState error={rejects.error} onRetry={() => void rejects.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} withTableBorder data-testid="rejects-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>{t('import.rejects.line')}</Table.Th>
                <Table.Th>{t('import.rejects.reason')}</Table.Th>
                <Table.Th w="35%">{t('import.rejects.raw')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.line} data-testid="reject-row" data-line={item.line}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" data-testid="reject-line">
                      {item.line}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" data-testid="reject-reason">
                      {rejectReason(item, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.raw ? (
                      <Code fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                        {item.raw}
                      </Code>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rejects.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            onClick={() => void rejects.fetchNextPage()}
            loading={rejects.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function JobView({ jobId, onNew }: { jobId: string; onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: importKeys.job(jobId),
    queryFn: ({ signal }) => api.get<ImportJob>(importJobPath(jobId), undefined, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
    staleTime: 0,
  });
  const status = job.data?.status;

  // When the import ends, the registry and the list of imports have changed.
  const seen = useRef<ImportStatus | undefined>(undefined);
  useEffect(() => {
    if ((status === 'done' || status === 'failed') && seen.current !== status) {
      void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      void queryClient.invalidateQueries({ queryKey: importKeys.list });
    }
    seen.current = status;
  }, [status, queryClient]);

  if (job.isPending) return <Skeleton h={160} />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const data = job.data;
  const n = (value: number) => format.number.format(value);
  const progress = data.progress;
  const percent = progress ? progressPercent(progress.bytesRead, progress.totalBytes) : null;

  return (
    <Stack gap="md" data-testid="import-job" data-status={data.status}>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>{data.fileName}</Text>
          <Text size="sm" c="dimmed">
            {format.time.format(new Date(data.createdAt))}
            {data.encoding
              ? ` · ${t(`import.encodings.${data.encoding}`, { defaultValue: data.encoding })}`
              : ''}
          </Text>
        </Stack>
        <Badge
          color={STATUS_COLORS[data.status] ?? 'gray'}
          variant="light"
          size="lg"
          data-testid="import-status"
        >
          {t(`import.status.${data.status}`, { defaultValue: data.status })}
        </Badge>
      </Group>

      {data.status === 'running' ? (
        <Stack gap="xs" data-testid="import-progress">
          <Progress
            value={percent ?? 100}
            striped={percent === null}
            animated
            size="lg"
            aria-label={t('import.progressLabel')}
          />
          <Group gap="lg">
            {percent !== null ? <Text size="sm">{`${Math.floor(percent)}%`}</Text> : null}
            {progress ? (
              <>
                <Text size="sm">
                  {t('import.progress.rows', { count: progress.rows, n: n(progress.rows) })}
                </Text>
                <Text size="sm" c="green.8">
                  {t('import.progress.accepted', { n: n(progress.accepted) })}
                </Text>
                <Text size="sm" c="red.8">
                  {t('import.progress.rejected', { n: n(progress.rejected) })}
                </Text>
                {progress.totalBytes ? (
                  <Text size="sm" c="dimmed">
                    {`${format.bytes(progress.bytesRead)} / ${format.bytes(progress.totalBytes)}`}
                  </Text>
                ) : null}
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('import.progress.starting')}
              </Text>
            )}
          </Group>
        </Stack>
      ) : null}

      {data.status === 'uploaded' ? (
        <Alert color="gray" data-testid="import-not-started">
          {t('import.notStarted')}
        </Alert>
      ) : null}

      {data.status === 'failed' ? (
        <Alert color="red" title={t('import.failed')} data-testid="import-failed">
          {localMessage({ code: data.errorCode, params: data.errorParams }, i18n.language) ??
            data.error ??
            t('import.failedUnknown')}
        </Alert>
      ) : null}

      {data.status === 'done' ? (
        <Stack gap="md" data-testid="import-result">
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
            <Stat label={t('import.result.rows')} value={n(data.totalRows)} testId="result-rows" />
            <Stat
              label={t('import.result.inserted')}
              value={n(data.inserted)}
              testId="result-inserted"
              color="green.8"
            />
            <Stat
              label={t('import.result.updated')}
              value={n(data.updated)}
              testId="result-updated"
              color="blue.8"
            />
            <Stat label={t('import.result.unchanged')} value={n(data.unchanged)} testId="result-unchanged" />
            <Stat
              label={t('import.result.rejected')}
              value={n(data.rejected)}
              testId="result-rejected"
              color={data.rejected ? 'red.8' : undefined}
            />
          </SimpleGrid>
          {data.rejected > 0 ? <RejectsTable job={data} /> : null}
        </Stack>
      ) : null}

      {data.status === 'done' || data.status === 'failed' || data.status === 'uploaded' ? (
        <Group justify="flex-end">
          <Button component={Link} to="/companies" variant="default">
            {t('import.toRegistry')}
          </Button>
          <Button onClick={onNew} data-testid="import-another">
            {t('import.another')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

// ---- recent imports ----

function RecentImports() {
  const { t } = useTranslation();
  const format = useFormatters();
  const jobs = useQuery({
    queryKey: importKeys.list,
    queryFn: ({ signal }) => api.get<{ items: ImportJob[] }>(IMPORTS_PATH, undefined, signal),
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.status === 'running') ? 2000 : false,
    staleTime: 0,
  });
  const n = (value: number) => format.number.format(value);

  return (
    <Paper withBorder p="md" radius="md" data-testid="recent-imports">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('import.recent.title')}
        </Title>
        {jobs.isPending ? (
          <Skeleton h={60} />
        ) : jobs.isError ? (
          <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : jobs.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('import.recent.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={4} highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.recent.file')}</Table.Th>
                  <Table.Th w={190}>{t('import.recent.time')}</Table.Th>
                  <Table.Th w={140}>{t('import.recent.status')}</Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('import.result.rows')}
                  </Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('import.result.inserted')}
                  </Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('import.result.updated')}
                  </Table.Th>
                  <Table.Th w={90} ta="right">
                    {t('import.result.rejected')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.data.items.map((job) => (
                  <Table.Tr key={job.id} data-testid="recent-import">
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/companies/import?job=${encodeURIComponent(job.id)}`}
                        size="sm"
                      >
                        {job.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.time.format(new Date(job.createdAt))}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={STATUS_COLORS[job.status] ?? 'gray'}
                        radius="sm"
                        data-testid="recent-import-status"
                      >
                        {t(`import.status.${job.status}`, { defaultValue: job.status })}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{n(job.totalRows)}</Table.Td>
                    <Table.Td ta="right">{n(job.inserted)}</Table.Td>
                    <Table.Td ta="right">{n(job.updated)}</Table.Td>
                    <Table.Td ta="right">{n(job.rejected)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Bulk import of a registry spreadsheet: choose a file, confirm how its columns map to fields, then watch the
 * server read it. The job being watched is in the URL (?job=…), so a reload keeps following it.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const canImport = useCanImportRegistry();

  const reset = () => {
    setUpload(null);
    setParams({}, { replace: false });
  };

  if (!canImport) return <ForbiddenPage />;
  return (
    <Stack gap="lg">
      <RegistrySubpageHeader
        crumb={t('import.title')}
        title={t('import.title')}
        description={t('import.description', {
          required: joinList(
            i18n.language,
            REQUIRED_IMPORT_FIELDS.map((field) => labels.importField(field)),
          ),
        })}
      />

      <Paper withBorder p="md" radius="md">
        {jobId ? (
          <JobView key={jobId} jobId={jobId} onNew={reset} />
        ) : upload ? (
          <MappingStep
            upload={upload}
            onCancel={() => setUpload(null)}
            onStarted={(id) => {
              setUpload(null);
              void queryClient.invalidateQueries({ queryKey: importKeys.list });
              setParams({ job: id });
            }}
          />
        ) : (
          <FileDrop onUploaded={setUpload} />
        )}
      </Paper>

      <RecentImports />
    </Stack>
  );
}
