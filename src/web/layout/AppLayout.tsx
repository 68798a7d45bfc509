import {
  AppShell,
  Badge,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, matchPath, Outlet, useLocation, useNavigate } from 'react-router';
import type { Role } from '../api/types.ts';
import { useCurrentSession, useLogout } from '../auth/session.ts';
import { pickName } from '../i18n/index.ts';
import { REGISTRY_READ_ROLES } from '../pages/companies/roles.ts';
import { EVENT_READ_ROLES } from '../pages/events/roles.ts';
import { PIPELINE_NOTES_ROLES, PIPELINE_READ_ROLES } from '../pages/projects/roles.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface NavItem {
  to: string;
  labelKey: string;
  roles?: readonly Role[];
  testId: string;
}

interface NavGroup {
  labelKey?: string;
  items: NavItem[];
}

export const NAVIGATION: NavGroup[] = [
  {
    items: [
      // A partner's home is its portal: the district overview reads records a partner may not.
      { to: '/', labelKey: 'nav.home', roles: PIPELINE_NOTES_ROLES, testId: 'nav-home' },
      { to: '/cockpit', labelKey: 'nav.cockpit', roles: PIPELINE_NOTES_ROLES, testId: 'nav-cockpit' },
      { to: '/portal', labelKey: 'nav.portal', roles: ['partner'], testId: 'nav-portal' },
    ],
  },
  {
    labelKey: 'nav.work',
    items: [
      {
        to: '/projects',
        labelKey: 'nav.projects',
        roles: PIPELINE_READ_ROLES,
        testId: 'nav-projects',
      },
      {
        to: '/projects/funnel',
        labelKey: 'nav.funnel',
        roles: PIPELINE_NOTES_ROLES,
        testId: 'nav-funnel',
      },
      { to: '/partners', labelKey: 'partners.nav', roles: PIPELINE_NOTES_ROLES, testId: 'nav-partners' },
      { to: '/events', labelKey: 'events.nav', roles: EVENT_READ_ROLES, testId: 'nav-events' },
      {
        to: '/agreements',
        labelKey: 'agreements.nav',
        roles: PIPELINE_READ_ROLES,
        testId: 'nav-agreements',
      },
      {
        to: '/companies',
        labelKey: 'nav.companies',
        roles: REGISTRY_READ_ROLES,
        testId: 'nav-companies',
      },
    ],
  },
  {
    labelKey: 'nav.reference',
    items: [
      { to: '/reference/divisions', labelKey: 'nav.divisions', testId: 'nav-divisions' },
      { to: '/reference/industries', labelKey: 'nav.industries', testId: 'nav-industries' },
    ],
  },
  {
    labelKey: 'nav.administration',
    items: [{ to: '/audit', labelKey: 'nav.audit', roles: ['admin'], testId: 'nav-audit' }],
  },
];

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const session = useCurrentSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);

  // Close the mobile navigation after following a link.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on route change only
  useEffect(() => close(), [location.pathname]);

  const tenantName = pickName(i18n.language, session.tenant.nameZh, session.tenant.nameEn);
  const groups = NAVIGATION.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.roles || item.roles.includes(session.role)),
  })).filter((group) => group.items.length > 0);

  // The most specific entry that matches is the one lit: /projects/funnel is the funnel's, not also the table's.
  const activeTo = groups
    .flatMap((group) => group.items.map((item) => item.to))
    .filter((to) => matchPath({ path: to, end: to === '/' }, location.pathname) !== null)
    .sort((a, b) => b.length - a.length)[0];

  const signOut = () =>
    logout.mutate(undefined, { onSuccess: () => void navigate('/login', { replace: true }) });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text
              fw={700}
              size="lg"
              c="indigo.7"
              component={Link}
              to="/"
              visibleFrom="sm"
              style={{ whiteSpace: 'nowrap' }}
            >
              {t('app.name')}
            </Text>
            <Divider orientation="vertical" visibleFrom="sm" />
            <Text fw={500} truncate data-testid="tenant-name">
              {tenantName}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitch />
            <Stack gap={0} align="flex-end" visibleFrom="md">
              <Text size="sm" data-testid="user-email">
                {session.user.email}
              </Text>
              <Badge size="xs" variant="light" data-testid="user-role">
                {t(`roles.${session.role}`)}
              </Badge>
            </Stack>
            <Button
              variant="default"
              size="xs"
              onClick={signOut}
              loading={logout.isPending}
              data-testid="sign-out"
            >
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {groups.map((group) => (
              <Stack gap={2} key={group.labelKey ?? 'main'}>
                {group.labelKey ? (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
                    {t(group.labelKey)}
                  </Text>
                ) : null}
                {group.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.labelKey)}
                    data-testid={item.testId}
                    active={item.to === activeTo}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="md" pt="sm">
          <Divider mb="sm" />
          <Text size="sm" px="sm" truncate>
            {session.user.email}
          </Text>
          <Text size="xs" px="sm" c="dimmed">
            {t(`roles.${session.role}`)}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
