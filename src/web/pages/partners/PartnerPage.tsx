import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePartner } from '../../api/partners.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Money } from '../../components/Money.tsx';
import { usePartnerLabels } from './labels.ts';

/** One partner: its facts, the agreement it works under, its contacts and its scorecard, linked to its projects. */
export function PartnerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = usePartnerLabels();
  const found = usePartner(id);
  if (found.isPending) return <Skeleton h={200} />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => void found.refetch()} />;
  const { partner, contacts, scorecard } = found.data;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/partners" size="sm">
          ← {t('partners.title')}
        </Anchor>
        <Group gap="sm">
          <Title order={1} size="h2" data-testid="partner-name">
            {partner.nameZh}
          </Title>
          <Badge variant="light">{labels.kind(partner.kind)}</Badge>
        </Group>
        {partner.nameEn ? <Text c="dimmed">{partner.nameEn}</Text> : null}
      </Stack>

      <Paper withBorder p="md" radius="md" data-testid="partner-scorecard">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('partners.scorecard')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            <Fact look="figure" label={t('partners.referred')} testId="scorecard-referred">
              {scorecard.referred}
            </Fact>
            <Fact look="figure" label={t('partners.signed')} testId="scorecard-signed">
              {scorecard.signed}
            </Fact>
            <Fact look="figure" label={t('partners.amountSigned')}>
              <Money yuan={scorecard.amountSignedYuan} size="lg" fw={600} />
            </Fact>
            <Fact look="figure" label={t('partners.conversion')}>
              {labels.conversion(scorecard)}
            </Fact>
            <Fact look="figure" label={t('partners.medianDays')}>
              {labels.medianDays(scorecard)}
            </Fact>
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('partners.creditNote')}
          </Text>
          <Group gap="md">
            <Anchor
              component={Link}
              to={`/projects?credited=${partner.id}`}
              size="sm"
              data-testid="partner-credited-link"
            >
              {t('partners.creditedProjects')}
            </Anchor>
            <Anchor component={Link} to={`/projects?partner=${partner.id}`} size="sm">
              {t('partners.referredProjects')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Fact look="figure" label={t('partners.region')}>
            {partner.region ?? '—'}
          </Fact>
          <Fact look="figure" label={t('partners.agreement')}>
            {partner.agreementRef
              ? `${partner.agreementRef}${partner.agreementSignedOn ? ` (${partner.agreementSignedOn})` : ''}`
              : '—'}
          </Fact>
          <Fact look="figure" label={t('partners.website')}>
            {partner.website ? (
              <Anchor href={partner.website} target="_blank" rel="noreferrer">
                {partner.website}
              </Anchor>
            ) : (
              '—'
            )}
          </Fact>
          <Fact look="figure" label={t('partners.notes')}>
            {partner.notes ?? '—'}
          </Fact>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" radius="md" data-testid="partner-contacts">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('partners.contacts')}
          </Title>
          {contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('partners.noContacts')}
            </Text>
          ) : (
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.contactName')}</Table.Th>
                  <Table.Th>{t('partners.contactTitle')}</Table.Th>
                  <Table.Th>{t('partners.phone')}</Table.Th>
                  <Table.Th>{t('partners.email')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((c) => (
                  <Table.Tr key={c.id} data-testid="partner-contact">
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">{c.name}</Text>
                        {c.isPrimary ? (
                          <Badge size="xs" variant="light">
                            {t('partners.primary')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.title ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.phone ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.email ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
