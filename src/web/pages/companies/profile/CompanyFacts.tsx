import { Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIndustry } from '../../../api/reference.ts';
import { Fact } from '../../../components/Fact.tsx';
import { Money } from '../../../components/Money.tsx';
import { pickName } from '../../../i18n/index.ts';
import { useRegistryLabels } from '../labels.ts';
import { ProfileSection } from './ProfileSection.tsx';
import type { CompanySectionProps } from './sections.tsx';

function Plain({ value }: { value: string | number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') {
    return (
      <Text size="sm" c="dimmed">
        {t('common.notRecorded')}
      </Text>
    );
  }
  return (
    <Text size="sm" fw={500} style={{ wordBreak: 'break-word' }}>
      {value}
    </Text>
  );
}

function Group3({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h6" c="dimmed" tt="uppercase">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </Stack>
  );
}

/** GB/T 4754 code with its name, and the section and division it sits in. */
function IndustryFact({ code, section }: { code: string; section: string | null }) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const industry = useIndustry(code);
  const division = useIndustry(code.length > 2 ? code.slice(0, 2) : null);
  const name = industry.data ? pickName(i18n.language, industry.data.nameZh, industry.data.nameEn) : null;
  const trail = [
    section ? `${section} ${labels.sectionName(section)}` : null,
    division.data
      ? `${division.data.code} ${pickName(i18n.language, division.data.nameZh, division.data.nameEn)}`
      : null,
  ].filter(Boolean);
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        <Text span ff="monospace" fw={600}>
          {code}
        </Text>{' '}
        {name ?? (industry.isPending ? '…' : t('profile.unknownIndustry'))}
      </Text>
      {trail.length ? (
        <Text size="xs" c="dimmed">
          {trail.join(' › ')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Everything the registry knows about the company, grouped as an officer reads it. */
export function CompanyFacts({ detail }: CompanySectionProps) {
  const { t, i18n } = useTranslation();
  const labels = useRegistryLabels();
  const { company } = detail;
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(i18n.language);
  const list = (items: string[]) =>
    items.length ? (
      <Group gap={4}>
        {items.map((item) => (
          <Badge key={item} variant="light" color="gray" radius="sm" tt="none">
            {item}
          </Badge>
        ))}
      </Group>
    ) : (
      <Plain value={null} />
    );

  return (
    <ProfileSection title={t('profile.facts')} testId="company-facts">
      <Stack gap="lg">
        <Group3 title={t('profile.groups.registration')}>
          <Fact label={t('company.fields.creditCode')} testId="fact-credit-code">
            <Text size="sm" fw={600} ff="monospace">
              {company.creditCode}
            </Text>
          </Fact>
          <Fact label={t('company.fields.nameZh')} testId="fact-name-zh">
            <Plain value={company.nameZh} />
          </Fact>
          <Fact label={t('company.fields.nameEn')} testId="fact-name-en">
            <Plain value={company.nameEn} />
          </Fact>
          <Fact label={t('company.fields.formerNames')}>{list(company.formerNames)}</Fact>
          <Fact label={t('company.fields.legalRepresentative')}>
            <Plain value={company.legalRepresentative} />
          </Fact>
          <Fact label={t('company.fields.establishedOn')} testId="fact-established">
            <Plain value={company.establishedOn} />
          </Fact>
          <Fact label={t('company.fields.registeredCapital')} testId="fact-capital">
            <Money yuan={company.registeredCapitalYuan} currency={company.capitalCurrency} fw={500} />
          </Fact>
          <Fact label={t('company.fields.status')} testId="fact-status">
            <Plain value={labels.status(company.status)} />
          </Fact>
          <Fact label={t('company.fields.enterpriseType')} testId="fact-enterprise-type">
            <Plain value={labels.enterpriseType(company.enterpriseType)} />
          </Fact>
          <Fact label={t('company.fields.sourceCountry')}>
            <Plain
              value={
                company.sourceCountry
                  ? `${labels.country(company.sourceCountry)} (${company.sourceCountry})`
                  : null
              }
            />
          </Fact>
          <Fact label={t('company.fields.hqType')} testId="fact-hq-type">
            <Plain value={labels.hqType(company.hqType)} />
          </Fact>
        </Group3>

        <Group3 title={t('profile.groups.location')}>
          <Fact label={t('company.fields.industry')} testId="fact-industry">
            {company.industryCode ? (
              <IndustryFact code={company.industryCode} section={company.industrySection} />
            ) : (
              <Plain value={null} />
            )}
          </Fact>
          <Fact label={t('company.fields.town')} testId="fact-town">
            <Plain value={company.townCode ? labels.townName(company.townCode) : null} />
          </Fact>
          <Fact label={t('company.fields.park')}>
            <Plain value={company.park} />
          </Fact>
          <Fact label={t('company.fields.address')}>
            <Plain value={company.address} />
          </Fact>
        </Group3>

        <Group3 title={t('profile.groups.operations')}>
          <Fact label={t('company.fields.employees')}>
            <Plain value={company.employees === null ? null : number.format(company.employees)} />
          </Fact>
          <Fact label={t('company.fields.annualOutput')}>
            <Money yuan={company.annualOutputYuan} fw={500} />
          </Fact>
          <Fact label={t('company.fields.annualTax')}>
            <Money yuan={company.annualTaxYuan} fw={500} />
          </Fact>
          <Fact label={t('company.fields.tags')}>{list(company.tags)}</Fact>
        </Group3>

        <Text size="xs" c="dimmed">
          {t('profile.recordTimes', {
            created: dateTime.format(new Date(company.createdAt)),
            updated: dateTime.format(new Date(company.updatedAt)),
          })}
        </Text>
      </Stack>
    </ProfileSection>
  );
}
