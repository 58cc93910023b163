import {
  AppShell,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconBook,
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconChartDots3,
  IconCheck,
  IconChevronDown,
  IconCoinYen,
  IconCopy,
  IconDatabase,
  IconFileText,
  IconHome,
  IconLifebuoy,
  IconListCheck,
  IconLogout,
  IconSelector,
  IconServer2,
  IconSettings,
  IconShieldCheck,
  IconStairsUp,
  IconUrgent,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../shared/roles.js';
import { api } from './api.js';
import { LanguageSwitch } from './language-switch.js';
import { AppName } from './public-layout.js';
import { useOfflinePlanCopy } from './service-worker.js';
import { useAuthedSession, useForgetSession, useSwitchOrg } from './session.js';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** Needs a current organization (everything but the overview). */
  needsOrg: boolean;
}

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const icon = { size: 18, stroke: 1.6, 'aria-hidden': true } as const;
  return [
    { to: '/', label: t('nav.home'), icon: <IconHome {...icon} />, needsOrg: true },
    {
      to: '/people',
      label: t('nav.people'),
      icon: <IconUsers {...icon} />,
      permission: 'people.read',
      needsOrg: true,
    },
    {
      to: '/structure',
      label: t('nav.structure'),
      icon: <IconBuildingCommunity {...icon} />,
      permission: 'org.read',
      needsOrg: true,
    },
    {
      to: '/diagnosis',
      label: t('diagnosis.nav'),
      icon: <IconStairsUp {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/inventory',
      label: t('inventory.nav'),
      icon: <IconServer2 {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/bia',
      label: t('bia.nav'),
      icon: <IconChartDots3 {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/damage',
      label: t('damage.nav'),
      icon: <IconCoinYen {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/backup-plan',
      label: t('backupPlan.nav'),
      icon: <IconCopy {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/recovery',
      label: t('recovery.nav'),
      icon: <IconLifebuoy {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/incidents',
      label: t('incidents.nav'),
      icon: <IconUrgent {...icon} />,
      permission: 'incidents.read',
      needsOrg: true,
    },
    {
      to: '/assessment',
      label: t('assessment.nav'),
      icon: <IconShieldCheck {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/plan',
      label: t('plan.nav'),
      icon: <IconFileText {...icon} />,
      permission: 'inventory.read',
      needsOrg: true,
    },
    {
      to: '/members',
      label: t('nav.members'),
      icon: <IconUsersGroup {...icon} />,
      permission: 'org.read',
      needsOrg: true,
    },
    {
      to: '/audit',
      label: t('nav.audit'),
      icon: <IconListCheck {...icon} />,
      permission: 'audit.read',
      needsOrg: true,
    },
    {
      to: '/backups',
      label: t('nav.backups'),
      icon: <IconDatabase {...icon} />,
      permission: 'backups.read',
      needsOrg: true,
    },
    {
      to: '/settings/organization',
      label: t('nav.orgSettings'),
      icon: <IconSettings {...icon} />,
      permission: 'org.manage',
      needsOrg: true,
    },
    {
      to: '/glossary',
      label: t('nav.glossary'),
      icon: <IconBook {...icon} />,
      needsOrg: false,
    },
    {
      to: '/organizations',
      label: t('nav.organizations'),
      icon: <IconBuildingSkyscraper {...icon} />,
      needsOrg: false,
    },
  ];
}

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** Switches the organization the user works in (only shown when they belong to several). */
function OrgSwitcher() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const switchOrg = useSwitchOrg();
  if (session.organizations.length < 2) {
    return session.currentOrg ? (
      <Text size="sm" fw={500} truncate="end" maw={240}>
        {session.currentOrg.name}
      </Text>
    ) : null;
  }
  const current = session.currentOrg;
  return (
    <Menu position="bottom-start" width={260} withInitialFocusPlaceholder={false} withinPortal={false}>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconSelector size={14} aria-hidden="true" />}
          loading={switchOrg.isPending}
          aria-label={t('shell.switchOrganizationFrom', { name: current?.name ?? '' })}
          maw={260}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {current?.name ?? t('shell.chooseOrganization')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.switchOrganization')}</Menu.Label>
        {session.organizations.map((org) => (
          <Menu.Item
            key={org.id}
            onClick={() => org.id !== current?.id && switchOrg.mutate(org.id)}
            leftSection={
              org.id === current?.id ? (
                <IconCheck size={16} aria-hidden="true" />
              ) : (
                <span style={{ width: 16 }} />
              )
            }
            aria-current={org.id === current?.id ? 'true' : undefined}
          >
            {org.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/organizations">
          {t('nav.organizations')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const forget = useForgetSession();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      forget();
      navigate('/login', { replace: true });
    },
  });
  return (
    <Menu position="bottom-end" width={220} withInitialFocusPlaceholder={false} withinPortal={false}>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { name: session.user.displayName })}>
          <Group gap={4} wrap="nowrap">
            <IconUserCircle size={26} stroke={1.5} aria-hidden="true" />
            <Text size="sm" visibleFrom="sm" truncate="end" maw={160}>
              {session.user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconSettings size={16} aria-hidden="true" />}>
          {t('shell.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden="true" />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in frame: header (name, organization, language, user) and the module navigation. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the `sm` breakpoint the closed menu only slides off screen: make it inert so its links
  // are neither focusable nor read out until the burger opens it.
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const session = useAuthedSession();
  useOfflinePlanCopy(session.currentOrg);
  const { pathname } = useLocation();
  const permissions = session.currentOrg?.permissions ?? [];
  const items = useNavItems().filter(
    (item) =>
      (!item.needsOrg || session.currentOrg) && (!item.permission || permissions.includes(item.permission)),
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <UnstyledButton component={Link} to="/" aria-label={t('shell.homeLink')}>
              <AppName />
            </UnstyledButton>
            <Group visibleFrom="sm" ml="md">
              <OrgSwitcher />
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group visibleFrom="xs">
              <LanguageSwitch />
            </Group>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="app-navigation"
        aria-label={t('shell.navigation')}
        inert={narrow && !opened}
      >
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <OrgSwitcher />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              active={isActive(pathname, item.to)}
              aria-current={isActive(pathname, item.to) ? 'page' : undefined}
              onClick={close}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="xs" mt="sm">
          <LanguageSwitch size="sm" />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
