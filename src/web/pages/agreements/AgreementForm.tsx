import {
  ActionIcon,
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  type AgreementKind,
  agreementKinds,
  type PartyKind,
  partyKinds,
} from '../../../domain/agreements.ts';
import {
  type Agreement,
  type AgreementInput,
  agreementKeys,
  createAgreement,
  type PartyInput,
  updateAgreement,
  useAgreement,
} from '../../api/agreements.ts';
import { api, isApiError } from '../../api/client.ts';
import { useCurrentSession } from '../../auth/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { pickName } from '../../i18n/index.ts';
import { useAgreementLabels } from './labels.ts';

interface Option {
  value: string;
  label: string;
}

function usePartnerOptions() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['partners', 'options'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; nameZh: string; nameEn: string | null }[] }>(
        '/api/v1/partners',
        { limit: 200 },
        signal,
      ),
    select: (d): Option[] =>
      d.items.map((p) => ({ value: p.id, label: pickName(i18n.language, p.nameZh, p.nameEn) })),
  });
}

function useProjectOptions() {
  return useQuery({
    queryKey: ['projects', 'options'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; title: string }[] }>(
        '/api/v1/projects',
        { limit: 200, sort: 'title', order: 'asc' },
        signal,
      ),
    select: (d): Option[] => d.items.map((p) => ({ value: p.id, label: p.title })),
  });
}

/** Registry companies by name, for a company party: searched as the user types. */
function CompanyPicker({
  value,
  label,
  onChange,
}: {
  value: Option | null;
  label: string;
  onChange: (o: Option | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.label ?? '');
  const found = useQuery({
    queryKey: ['companies', 'options', search],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; nameZh: string }[] }>(
        '/api/v1/companies',
        { q: search, limit: 20 },
        signal,
      ),
    enabled: search.trim().length >= 2,
  });
  const data = [
    ...(value ? [value] : []),
    ...(found.data?.items ?? [])
      .filter((c) => c.id !== value?.value)
      .map((c) => ({ value: c.id, label: c.nameZh })),
  ];
  return (
    <Select
      label={label}
      searchable
      data={data}
      value={value?.value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange(data.find((o) => o.value === id) ?? null)}
      nothingFoundMessage={t('common.nothingFound')}
      style={{ flex: 1 }}
    />
  );
}

interface PartyRow extends PartyInput {
  key: number;
  companyLabel?: string;
}

const dateOrNull = (v: string) => v || null;

/** Create or edit an agreement: its kind, titles, dates, parties and linked projects, checked before sending. */
export function AgreementForm({ initial }: { initial?: Agreement }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useCurrentSession();
  const labels = useAgreementLabels();
  const partners = usePartnerOptions();
  const projects = useProjectOptions();
  const [kind, setKind] = useState<AgreementKind>(initial?.kind ?? 'strategic_cooperation');
  const [titleZh, setTitleZh] = useState(initial?.titleZh ?? '');
  const [titleEn, setTitleEn] = useState(initial?.titleEn ?? '');
  const [referenceNo, setReferenceNo] = useState(initial?.referenceNo ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [signedOn, setSignedOn] = useState(initial?.signedOn ?? '');
  const [termStart, setTermStart] = useState(initial?.termStart ?? '');
  const [termEnd, setTermEnd] = useState(initial?.termEnd ?? '');
  const [projectIds, setProjectIds] = useState<string[]>(initial?.projects.map((p) => p.id) ?? []);
  const [parties, setParties] = useState<PartyRow[]>(
    initial?.parties.map((p, key) => ({
      key,
      kind: p.kind,
      partnerId: p.partnerId,
      companyId: p.companyId,
      companyLabel: p.kind === 'company' ? (p.nameZh ?? undefined) : undefined,
      name: p.kind === 'organisation' ? p.nameZh : null,
      role: p.role,
    })) ?? [{ key: 0, kind: 'tenant', role: '' }],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: AgreementInput) =>
      initial ? updateAgreement(initial.id, body) : createAgreement(body),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: agreementKeys.all });
      void navigate(`/agreements/${saved.id}`);
    },
  });

  const setParty = (key: number, patch: Partial<PartyRow>) =>
    setParties((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!titleZh.trim()) found.titleZh = t('agreements.form.required');
    if (termStart && termEnd && termEnd < termStart) found.termEnd = t('agreements.form.termEndBeforeStart');
    parties.forEach((p) => {
      if (p.kind === 'partner' && !p.partnerId) found[`party${p.key}`] = t('agreements.form.choosePartner');
      if (p.kind === 'company' && !p.companyId) found[`party${p.key}`] = t('agreements.form.chooseCompany');
      if (p.kind === 'organisation' && !p.name?.trim())
        found[`party${p.key}`] = t('agreements.form.nameOrganisation');
    });
    if (kind === 'commissioned_promotion' && !parties.some((p) => p.kind === 'partner'))
      found.parties = t('agreements.form.commissionedNeedsPartner');
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({
      kind,
      titleZh: titleZh.trim(),
      titleEn: titleEn.trim() || null,
      referenceNo: referenceNo.trim() || null,
      summary: summary.trim() || null,
      signedOn: dateOrNull(signedOn),
      termStart: dateOrNull(termStart),
      termEnd: dateOrNull(termEnd),
      parties: parties.map(({ kind: k, partnerId, companyId, name, role }) => ({
        kind: k,
        partnerId: k === 'partner' ? partnerId : null,
        companyId: k === 'company' ? companyId : null,
        name: k === 'organisation' ? name : null,
        role: role?.trim() || null,
      })),
      projectIds,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group grow align="flex-start">
              <Select
                label={t('agreements.fields.kind')}
                data={agreementKinds.map((k) => ({ value: k, label: labels.kind(k) }))}
                value={kind}
                onChange={(v) => v && setKind(v as AgreementKind)}
                allowDeselect={false}
                data-testid="agreement-kind"
              />
              <TextInput
                label={t('agreements.fields.referenceNo')}
                value={referenceNo}
                onChange={(e) => setReferenceNo(e.currentTarget.value)}
                maxLength={100}
                data-testid="agreement-reference"
              />
            </Group>
            <TextInput
              label={t('agreements.fields.titleZh')}
              value={titleZh}
              onChange={(e) => setTitleZh(e.currentTarget.value)}
              error={errors.titleZh}
              maxLength={300}
              withAsterisk
              data-testid="agreement-title-zh"
            />
            <TextInput
              label={t('agreements.fields.titleEn')}
              value={titleEn}
              onChange={(e) => setTitleEn(e.currentTarget.value)}
              maxLength={300}
            />
            <Textarea
              label={t('agreements.fields.summary')}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={4000}
            />
            <Group grow align="flex-start">
              <TextInput
                type="date"
                label={t('agreements.fields.signedOn')}
                value={signedOn}
                onChange={(e) => setSignedOn(e.currentTarget.value)}
                data-testid="agreement-signed-on"
              />
              <TextInput
                type="date"
                label={t('agreements.fields.termStart')}
                value={termStart}
                onChange={(e) => setTermStart(e.currentTarget.value)}
                data-testid="agreement-term-start"
              />
              <TextInput
                type="date"
                label={t('agreements.fields.termEnd')}
                value={termEnd}
                onChange={(e) => setTermEnd(e.currentTarget.value)}
                error={errors.termEnd}
                data-testid="agreement-term-end"
              />
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" data-testid="agreement-parties-form">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('agreements.fields.parties')}
            </Title>
            {parties.map((p) => (
              <Group key={p.key} align="flex-end" gap="sm" wrap="nowrap">
                <Select
                  label={t('agreements.party.kind')}
                  data={partyKinds.map((k) => ({ value: k, label: labels.partyKind(k) }))}
                  value={p.kind}
                  onChange={(v) => v && setParty(p.key, { kind: v as PartyKind })}
                  allowDeselect={false}
                  w={170}
                />
                {p.kind === 'tenant' ? (
                  <TextInput
                    label={t('agreements.party.name')}
                    value={session.tenant.nameZh}
                    readOnly
                    style={{ flex: 1 }}
                  />
                ) : p.kind === 'partner' ? (
                  <Select
                    label={t('agreements.party.partner')}
                    data={partners.data ?? []}
                    value={p.partnerId ?? null}
                    onChange={(v) => setParty(p.key, { partnerId: v })}
                    searchable
                    error={errors[`party${p.key}`]}
                    style={{ flex: 1 }}
                    data-testid="agreement-party-partner"
                  />
                ) : p.kind === 'company' ? (
                  <CompanyPicker
                    label={t('agreements.party.company')}
                    value={p.companyId ? { value: p.companyId, label: p.companyLabel ?? p.companyId } : null}
                    onChange={(o) => setParty(p.key, { companyId: o?.value ?? null, companyLabel: o?.label })}
                  />
                ) : (
                  <TextInput
                    label={t('agreements.party.name')}
                    value={p.name ?? ''}
                    onChange={(e) => setParty(p.key, { name: e.currentTarget.value })}
                    error={errors[`party${p.key}`]}
                    maxLength={200}
                    style={{ flex: 1 }}
                  />
                )}
                <TextInput
                  label={t('agreements.party.role')}
                  placeholder={t('agreements.party.rolePlaceholder')}
                  value={p.role ?? ''}
                  onChange={(e) => setParty(p.key, { role: e.currentTarget.value })}
                  maxLength={100}
                  w={140}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('agreements.party.remove')}
                  onClick={() => setParties((rows) => rows.filter((r) => r.key !== p.key))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {errors.parties ? (
              <Text size="sm" c="red">
                {errors.parties}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() =>
                  setParties((rows) => [
                    ...rows,
                    { key: Math.max(0, ...rows.map((r) => r.key)) + 1, kind: 'partner' },
                  ])
                }
                data-testid="agreement-add-party"
              >
                {t('agreements.party.add')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <MultiSelect
            label={t('agreements.fields.projects')}
            data={projects.data ?? []}
            value={projectIds}
            onChange={setProjectIds}
            searchable
            clearable
          />
        </Paper>

        {save.isError ? (
          <Alert color="red" data-testid="agreement-form-error">
            {isApiError(save.error) ? (save.error.detail ?? save.error.title) : t('errors.loadFailed')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="agreement-save">
            {t('common.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => void navigate(initial ? `/agreements/${initial.id}` : '/agreements')}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NewAgreementPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('agreements.new')}
      </Title>
      <AgreementForm />
    </Stack>
  );
}

export function EditAgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const agreement = useAgreement(id);
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('agreements.edit')}
      </Title>
      {agreement.isPending ? (
        <Skeleton h={300} />
      ) : agreement.isError ? (
        <ErrorState error={agreement.error} onRetry={() => void agreement.refetch()} />
      ) : (
        <AgreementForm initial={agreement.data} />
      )}
    </Stack>
  );
}
