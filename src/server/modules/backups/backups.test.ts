import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../audit-trail/checkpoint.js';
import { isBundleName } from '../../backup/bundle.js';
import { loadConfig } from '../../config.js';
import { secretKey } from '../../security/secret-box.js';
import {
  addUserToOrg,
  auditEntries,
  createOrgWithUser,
  TEST_ENGINE,
  withTestApp,
} from '../../test/harness.js';
import { backupStatus, performBackup, writeDailyCheckpoint } from './service.js';

/**
 * keizoku's own 3-2-1: the scheduled run writes a bundle to DATA_DIR/backups and to the second
 * place, proves it restores, records the run, keeps 7 daily / 4 weekly / 12 monthly bundles, and
 * the owner sees all of it (and what is missing) at GET /api/v1/backups.
 */

const API = '/api/v1';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-backups-'));
const dataDir = path.join(root, 'data');
// Registered before the app, so it runs after the app has closed (after-hooks run last first).
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const t = withTestApp({
  dataDir,
  backup: {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }).backup,
    copyDir: path.join(root, 'usb'),
  },
});

// Real backups (copies, a test restore, pg_dump on PostgreSQL): slow on a loaded CI runner.
describe(`keizoku's own backups on ${TEST_ENGINE}`, { timeout: 180_000 }, () => {
  it('before any backup, tells owners there is none and refuses members', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const res = await owner.client.get(`${API}/backups`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.lastBackup).toBeNull();
    expect(s.copyDirectory).toBe(path.join(root, 'usb'));
    expect(s.schedule).toMatchObject({ at: '03:00', timeZone: 'Asia/Tokyo' });
    expect(s.warnings.map((w: { code: string }) => w.code)).toContain('no_backup_yet');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    expect((await member.client.get(`${API}/backups`)).statusCode).toBe(403);
    const admin = await addUserToOrg(t, owner.orgId, 'admin');
    expect((await admin.client.get(`${API}/backups`)).statusCode).toBe(200);
  });

  it('今すぐバックアップ: owners and admins run the scheduled routine now; one run at a time', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const auditor = await addUserToOrg(t, owner.orgId, 'auditor');
    const member = await addUserToOrg(t, owner.orgId, 'member');
    expect((await auditor.client.post(`${API}/backups`)).statusCode).toBe(403);
    expect((await member.client.post(`${API}/backups`)).statusCode).toBe(403);

    const res = await owner.client.post(`${API}/backups`);
    expect(res.statusCode).toBe(201);
    const run = res.json();
    expect(run).toMatchObject({
      trigger: 'manual',
      status: 'ok',
      copyStatus: 'ok',
      verifyStatus: 'ok',
      error: null,
    });
    const s = (await owner.client.get(`${API}/backups`)).json();
    expect(s.lastBackup.id).toBe(run.id);
    expect(s.lastVerified.id).toBe(run.id);
    expect(s.runs[0]).toMatchObject({ id: run.id, trigger: 'manual' });
    expect(s.warnings.map((w: { code: string }) => w.code)).not.toContain('no_backup_yet');
    // The audit trail names who pressed the button.
    const audit = await auditEntries(t, { entityId: run.id });
    expect(audit).toMatchObject([{ action: 'backup.create', actorUserId: owner.userId }]);

    // Two at once (an admin's click while the owner's run is under way): one runs, one is refused.
    const admin = await addUserToOrg(t, owner.orgId, 'admin');
    const [a, b] = await Promise.all([
      owner.client.post(`${API}/backups`),
      admin.client.post(`${API}/backups`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('backup_in_progress');
    // The scheduled run shares the lock: the button is refused while it runs.
    const scheduled = performBackup(t.db, t.config, { trigger: 'schedule' });
    const during = await owner.client.post(`${API}/backups`);
    expect(during.statusCode).toBe(409);
    expect(during.json().code).toBe('backup_in_progress');
    expect((await scheduled).run.status).toBe('ok');
  });

  it('a scheduled run writes both copies, restores one as a test, records it and keeps 7/4/12', async () => {
    const owner = await createOrgWithUser(t, 'owner');
    const dirs = [t.config.backup.dir, t.config.backup.copyDir ?? ''];
    // Sixty days of older daily bundles in both places.
    for (const dir of dirs) {
      fs.mkdirSync(dir, { recursive: true });
      for (let i = 1; i <= 60; i++) {
        const at = new Date(Date.now() - i * 86_400_000);
        const stamp = at.toISOString().slice(0, 10).replaceAll('-', '');
        const f = path.join(dir, `keizoku-${stamp}-180000.tar.gz`);
        fs.writeFileSync(f, 'old');
        fs.utimesSync(f, at, at);
      }
    }
    const outcome = await performBackup(t.db, t.config, { trigger: 'schedule' });
    expect(outcome.run).toMatchObject({ status: 'ok', copy_status: 'ok', verify_status: 'ok' });
    expect(outcome.run.verify_detail).toContain('audit trail intact');
    const name = path.basename(outcome.bundle?.file ?? '');
    for (const dir of dirs) {
      const bundles = fs.readdirSync(dir).filter(isBundleName);
      expect(bundles).toContain(name);
      // 7 daily + the newest of older weeks and months: about 10, never all 61.
      expect(bundles.length).toBeGreaterThanOrEqual(7);
      expect(bundles.length).toBeLessThanOrEqual(7 + 4 + 12);
      expect(bundles.length).toBeLessThan(61);
      expect((fs.statSync(path.join(dir, name)).mode & 0o777).toString(8)).toBe('600');
    }
    expect(outcome.pruned.length).toBeGreaterThan(60);

    const s = (await owner.client.get(`${API}/backups`)).json();
    expect(s.lastBackup.fileName).toBe(name);
    expect(s.lastVerified.verifyStatus).toBe('ok');
    expect(s.lastCopy.copyStatus).toBe('ok');
    expect(s.warnings).toEqual([]);

    // A month later with nothing new: the backup and its offline copy are late.
    const later = await backupStatus(t.db, t.config, new Date(Date.now() + 30 * 86_400_000));
    expect(later.warnings).toEqual(
      expect.arrayContaining([
        { code: 'backup_overdue', severity: 'danger', days: 30 },
        { code: 'copy_overdue', severity: 'danger', days: 30 },
      ]),
    );
    // Without a second place configured, that is what the owner is told.
    const single = await backupStatus(t.db, { ...t.config, backup: { ...t.config.backup, copyDir: null } });
    expect(single.warnings.map((w) => w.code)).toContain('copy_not_configured');
  });

  it('writes the daily audit checkpoint beside the backups and in the second place, 0600', async () => {
    const file = await writeDailyCheckpoint(t.db, t.config);
    const copy = path.join(t.config.backup.copyDir ?? '', 'checkpoints', path.basename(file));
    for (const f of [file, copy]) {
      expect((fs.statSync(f).mode & 0o777).toString(8)).toBe('600');
      const read = readCheckpoint(fs.readFileSync(f, 'utf8'), secretKey(t.config.dataDir));
      expect(read.ok).toBe(true);
    }
  });
});
