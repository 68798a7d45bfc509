import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useClusters, useSites, useTowns, useZones } from '../api/territory.ts';
import type { Town } from '../api/types.ts';
import { useCurrentSession } from '../auth/session.ts';
import { BilingualName } from '../components/BilingualName.tsx';
import { Fact } from '../components/Fact.tsx';
import { Section } from '../components/Section.tsx';
import { joinList, pickName } from '../i18n/index.ts';
import { DueMilestones } from './agreements/DueMilestones.tsx';
import { DueTasks } from './projects/DueTasks.tsx';

/** The district at a glance; a partner, which may not read the district's records, is sent to its portal. */
export function HomePage() {
  const session = useCurrentSession();
  if (session.role === 'partner') return <Navigate to="/portal" replace />;
  return <DistrictOverview />;
}

function DistrictOverview() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const towns = useTowns();
  const zones = useZones();
  const sites = useSites();
  const clusters = useClusters();
  const { tenant } = session;

  const townsByCode = useMemo(
    () => new Map((towns.data ?? []).map((town) => [town.code, town])),
    [towns.data],
  );
  const townName = (code: string | null) => {
    if (!code) return t('common.none');
    const town: Town | undefined = townsByCode.get(code);
    return town ? pickName(i18n.language, town.nameZh, town.nameEn) : code;
  };

  const scope =
    session.towns.length === 0
      ? t('home.allTowns')
      : joinList(
          i18n.language,
          session.towns.map((code) => townName(code)),
        );

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('home.title')}
        </Title>
        <Text c="dimmed">{t('home.subtitle')}</Text>
      </Stack>

      <Paper withBorder p="lg" radius="md" data-testid="tenant-card">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
          <Fact look="strong" label={t('home.nameZh')} testId="tenant-name-zh">
            {tenant.nameZh}
          </Fact>
          <Fact look="strong" label={t('home.nameEn')} testId="tenant-name-en">
            {tenant.nameEn ?? t('common.none')}
          </Fact>
          <Fact look="strong" label={t('home.divisionCode')} testId="tenant-division">
            {tenant.divisionCode}
          </Fact>
          <Fact look="strong" label={t('home.yourRole')}>
            {t(`roles.${session.role}`)}
          </Fact>
        </SimpleGrid>
        <Text size="sm" c="dimmed" mt="md">
          {t('home.yourScope', { scope })}
        </Text>
      </Paper>

      <DueTasks />
      <DueMilestones />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section title={t('home.towns')} query={towns} empty={t('home.noTowns')} testId="towns">
          {(items) => (
            <Table striped highlightOnHover verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={120}>{t('common.code')}</Table.Th>
                  <Table.Th>{t('common.name')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((town) => (
                  <Table.Tr key={town.code}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {town.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <BilingualName nameZh={town.nameZh} nameEn={town.nameEn} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>

        <Stack gap="lg">
          <Section title={t('home.zones')} query={zones} empty={t('home.noZones')} testId="zones">
            {(items) => (
              <Table verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th miw={160}>{t('common.name')}</Table.Th>
                    <Table.Th>{t('home.zoneTowns')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((zone) => (
                    <Table.Tr key={zone.id}>
                      <Table.Td>
                        <BilingualName nameZh={zone.nameZh} nameEn={zone.nameEn} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {zone.townCodes.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              {t('common.none')}
                            </Text>
                          ) : (
                            zone.townCodes.map((code) => (
                              <Badge key={code} variant="light" radius="sm" tt="none">
                                {townName(code)}
                              </Badge>
                            ))
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>

          <Section title={t('home.sites')} query={sites} empty={t('home.noSites')} testId="sites">
            {(items) => (
              <Table verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('common.name')}</Table.Th>
                    <Table.Th>{t('home.siteKind')}</Table.Th>
                    <Table.Th>{t('home.siteTown')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((site) => (
                    <Table.Tr key={site.id}>
                      <Table.Td>
                        <BilingualName nameZh={site.nameZh} nameEn={site.nameEn} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`siteKinds.${site.kind}`, { defaultValue: site.kind })}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{townName(site.townCode)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
        </Stack>
      </SimpleGrid>

      <Section title={t('home.clusters')} query={clusters} empty={t('home.noClusters')} testId="clusters">
        {(items) => (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t('common.code')}</Table.Th>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('home.industryCodes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((cluster) => (
                <Table.Tr key={cluster.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {cluster.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <BilingualName nameZh={cluster.nameZh} nameEn={cluster.nameEn} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {cluster.industryCodes.map((code) => (
                        <Badge key={code} variant="outline" color="gray" radius="sm" ff="monospace">
                          {code}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}
