import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  TARGET_METRICS,
  type Target,
  type TargetMetric,
  useTargetMutations,
  useTargets,
} from '../../api/dashboard.ts';
import { useClusters, useSites } from '../../api/territory.ts';
import { pickName } from '../../i18n/index.ts';
import { wanToYuan, yuanToWan } from '../../lib/money.ts';
import { useTargetScope, useTargetValue } from './CockpitBoard.tsx';

const isCount = (metric: TargetMetric) => metric === 'new_companies' || metric === 'major_projects';

/** Counts are typed as they are; amounts in 万元, as officers think of them, and sent as yuan. */
function valueToApi(metric: TargetMetric, typed: string): string | null {
  if (isCount(metric)) return /^\d{1,12}$/.test(typed.trim()) ? typed.trim() : null;
  const yuan = wanToYuan(typed);
  return yuan && /^\d{1,18}$/.test(yuan) ? yuan : null;
}

function problemText(error: unknown, fallback: string) {
  return isApiError(error) ? (error.detail ?? error.title) : fallback;
}

/** The year's targets, kept by admins: add one for the district, a cluster or a park; change or remove one. */
export function TargetsEditor({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const targets = useTargets(year);
  const clusters = useClusters();
  const sites = useSites();
  const { create, update, remove } = useTargetMutations();
  const scopeName = useTargetScope();
  const shown = useTargetValue();
  const [metric, setMetric] = useState<TargetMetric>('major_projects');
  const [scope, setScope] = useState('district');
  const [value, setValue] = useState('');
  const [editing, setEditing] = useState<{ id: string; value: string } | null>(null);

  const scopes = [
    { value: 'district', label: t('cockpit.scope.district') },
    ...(metric === 'new_companies'
      ? []
      : [
          ...(clusters.data ?? []).map((c) => ({
            value: `cluster:${c.id}`,
            label: `${t('cockpit.scope.cluster')} · ${pickName(i18n.language, c.nameZh, c.nameEn)}`,
          })),
          ...(sites.data ?? []).map((s) => ({
            value: `site:${s.id}`,
            label: `${t('cockpit.scope.park')} · ${pickName(i18n.language, s.nameZh, s.nameEn)}`,
          })),
        ]),
  ];
  const apiValue = valueToApi(metric, value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!apiValue) return;
    const [kind, id] = scope.split(':');
    create.mutate(
      {
        year,
        metric,
        clusterId: kind === 'cluster' ? (id ?? null) : null,
        siteId: kind === 'site' ? (id ?? null) : null,
        value: apiValue,
      },
      { onSuccess: () => setValue('') },
    );
  };

  const save = (target: Target) => {
    const next = editing ? valueToApi(target.metric, editing.value) : null;
    if (next) update.mutate({ id: target.id, value: next }, { onSuccess: () => setEditing(null) });
  };

  return (
    <Paper withBorder p="md" radius="md" data-testid="targets-editor" className="cockpit-controls">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('cockpit.targetsTitle', { year })}
        </Title>
        {targets.data?.length ? (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {targets.data.map((target) => (
                <Table.Tr key={target.id} data-testid="targets-editor-row">
                  <Table.Td>{t(`cockpit.metrics.${target.metric}`)}</Table.Td>
                  <Table.Td>{scopeName(target)}</Table.Td>
                  <Table.Td w={260}>
                    {editing?.id === target.id ? (
                      <Group gap={4} wrap="nowrap">
                        <TextInput
                          size="xs"
                          value={editing.value}
                          onChange={(event) =>
                            setEditing({ id: target.id, value: event.currentTarget.value })
                          }
                          aria-label={t('cockpit.targetValue')}
                          rightSection={
                            isCount(target.metric) ? null : <Text size="xs">{t('cockpit.wan')}</Text>
                          }
                        />
                        <Button size="xs" onClick={() => save(target)} loading={update.isPending}>
                          {t('cockpit.save')}
                        </Button>
                      </Group>
                    ) : (
                      <Text
                        size="sm"
                        style={{ cursor: 'pointer' }}
                        onClick={() =>
                          setEditing({
                            id: target.id,
                            value: isCount(target.metric) ? target.value : yuanToWan(target.value),
                          })
                        }
                      >
                        {shown(target.metric, target.value)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('cockpit.removeTarget')}
                      onClick={() => remove.mutate(target.id)}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text c="dimmed" size="sm">
            {t('cockpit.noTargets', { year })}
          </Text>
        )}
        <form onSubmit={submit}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('cockpit.metric')}
              data={TARGET_METRICS.map((m) => ({ value: m, label: t(`cockpit.metrics.${m}`) }))}
              value={metric}
              onChange={(next) => {
                const m = TARGET_METRICS.find((x) => x === next);
                if (!m) return;
                setMetric(m);
                if (m === 'new_companies') setScope('district');
              }}
              allowDeselect={false}
              w={200}
              data-testid="target-metric"
            />
            <Select
              label={t('cockpit.targetScope')}
              data={scopes}
              value={scope}
              onChange={(next) => setScope(next ?? 'district')}
              allowDeselect={false}
              searchable
              w={300}
              data-testid="target-scope"
            />
            <TextInput
              label={isCount(metric) ? t('cockpit.targetCount') : t('cockpit.targetAmountWan')}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={value.trim() && !apiValue ? t('cockpit.badTargetValue') : undefined}
              w={180}
              data-testid="target-value"
            />
            <Button type="submit" disabled={!apiValue} loading={create.isPending} data-testid="target-add">
              {t('cockpit.addTarget')}
            </Button>
          </Group>
        </form>
        {[create, update, remove].map((m, i) =>
          m.isError ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three mutations are fixed
            <Alert key={i} color="red">
              {problemText(m.error, t('errors.loadFailed'))}
            </Alert>
          ) : null,
        )}
      </Stack>
    </Paper>
  );
}
