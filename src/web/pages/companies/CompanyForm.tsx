import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryCodes } from '../../../domain/countries.ts';
import { isApiError } from '../../api/client.ts';
import { COMPANY_STATUSES, type CompanyInput, ENTERPRISE_TYPES, HQ_TYPES } from '../../api/companies.ts';
import { useIndustry } from '../../api/reference.ts';
import { useCurrencyLabel } from '../../components/Money.tsx';
import { pickName } from '../../i18n/index.ts';
import {
  type CompanyFormValues,
  type FormErrors,
  type FormField,
  formToInput,
  serverRefusal,
} from './companyForm.ts';
import { useRegistryLabels } from './labels.ts';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

/** ISO 3166 alpha-2 regions with their names in `language`, for the source-country select. */
function useCountryOptions(language: string) {
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    const options: { value: string; label: string }[] = [];
    for (const code of countryCodes()) {
      const name = names.of(code);
      if (name) options.push({ value: code, label: `${name} (${code})` });
    }
    return options.sort((x, y) => x.label.localeCompare(y.label, language));
  }, [language]);
}

export interface CompanyFormProps {
  initial: CompanyFormValues;
  submitLabel: string;
  pending: boolean;
  /** The last failed save: its problem detail is shown beside the form. */
  error: unknown;
  onSubmit: (body: CompanyInput) => void;
  onCancel: () => void;
}

/** Every company field; money in 万元. Browser checks cover only the obvious, the server's detail the rest. */
export function CompanyForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: CompanyFormProps) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const currencyLabel = useCurrencyLabel();
  const countries = useCountryOptions(i18n.language);
  const [values, setValues] = useState<CompanyFormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [debouncedIndustry] = useDebouncedValue(values.industryCode.trim(), 300);
  const industry = useIndustry(/^\d{2,4}$/.test(debouncedIndustry) ? debouncedIndustry : null);

  const set =
    <K extends FormField>(key: K) =>
    (value: CompanyFormValues[K]) => {
      setValues((current) => ({ ...current, [key]: value }));
      setErrors((current) => ({ ...current, [key]: undefined }));
    };
  const input = (key: FormField) => ({
    name: key,
    value: values[key] as string,
    onChange: (event: { currentTarget: { value: string } }) =>
      set(key)(event.currentTarget.value as CompanyFormValues[typeof key]),
    error: fieldError(key),
  });

  // The server's problem: shown above the form, and under the field it names, in the page's language when the
  // problem gives its message code.
  const refusal =
    isApiError(error) && error.status === 400 ? serverRefusal(error.problem, i18n.language) : null;
  const detail =
    refusal?.text ?? (isApiError(error) ? (error.detail ?? error.title) : error ? String(error) : null);
  const existingId =
    isApiError(error) && error.status === 409 && typeof error.problem?.existingId === 'string'
      ? error.problem.existingId
      : null;
  const fieldError = (key: FormField) => {
    if (errors[key]) return t(errors[key] as string);
    if (refusal?.field === key && !pending) return refusal.fieldText;
    return undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = formToInput(values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onSubmit(result.body);
  };

  const industryDescription: ReactNode = !debouncedIndustry
    ? t('companyForm.industryHint')
    : industry.data
      ? `${industry.data.code} ${pickName(i18n.language, industry.data.nameZh, industry.data.nameEn)}`
      : industry.isFetching
        ? '…'
        : t('companyForm.unknownIndustry');

  const currencyOptions = [...new Set([...CURRENCIES, values.capitalCurrency].filter(Boolean))].map(
    (code) => ({
      value: code,
      label: `${code} · ${currencyLabel(code)}`,
    }),
  );
  const wan = (code: string) => (
    <Text size="xs" c="dimmed">
      {t('companyForm.wanOf', { currency: currencyLabel(code) })}
    </Text>
  );

  return (
    <form onSubmit={submit} noValidate data-testid="company-form">
      <Stack gap="md">
        {detail && !pending ? (
          <Alert
            color="red"
            title={t('companyForm.saveFailed')}
            role="alert"
            data-testid="company-form-error"
          >
            <Stack gap={4}>
              <Text size="sm">{detail}</Text>
              {existingId ? (
                <Anchor
                  component={Link}
                  to={`/companies/${existingId}`}
                  size="sm"
                  data-testid="existing-company"
                >
                  {t('companyForm.openExisting')}
                </Anchor>
              ) : null}
            </Stack>
          </Alert>
        ) : null}

        <Fieldset legend={t('profile.groups.registration')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              {...input('creditCode')}
              label={t('company.fields.creditCode')}
              required
              maxLength={30}
              ff="monospace"
              autoComplete="off"
            />
            <TextInput {...input('nameZh')} label={t('company.fields.nameZh')} required maxLength={200} />
            <TextInput {...input('nameEn')} label={t('company.fields.nameEn')} maxLength={300} />
            <TagsInput
              name="formerNames"
              label={t('company.fields.formerNames')}
              description={t('companyForm.listHint')}
              value={values.formerNames}
              onChange={set('formerNames')}
              splitChars={[',', '，', ';', '；', '、']}
              maxTags={20}
              clearable
            />
            <TextInput
              {...input('legalRepresentative')}
              label={t('company.fields.legalRepresentative')}
              maxLength={100}
            />
            <TextInput {...input('establishedOn')} type="date" label={t('company.fields.establishedOn')} />
            <Group grow align="flex-start" gap="xs">
              <TextInput
                {...input('registeredCapitalWan')}
                label={t('company.fields.registeredCapital')}
                inputMode="decimal"
                rightSection={wan(values.capitalCurrency)}
                rightSectionWidth={64}
              />
              <Select
                name="capitalCurrency"
                label={t('company.fields.capitalCurrency')}
                data={currencyOptions}
                value={values.capitalCurrency}
                onChange={(value) => set('capitalCurrency')(value ?? 'CNY')}
                error={fieldError('capitalCurrency')}
                allowDeselect={false}
                searchable
              />
            </Group>
            <Select
              name="status"
              label={t('company.fields.status')}
              data={COMPANY_STATUSES.map((value) => ({ value, label: labels.status(value) }))}
              value={values.status}
              onChange={(value) => value && set('status')(value as CompanyFormValues['status'])}
              error={fieldError('status')}
              allowDeselect={false}
            />
            <Select
              name="enterpriseType"
              label={t('company.fields.enterpriseType')}
              data={ENTERPRISE_TYPES.map((value) => ({ value, label: labels.enterpriseType(value) }))}
              value={values.enterpriseType}
              onChange={(value) =>
                value && set('enterpriseType')(value as CompanyFormValues['enterpriseType'])
              }
              error={fieldError('enterpriseType')}
              allowDeselect={false}
            />
            <Select
              name="sourceCountry"
              label={t('company.fields.sourceCountry')}
              data={countries}
              value={values.sourceCountry || null}
              onChange={(value) => set('sourceCountry')(value ?? '')}
              error={fieldError('sourceCountry')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
            />
            <Select
              name="hqType"
              label={t('company.fields.hqType')}
              data={HQ_TYPES.map((value) => ({ value, label: labels.hqType(value) }))}
              value={values.hqType}
              onChange={(value) => value && set('hqType')(value as CompanyFormValues['hqType'])}
              error={fieldError('hqType')}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('profile.groups.location')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              {...input('industryCode')}
              label={t('company.fields.industryCode')}
              description={industryDescription}
              maxLength={5}
              ff="monospace"
              autoComplete="off"
            />
            <Select
              name="townCode"
              label={t('company.fields.town')}
              data={labels.towns.map((town) => ({
                value: town.code,
                label: pickName(i18n.language, town.nameZh, town.nameEn),
              }))}
              value={values.townCode || null}
              onChange={(value) => set('townCode')(value ?? '')}
              error={fieldError('townCode')}
              searchable
              clearable
            />
            <TextInput {...input('park')} label={t('company.fields.park')} maxLength={100} />
            <TextInput {...input('address')} label={t('company.fields.address')} maxLength={300} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('profile.groups.operations')}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput {...input('employees')} label={t('company.fields.employees')} inputMode="numeric" />
            <TextInput
              {...input('annualOutputWan')}
              label={t('company.fields.annualOutput')}
              inputMode="decimal"
              rightSection={wan('CNY')}
              rightSectionWidth={64}
            />
            <TextInput
              {...input('annualTaxWan')}
              label={t('company.fields.annualTax')}
              inputMode="decimal"
              rightSection={wan('CNY')}
              rightSectionWidth={64}
            />
            <TagsInput
              name="tags"
              label={t('company.fields.tags')}
              description={t('companyForm.listHint')}
              value={values.tags}
              onChange={set('tags')}
              splitChars={[',', '，', ';', '；', '、']}
              maxTags={50}
              clearable
            />
          </SimpleGrid>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending} data-testid="company-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="company-form-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
