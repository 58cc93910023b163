import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HomeFinding, HomeStepsResponse } from '../../../shared/home.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { HomePage } from './home-page.js';

/**
 * The home page as an owner meets it: a fresh company is sent to the IT-dependency check; a company
 * whose path is done is sent to its most urgent finding, each finding saying what, why, what to do
 * and where.
 */

const ORGS = {
  body: {
    items: [{ id: 'o1', name: 'Test Org', role: 'owner', peopleCount: 0, sitesCount: 0, membersCount: 1 }],
  },
};

const fresh: HomeStepsResponse = {
  items: [
    { key: 'diagnosis', state: 'not_started', params: {}, link: '/diagnosis' },
    {
      key: 'inventory',
      state: 'not_started',
      params: { operations: 0, systems: 0, unlinked: 0 },
      link: '/inventory/operations',
    },
    { key: 'bia', state: 'not_started', params: { assessed: 0, total: 0 }, link: '/inventory/operations' },
    { key: 'signoff', state: 'not_started', params: {}, link: '/bia/signoff' },
    {
      key: 'backup_plan',
      state: 'not_started',
      params: { planned: 0, total: 0, passing: 0 },
      link: '/backup-plan',
    },
  ],
  next: 'diagnosis',
};

const hours = (h: number) => ({ kind: 'duration' as const, minutes: h * 60 });
const inversion: HomeFinding = {
  code: 'rto_inversion',
  severity: 'critical',
  params: {
    operation: 'Check-in',
    priority: 'S',
    dependant: 'Front desk PC',
    dependency: 'Site VPN',
    need: hours(3),
    promise: hours(24),
  },
  link: '/bia/inversions?fix=pc%3Evpn',
};
const lateTask: HomeFinding = {
  code: 'task_overdue',
  severity: 'warning',
  params: { title: 'Take a copy off site', due: '2026-11-30', owner: null },
  link: '/diagnosis#dx-tasks',
};

const missesRpo: HomeFinding = {
  code: 'backup_misses_rpo',
  severity: 'warning',
  params: { name: 'Orders', every: 1440, rpo: 240, gap: 1200 },
  link: '/backup-plan/p1',
};

describe('home page', () => {
  it('sends a fresh company to the IT-dependency check, every step not started', async () => {
    fakeApi({
      'GET /orgs': ORGS,
      'GET /home/steps': { body: fresh },
      'GET /home/findings': { body: { items: [] } },
    });
    await renderInApp(<HomePage />, { permissions: ['org.read', 'inventory.read'] });

    const next = await screen.findByRole('region', { name: 'What to do next' });
    expect(within(next).getByText('IT dependency check')).toBeVisible();
    expect(within(next).getByRole('link', { name: 'Take the check' }).getAttribute('href')).toBe(
      '/diagnosis',
    );

    const path = screen.getByRole('region', { name: 'How ready the company is' });
    const steps = within(path).getAllByRole('listitem');
    expect(steps).toHaveLength(5);
    for (const step of steps) expect(within(step).getByText('Not started')).toBeVisible();
    expect(steps[0]?.getAttribute('aria-current')).toBe('step');
    expect(within(path).getByText('Nothing entered yet.')).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Needs your attention' })).toBeNull();
  });

  it('shows each step with its count or date, and the next one emphasised', async () => {
    const halfway: HomeStepsResponse = {
      items: [
        { key: 'diagnosis', state: 'done', params: { date: '2026-11-02T01:00:00.000Z' }, link: '/diagnosis' },
        {
          key: 'inventory',
          state: 'done',
          params: { operations: 5, systems: 7, unlinked: 0 },
          link: '/inventory',
        },
        { key: 'bia', state: 'in_progress', params: { assessed: 3, total: 5 }, link: '/bia/results' },
        { key: 'signoff', state: 'not_started', params: {}, link: '/bia/signoff' },
      ],
      next: 'bia',
    };
    fakeApi({
      'GET /orgs': ORGS,
      'GET /home/steps': { body: halfway },
      'GET /home/findings': { body: { items: [lateTask] } },
    });
    await renderInApp(<HomePage />, { permissions: ['org.read', 'inventory.read'] });

    const next = await screen.findByRole('region', { name: 'What to do next' });
    expect(within(next).getByText('3 of 5 operations have an importance.')).toBeVisible();
    expect(within(next).getByRole('link', { name: 'Set the importance' }).getAttribute('href')).toBe(
      '/bia/results',
    );
    const path = screen.getByRole('region', { name: 'How ready the company is' });
    expect(within(path).getByText('Checked on Nov 2, 2026.')).toBeVisible();
    expect(within(path).getByText('5 operations and 7 systems entered.')).toBeVisible();
    expect(within(path).getByText('In progress')).toBeVisible();

    const findings = screen.getByRole('region', { name: 'Needs your attention' });
    expect(
      within(findings).getByText('Measure "Take a copy off site" is past its due date (Nov 30, 2026).'),
    ).toBeVisible();
    expect(
      within(findings).getByText('Give it someone in charge and mark it done when finished.'),
    ).toBeVisible();
    expect(within(findings).getByRole('link', { name: 'Open the measures' }).getAttribute('href')).toBe(
      '/diagnosis#dx-tasks',
    );
  });

  it('once the path is done, puts the most urgent finding first: the operation, its priority, need and promise', async () => {
    const done: HomeStepsResponse = {
      items: fresh.items.map((s) => ({ ...s, state: 'done', params: { ...s.params, date: '2026-11-02' } })),
      next: null,
    };
    fakeApi({
      'GET /orgs': ORGS,
      'GET /home/steps': { body: done },
      'GET /home/findings': { body: { items: [inversion, lateTask] } },
    });
    await renderInApp(<HomePage />, { permissions: ['org.read', 'inventory.read'] });

    const next = await screen.findByRole('region', { name: 'What to do next' });
    expect(
      within(next).getByText(
        'Priority S operation "Check-in" cannot be back in time ("Front desk PC" → "Site VPN").',
      ),
    ).toBeVisible();
    expect(
      within(next).getByText(
        /"Check-in" has a target recovery time of .*, but "Site VPN", which it relies on, has an expected/i,
      ),
    ).toBeVisible();
    expect(
      within(next).getByText(/a contract with a shorter time, a spare kept ready, or a workaround/),
    ).toBeVisible();
    expect(
      within(next).getByRole('link', { name: 'Fix the expected recovery time' }).getAttribute('href'),
    ).toBe('/bia/inversions?fix=pc%3Evpn');
    // The rest follow under "Needs your attention", without repeating the first.
    const findings = screen.getByRole('region', { name: 'Needs your attention' });
    expect(within(findings).queryByText(/Check-in/)).toBeNull();
    expect(within(findings).getByText(/Take a copy off site/)).toBeVisible();
  });

  it('words a backup taken less often than its RPO with the interval, the RPO and the gap', async () => {
    fakeApi({
      'GET /orgs': ORGS,
      'GET /home/steps': { body: fresh },
      'GET /home/findings': { body: { items: [missesRpo] } },
    });
    await renderInApp(<HomePage />, { permissions: ['org.read', 'inventory.read'] });
    const findings = await screen.findByRole('region', { name: 'Needs your attention' });
    expect(
      within(findings).getByText(
        'The backup of “Orders” runs every 1 day, but at most 4 hours of data may be lost: a restore can lose up to 20 hours more than that.',
      ),
    ).toBeTruthy();
    expect(within(findings).getByText(/Back up at least every 4 hours/)).toBeTruthy();
    expect(within(findings).getByRole('link', { name: 'Fix the plan' }).getAttribute('href')).toBe(
      '/backup-plan/p1',
    );
  });
});
