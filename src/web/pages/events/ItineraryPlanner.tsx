import {
  ActionIcon,
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, Conflict, Warning } from '../../../domain/itinerary.ts';
import { isApiError } from '../../api/client.ts';
import {
  checkItinerary,
  type Itinerary,
  type LodestoneEvent,
  type SiteDetail,
  useSaveItinerary,
} from '../../api/events.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { fromLocalInput, toLocalInput } from './time.ts';

// Rows keep a key of their own while the officer adds and removes them, so React does not mix up their inputs.
let lastKey = 0;
const newKey = () => ++lastKey;

interface DraftStop {
  key: number;
  siteId: string | null;
  startsAt: string;
  endsAt: string;
}
interface DraftGroup {
  key: number;
  name: string;
  headCount: number;
  stops: DraftStop[];
}

const toDraft = (plan: Itinerary): DraftGroup[] =>
  plan.groups.map((g) => ({
    key: newKey(),
    name: g.name,
    headCount: g.headCount,
    stops: g.stops.map((s) => ({
      key: newKey(),
      siteId: s.siteId,
      startsAt: toLocalInput(s.startsAt),
      endsAt: toLocalInput(s.endsAt),
    })),
  }));

/** The draft as the API takes it, or null while a stop still lacks its site or a time. */
function toPlan(draft: DraftGroup[]): Itinerary | null {
  const groups = [];
  for (const g of draft) {
    if (!g.name.trim() || !(g.headCount >= 1)) return null;
    const stops = [];
    for (const s of g.stops) {
      const startsAt = fromLocalInput(s.startsAt);
      const endsAt = fromLocalInput(s.endsAt);
      if (!s.siteId || !startsAt || !endsAt) return null;
      stops.push({ siteId: s.siteId, startsAt, endsAt });
    }
    groups.push({ name: g.name, headCount: g.headCount, stops });
  }
  return { groups };
}

const refKey = (c: Conflict | Warning) => `${c.code}:${c.stops.map((s) => `${s.group}.${s.stop}`).join(',')}`;

const addMinutes = (local: string, minutes: number) => {
  const iso = fromLocalInput(local);
  return iso ? toLocalInput(new Date(Date.parse(iso) + minutes * 60_000).toISOString()) : local;
};

/**
 * Groups (buses) with their stops; every edit is checked on the server as the officer types, and every conflict
 * is listed and its stops marked. Saving an infeasible plan is refused with the same list.
 */
export function ItineraryPlanner({
  event,
  saved,
  sites,
  canEdit,
}: {
  event: LodestoneEvent;
  saved: Itinerary;
  sites: SiteDetail[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<DraftGroup[]>(() => toDraft(saved));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  const save = useSaveItinerary(event.id);
  const plan = useMemo(() => toPlan(draft), [draft]);

  useEffect(() => {
    if (!plan) {
      setResult(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      checkItinerary(event.id, plan, abort.signal)
        .then(setResult)
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [event.id, plan]);

  const siteName = (id: string | undefined) => {
    const s = sites.find((x) => x.id === id);
    return s ? pickName(i18n.language, s.nameZh, s.nameEn) : '—';
  };
  const flagged = new Set(
    (result?.conflicts ?? []).flatMap((c) => c.stops.map((s) => `${s.group}:${s.stop}`)),
  );

  const update = (change: (d: DraftGroup[]) => void) => {
    setSavedNote(false);
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  };
  const addStop = (gi: number) =>
    update((d) => {
      const group = d[gi] as DraftGroup;
      const last = group.stops.at(-1);
      const start = last ? addMinutes(last.endsAt, 30) : toLocalInput(event.startsAt);
      group.stops.push({ key: newKey(), siteId: null, startsAt: start, endsAt: addMinutes(start, 60) });
    });

  const describe = (c: Conflict | Warning) => {
    const where = c.stops
      .map((s) =>
        t('events.planner.stopRef', { group: draft[s.group]?.name ?? s.group + 1, stop: s.stop + 1 }),
      )
      .join(', ');
    const facts = 'facts' in c ? (c.facts ?? {}) : {};
    const site = 'siteId' in c && c.siteId ? siteName(c.siteId) : '';
    return `${t(`events.conflicts.${c.code}`, { ...facts, site })} — ${where}`;
  };

  const onSave = () => {
    if (!plan) return;
    save.mutate(plan, {
      onSuccess: () => setSavedNote(true),
      onError: (error) => {
        if (isApiError(error) && error.problem && Array.isArray(error.problem.conflicts))
          setResult({
            ok: false,
            conflicts: error.problem.conflicts as Conflict[],
            warnings: (error.problem.warnings as Warning[]) ?? [],
          });
      },
    });
  };

  return (
    <Stack gap="md" data-testid="planner">
      {draft.map((group, gi) => (
        <Paper key={group.key} withBorder p="md" radius="md" data-testid="planner-group">
          <Stack gap="sm">
            <Group align="flex-end">
              <TextInput
                label={t('events.planner.group')}
                value={group.name}
                disabled={!canEdit}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  update((d) => {
                    (d[gi] as DraftGroup).name = value;
                  });
                }}
                data-testid="planner-group-name"
              />
              <NumberInput
                label={t('events.planner.headCount')}
                value={group.headCount}
                min={1}
                disabled={!canEdit}
                onChange={(v) =>
                  update((d) => {
                    (d[gi] as DraftGroup).headCount = Number(v) || 0;
                  })
                }
                data-testid="planner-head-count"
              />
              {canEdit ? (
                <Button variant="subtle" color="red" onClick={() => update((d) => void d.splice(gi, 1))}>
                  {t('events.planner.removeGroup')}
                </Button>
              ) : null}
            </Group>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('events.planner.site')}</Table.Th>
                  <Table.Th>{t('events.planner.from')}</Table.Th>
                  <Table.Th>{t('events.planner.to')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.stops.map((stop, si) => {
                  const bad = flagged.has(`${gi}:${si}`);
                  return (
                    <Table.Tr
                      key={stop.key}
                      data-testid="planner-stop"
                      data-conflict={bad ? 'true' : 'false'}
                      bg={bad ? 'var(--mantine-color-red-light)' : undefined}
                    >
                      <Table.Td>{si + 1}</Table.Td>
                      <Table.Td>
                        <Select
                          data={sites.map((s) => ({
                            value: s.id,
                            label: pickName(i18n.language, s.nameZh, s.nameEn),
                          }))}
                          value={stop.siteId}
                          disabled={!canEdit}
                          onChange={(v) =>
                            update((d) => {
                              ((d[gi] as DraftGroup).stops[si] as DraftStop).siteId = v;
                            })
                          }
                          aria-label={t('events.planner.site')}
                          data-testid="planner-stop-site"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          type="datetime-local"
                          value={stop.startsAt}
                          disabled={!canEdit}
                          aria-label={t('events.planner.from')}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            update((d) => {
                              ((d[gi] as DraftGroup).stops[si] as DraftStop).startsAt = value;
                            });
                          }}
                          data-testid="planner-stop-start"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          type="datetime-local"
                          value={stop.endsAt}
                          disabled={!canEdit}
                          aria-label={t('events.planner.to')}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            update((d) => {
                              ((d[gi] as DraftGroup).stops[si] as DraftStop).endsAt = value;
                            });
                          }}
                          data-testid="planner-stop-end"
                        />
                      </Table.Td>
                      <Table.Td>
                        {canEdit ? (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('events.planner.removeStop')}
                            onClick={() => update((d) => void (d[gi] as DraftGroup).stops.splice(si, 1))}
                          >
                            ×
                          </ActionIcon>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {canEdit ? (
              <Group>
                <Button variant="light" size="xs" onClick={() => addStop(gi)} data-testid="planner-add-stop">
                  {t('events.planner.addStop')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ))}
      {canEdit ? (
        <Group>
          <Button
            variant="light"
            onClick={() =>
              update(
                (d) =>
                  void d.push({
                    key: newKey(),
                    name: t('events.planner.busName', { n: d.length + 1 }),
                    headCount: 40,
                    stops: [],
                  }),
              )
            }
            data-testid="planner-add-group"
          >
            {t('events.planner.addGroup')}
          </Button>
          <Button
            onClick={onSave}
            disabled={!plan || result?.ok === false}
            loading={save.isPending}
            data-testid="planner-save"
          >
            {t('events.planner.save')}
          </Button>
          {savedNote ? (
            <Text size="sm" c="green" data-testid="planner-saved">
              {t('events.planner.saved')}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {!plan ? (
        <Text size="sm" c="dimmed">
          {t('events.planner.incomplete')}
        </Text>
      ) : null}
      {result?.conflicts.length ? (
        <Alert
          color="red"
          title={t('events.planner.conflicts', { count: result.conflicts.length })}
          data-testid="planner-conflicts"
        >
          <List size="sm">
            {result.conflicts.map((c) => (
              <List.Item key={refKey(c)} data-testid="planner-conflict" data-code={c.code}>
                {describe(c)}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {result?.ok ? (
        <Text size="sm" c="green" data-testid="planner-feasible">
          {t('events.planner.feasible')}
        </Text>
      ) : null}
      {result?.warnings.length ? (
        <Alert color="yellow" title={t('events.planner.warnings')}>
          <List size="sm">
            {result.warnings.map((w) => (
              <List.Item key={refKey(w)}>{describe(w)}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {save.isError && !(isApiError(save.error) && save.error.status === 422) ? (
        <ErrorState error={save.error} />
      ) : null}
    </Stack>
  );
}
