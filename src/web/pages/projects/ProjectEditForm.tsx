import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMajor } from '../../../domain/currency.ts';
import { priorities, projectKinds, projectSources } from '../../../domain/pipeline-enums.ts';
import { isApiError } from '../../api/client.ts';
import { useMemberDirectory } from '../../api/members.ts';
import {
  type Project,
  projectKeys,
  updateProject,
  useCurrencyRates,
  useMajorThreshold,
  usePartnerOptions,
} from '../../api/projects.ts';
import { useClusters, useSites, useTowns, useZones } from '../../api/territory.ts';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { Money } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import { CompanyPicker } from './CompanyPicker.tsx';
import { usePipelineLabels } from './labels.ts';
import { changes, convert, formValues, type ProjectFormValues } from './projectForm.ts';

/**
 * Every field of a project in one form. The API validates the whole record and answers a refusal with a reason,
 * shown above the buttons; the major flag is not a field but follows from the amount and the tenant's threshold.
 */
export function ProjectEditForm({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const labels = usePipelineLabels();
  const queryClient = useQueryClient();
  const directory = useMemberDirectory();
  const towns = useTowns();
  const zones = useZones();
  const sites = useSites();
  const clusters = useClusters();
  const rates = useCurrencyRates();
  const threshold = useMajorThreshold();
  const partners = usePartnerOptions();
  const [initial] = useState(() => formValues(project));
  const [v, setValues] = useState<ProjectFormValues>(initial);
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const name = (item: { nameZh: string; nameEn: string | null }) =>
    pickName(i18n.language, item.nameZh, item.nameEn);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => updateProject(project.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(projectKeys.detail(project.id), updated);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all });
      onClose();
    },
  });
  const patch = changes(initial, v);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(patch).length) save.mutate(patch);
    else onClose();
  };

  const conversion = convert(v.amount, v.currency, rates.data ?? []);
  const major =
    conversion.kind === 'yuan' && threshold.data
      ? isMajor(BigInt(conversion.yuan), BigInt(threshold.data))
      : false;
  const currencies = ['CNY', ...(rates.data ?? []).map((r) => r.currency)];
  const referral = v.source === 'partner_referral' || v.source === 'company_referral';
  const sitesHere = (sites.data ?? []).filter((s) => !v.townCode || s.townCode === v.townCode);
  const zonesHere = (zones.data ?? []).filter((z) => !v.townCode || z.townCodes.includes(v.townCode));
  const option = (value: string, label: string) => ({ value, label });

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={t('projectTools.form.title', { title: project.title })}
    >
      <form onSubmit={submit} data-testid="project-form">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('pipeline.fields.title')}
              value={v.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              maxLength={200}
              required
              error={v.title.trim() ? null : t('projectTools.form.titleRequired')}
              data-testid="form-title"
            />
            <TextInput
              label={t('projectTools.form.code')}
              description={t('projectTools.form.codeHint')}
              value={v.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              maxLength={40}
              data-testid="form-code"
            />
          </SimpleGrid>

          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('pipeline.fields.investor')}
            </Text>
            <SegmentedControl
              value={v.investor}
              onChange={(value) => set('investor', value as ProjectFormValues['investor'])}
              data={[
                option('company', t('projectTools.form.registryCompany')),
                option('prospect', t('projectTools.form.prospect')),
              ]}
              data-testid="form-investor-mode"
            />
            {v.investor === 'company' ? (
              <CompanyPicker
                label={t('projectTools.form.registryCompany')}
                value={v.investorCompanyId}
                initialLabel={project.investorCompany?.nameZh ?? null}
                onChange={(id) => set('investorCompanyId', id)}
                testId="form-company"
              />
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('projectTools.form.prospectName')}
                  value={v.prospectName}
                  onChange={(e) => set('prospectName', e.currentTarget.value)}
                  maxLength={200}
                  data-testid="form-prospect-name"
                />
                <TextInput
                  label={t('projectTools.form.prospectCountry')}
                  description={t('projectTools.form.countryHint')}
                  value={v.prospectCountry}
                  onChange={(e) => set('prospectCountry', e.currentTarget.value.toUpperCase())}
                  maxLength={2}
                  data-testid="form-prospect-country"
                />
              </SimpleGrid>
            )}
          </Stack>

          <IndustryPicker
            label={t('pipeline.fields.industry')}
            value={v.industryCode}
            onChange={(code) => set('industryCode', /^\d{2,4}$/.test(code) ? code : '')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('pipeline.fields.cluster')}
              data={(clusters.data ?? []).map((c) => option(c.id, name(c)))}
              value={v.clusterId || null}
              onChange={(value) => set('clusterId', value ?? '')}
              clearable
            />
            <Select
              label={t('pipeline.fields.town')}
              data={(towns.data ?? []).map((town) => option(town.code, name(town)))}
              value={v.townCode || null}
              onChange={(value) =>
                setValues((c) => ({ ...c, townCode: value ?? '', siteId: '', zoneId: '' }))
              }
              clearable
              searchable
              data-testid="form-town"
            />
            <Select
              label={t('projectTools.form.zone')}
              data={zonesHere.map((z) => option(z.id, name(z)))}
              value={v.zoneId || null}
              onChange={(value) => set('zoneId', value ?? '')}
              clearable
            />
            <Select
              label={t('projectTools.form.site')}
              data={sitesHere.map((s) => option(s.id, name(s)))}
              value={v.siteId || null}
              onChange={(value) => set('siteId', value ?? '')}
              clearable
            />
          </SimpleGrid>

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('pipeline.fields.amount')}
              description={t('projectTools.form.amountHint')}
              value={v.amount}
              onChange={(e) => set('amount', e.currentTarget.value)}
              maxLength={40}
              data-testid="form-amount"
            />
            <Select
              label={t('projectTools.form.currency')}
              data={currencies.map((c) => option(c, `${c} ${t(`currencies.${c}`, { defaultValue: '' })}`))}
              value={v.currency}
              onChange={(value) => set('currency', value ?? 'CNY')}
              allowDeselect={false}
              data-testid="form-currency"
            />
          </SimpleGrid>
          <Group gap="sm" data-testid="form-conversion">
            {conversion.kind === 'yuan' ? (
              <>
                <Text size="sm">{t('projectTools.form.inYuan')}</Text>
                <Money yuan={conversion.yuan} />
              </>
            ) : conversion.kind === 'invalid' ? (
              <Text size="sm" c="red">
                {t('projectTools.form.badAmount', { reason: conversion.reason })}
              </Text>
            ) : conversion.kind === 'noRate' ? (
              <Text size="sm" c="red">
                {t('projectTools.form.noRate', { currency: conversion.currency })}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('projectTools.form.noAmount')}
              </Text>
            )}
            <Badge color={major ? 'grape' : 'gray'} variant="light" data-testid="form-major">
              {major ? t('pipeline.major') : t('projectTools.form.notMajor')}
            </Badge>
          </Group>

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('pipeline.fields.kind')}
              data={projectKinds.map((k) => option(k, labels.kind(k)))}
              value={v.kind || null}
              onChange={(value) => set('kind', (value ?? '') as ProjectFormValues['kind'])}
              clearable
              data-testid="form-kind"
            />
            <Checkbox
              label={t('pipeline.fields.foreignFunded')}
              checked={v.foreignFunded}
              onChange={(e) => set('foreignFunded', e.currentTarget.checked)}
              mt={28}
              data-testid="form-foreign"
            />
            <TextInput
              label={t('pipeline.fields.expectedOutput')}
              description={t('projectTools.form.yuanHint')}
              value={v.expectedOutputYuan}
              onChange={(e) => set('expectedOutputYuan', e.currentTarget.value)}
              maxLength={40}
            />
            <TextInput
              label={t('pipeline.fields.expectedTax')}
              description={t('projectTools.form.yuanHint')}
              value={v.expectedTaxYuan}
              onChange={(e) => set('expectedTaxYuan', e.currentTarget.value)}
              maxLength={40}
            />
            <TextInput
              label={t('pipeline.fields.expectedJobs')}
              value={v.expectedJobs}
              onChange={(e) => set('expectedJobs', e.currentTarget.value.replace(/\D/g, ''))}
              inputMode="numeric"
              maxLength={8}
            />
            <Select
              label={t('projectTools.officer')}
              data={directory.staff.map((m) => option(m.id, m.displayName))}
              value={v.officerId || null}
              onChange={(value) => set('officerId', value ?? '')}
              clearable
              data-testid="form-officer"
            />
            <Select
              label={t('pipeline.fields.priority')}
              data={priorities.map((p) => option(p, labels.priority(p)))}
              value={v.priority}
              onChange={(value) => set('priority', (value ?? 'medium') as ProjectFormValues['priority'])}
              allowDeselect={false}
            />
            <Select
              label={t('pipeline.fields.source')}
              data={projectSources.map((s) => option(s, labels.source(s)))}
              value={v.source}
              onChange={(value) => set('source', (value ?? 'direct') as ProjectFormValues['source'])}
              allowDeselect={false}
              data-testid="form-source"
            />
            {referral ? (
              <Select
                label={t('projectTools.form.partner')}
                data={(partners.data ?? []).map((p) => option(p.id, name(p)))}
                value={v.partnerId || null}
                onChange={(value) => set('partnerId', value ?? '')}
                clearable
                searchable
                data-testid="form-partner"
              />
            ) : null}
          </SimpleGrid>
          <Textarea
            label={t('projectTools.form.description')}
            value={v.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            maxLength={4000}
            autosize
            minRows={2}
          />

          {save.isError ? (
            <Alert color="red" title={t('projectTools.form.refused')} role="alert" data-testid="form-error">
              {isApiError(save.error) ? (save.error.detail ?? save.error.title) : t('errors.loadFailed')}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('board.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!v.title.trim()} data-testid="form-save">
              {t('projectTools.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
