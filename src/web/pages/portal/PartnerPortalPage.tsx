import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PartnerLeadForm } from './PartnerLeadForm.tsx';
import { PartnerReferrals } from './PartnerReferrals.tsx';

/** A partner user's home: its referrals and where they stand, and a form to refer a new lead. */
export function PartnerPortalPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="partner-portal">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('portal.title')}
        </Title>
        <Text c="dimmed">{t('portal.subtitle')}</Text>
      </Stack>
      <PartnerLeadForm />
      <PartnerReferrals />
    </Stack>
  );
}
