import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeParameter } from '../../../domain/checklist.js';
import type { Checklist } from '../../../domain/checklist-schemas.js';
import type { CliIO } from '../../cli/io.js';
import { startServer } from '../../cli/serve.js';
import { loadConfig } from '../../config.js';
import { ContentError, contentPath } from '../../content/load.js';
import { contentFailure as failure } from '../../test/content.js';
import { tempDirs } from '../../test/harness.js';
import { loadChecklistFolder, securityChecklists } from './content.js';

const tempDir = tempDirs('keizoku-checklists-');

/** A folder of checklist files, name → YAML text. */
function folder(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A minimal valid checklist; line numbers in the tests below refer to it. */
const GOOD = `id: mini
version: 1
source: "004 §5"
title: { ja: 小さな一覧, en: A small list }
categories:
  - id: pcs
    title: { ja: パソコン, en: PCs }
items:
  - id: first
    category: pcs
    level: SHALL
    measure: { ja: 暗号化する, en: Encrypt }
    detail: { ja: ディスクを暗号化する, en: Encrypt the disk }
    threatScenario: { ja: 盗まれて読まれる, en: Stolen and read }
    threatClasses: [leak]
    related: [second]
    source: "004 §5.1.4"
  - id: second
    category: pcs
    level: MAY
    measure: { ja: 記録する, en: Record }
    detail: { ja: 記録を残す, en: Keep records }
    threatScenario: { ja: 分からない, en: Nobody knows }
    threatClasses: [tamper, outage]
    parameters:
      - name: retention
        label: { ja: 保存期間, en: Keep for }
        type: number
        value: 1
        unit: years
        bound: at-least
    source: "004 §8"
`;

const shipped = () => securityChecklists();
const byId = (id: string): Checklist => {
  const c = shipped().find((x) => x.id === id);
  if (!c) throw new Error(`no checklist ${id}`);
  return c;
};
const item = (checklist: string, id: string) => {
  const found = byId(checklist).items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${checklist}/${id}`);
  return found;
};
const params = (checklist: string, id: string, locale: 'ja' | 'en' = 'en') =>
  Object.fromEntries(
    (item(checklist, id).parameters ?? []).map((p) => [p.name, describeParameter(p, locale)]),
  );

describe('shipped checklists (content/checklists)', () => {
  it('all load, with their ids, and every item names its seed section', () => {
    expect(shipped().map((c) => c.id)).toEqual([
      'factory-entry-points',
      'five-rules',
      'telework',
      'tier-security',
    ]);
    for (const c of shipped()) {
      expect(c.source).toMatch(/^00[0-4] §/);
      for (const i of c.items) expect(i.source, `${c.id}/${i.id}`).toMatch(/^00[0-4] §/);
    }
  });

  it('telework: the categories of 004 §5–§10 and the levels SHALL / SHOULD / MAY all in use', () => {
    const c = byId('telework');
    expect(c.categories.map((x) => x.id)).toEqual([
      'lent-pc',
      'home-lan',
      'active-directory',
      'servers',
      'vpn',
      'other-traffic',
      'logs',
      'rules',
      'education',
    ]);
    expect(new Set(c.items.map((i) => i.level))).toEqual(new Set(['SHALL', 'SHOULD', 'MAY']));
    expect(c.items.every((i) => i.source.startsWith('004 §'))).toBe(true);
    expect(c.items.length).toBeGreaterThanOrEqual(50);
  });

  it("telework: 004's figures as typed parameters", () => {
    expect(params('telework', 'lent-pc-full-scan')).toEqual({
      'full-scans-per-month': 'at least twice a month',
    });
    expect(params('telework', 'lent-pc-remote-desktop')).toEqual({
      'remote-desktop-port': 'ports 49152–65535',
    });
    expect(params('telework', 'home-lan-wifi')).toEqual({
      'wifi-protocol': 'WPA2-AES',
      'passphrase-length': 'at least 20 characters',
    });
    expect(params('telework', 'home-lan-wifi', 'ja')['passphrase-length']).toBe('20文字以上');
    expect(params('telework', 'home-lan-router-password')).toEqual({
      'admin-password-length': 'at least 12 characters',
    });
    expect(params('telework', 'home-lan-router-filter')).toEqual({
      'blocked-ports-tcp-udp': 'TCP/UDP ports 23, 135, 137, 138, 139, 445, 2049',
      'blocked-ports-tcp': 'TCP port 12345',
    });
    expect(params('telework', 'ad-password-policy')).toEqual({
      'password-length': 'at least 12 characters',
      'lockout-threshold': '10 failed attempts',
      'lockout-duration': '30 minutes',
    });
    expect(params('telework', 'logs-network-devices')).toEqual({ retention: 'at least 1 year' });
    expect(params('telework', 'logs-windows-servers')).toEqual({
      'archive-size': '50–100 MB',
      retention: 'at least 1 year',
    });
    expect(params('telework', 'logs-windows-clients')).toEqual({ 'archive-size': '50–100 MB' });
    expect(params('telework', 'rules-file-encryption')).toMatchObject({
      'data-encryption': 'AES-256',
      'message-digest': 'SHA-256',
      'secure-connection': 'TLS 1.2',
    });
    expect(item('telework', 'ad-legacy-protocols')).toMatchObject({
      level: 'SHALL',
      threatClasses: ['leak', 'tamper', 'outage'],
    });
    expect(item('telework', 'home-lan-edr').level).toBe('SHOULD');
    expect(item('telework', 'lent-pc-asset-management').level).toBe('MAY');
  });

  it('five rules (001 §5か条): the five, in order', () => {
    expect(byId('five-rules').items.map((i) => i.id)).toEqual([
      'keep-software-updated',
      'install-antivirus',
      'strengthen-passwords',
      'review-sharing',
      'know-threats',
    ]);
  });

  it('factory entry points (002 JNSA): the 13 of the table, in order, with event and risk', () => {
    const c = byId('factory-entry-points');
    expect(c.items.map((i) => i.subject?.ja)).toEqual([
      'USBメモリー',
      '持込パソコン',
      'スマホ・タブレット',
      'IoT機器・センサー',
      '複合機',
      'ハンディターミナル',
      'OAネットワーク',
      'インターネット',
      'Wi-Fi（無線AP）',
      '保守用ネットワーク',
      'クラウドサービス',
      '部品・原材料',
      '新規購入機器',
    ]);
    expect(c.items.map((i) => i.source)).toEqual(
      c.items.map((_, n) => `002 §JNSA工場セキュリティ No.${n + 1}`),
    );
    const risk = Object.fromEntries(c.items.map((i) => [i.id, [i.consequence?.ja, i.threatClasses.join()]]));
    expect(risk['usb-memory']).toEqual(['工場停止', 'outage']);
    expect(risk['multifunction-printers']).toEqual(['情報漏洩', 'leak']);
    expect(risk['handheld-terminals']).toEqual(['情報改竄', 'tamper']);
    expect(risk['parts-and-materials']).toEqual(['品質低下', 'tamper']);
  });

  it('tier measures (001): every tier has its items, matching the 001 table', () => {
    const c = byId('tier-security');
    const forTier = (t: 'matsu' | 'take' | 'ume') =>
      c.items.filter((i) => !i.tiers || i.tiers.includes(t)).map((i) => i.id);
    expect(forTier('matsu')).toEqual(
      expect.arrayContaining([
        'matsu-structure-and-rules',
        'matsu-zero-trust',
        'e-learning',
        'phishing-drill',
        'matsu-vulnerability-assessment',
        'matsu-certification',
      ]),
    );
    expect(forTier('take')).toEqual(
      expect.arrayContaining(['take-public-guidelines', 'take-risk-assessment', 'e-learning']),
    );
    expect(forTier('ume')).toEqual(
      expect.arrayContaining(['ume-five-rules', 'ume-external-backup', 'ume-login-escrow']),
    );
    expect(forTier('ume')).not.toContain('matsu-zero-trust');
  });

  it('cross-checklist references resolve (the loader checked them) and go both ways where it matters', () => {
    expect(item('five-rules', 'keep-software-updated').related).toContain('telework/lent-pc-patching');
    expect(item('tier-security', 'ume-five-rules').related).toHaveLength(5);
  });
});

describe('checklist loader', () => {
  it('reads every YAML file of the folder in name order and ignores other files', () => {
    const dir = folder({
      'b.yaml': GOOD,
      'a.yml': GOOD.replace('id: mini', 'id: alpha'),
      'README.md': '# not a checklist',
      '.hidden.yaml': 'broken: [',
    });
    expect(loadChecklistFolder(dir).map((c) => c.id)).toEqual(['alpha', 'mini']);
  });

  it.each([
    [
      'an unknown field',
      GOOD.replace('    level: MAY\n', '    level: MAY\n    levle: MAY\n'),
      'items[1].levle',
      21,
    ],
    ['an unknown level', GOOD.replace('level: SHALL', 'level: MUST'), 'items[0].level', 11],
    ['a missing English text', GOOD.replace(', en: Stolen and read', ''), 'items[0].threatScenario.en', 14],
    [
      'an unknown threat class',
      GOOD.replace('[tamper, outage]', '[tamper, fire]'),
      'items[1].threatClasses[1]',
      24,
    ],
    [
      'a parameter without its unit',
      GOOD.replace('        unit: years\n', ''),
      'items[1].parameters[0].unit',
      26,
    ],
    ['a bad source', GOOD.replace('source: "004 §8"', 'source: "seed 4"'), 'items[1].source', 32],
    [
      'a duplicate item id',
      GOOD.replace('  - id: second', '  - id: first').replace('[second]', '[first]'),
      'items[1].id',
      18,
    ],
    [
      'an item in an unknown category',
      GOOD.replace('    category: pcs\n    level: MAY', '    category: servers\n    level: MAY'),
      'items[1].category',
      19,
    ],
    [
      'an unknown related item',
      GOOD.replace('related: [second]', 'related: [second, third]'),
      'items[0].related[1]',
      16,
    ],
    [
      'an item related to itself',
      GOOD.replace('related: [second]', 'related: [mini/first]'),
      'items[0].related[0]',
      16,
    ],
    [
      'a duplicate category id',
      GOOD.replace('categories:\n', 'categories:\n  - id: pcs\n    title: { ja: 二重, en: Twice }\n'),
      'categories[1].id',
      8,
    ],
    [
      'a parameter name used twice in an item',
      GOOD.replace(
        '        bound: at-least\n',
        '        bound: at-least\n      - name: retention\n        label: { ja: 二重, en: Twice }\n        type: text\n        value: x\n',
      ),
      'items[1].parameters[1].name',
      32,
    ],
    [
      'a range whose min is not below its max',
      GOOD.replace(
        '        type: number\n        value: 1\n        unit: years\n        bound: at-least\n',
        '        type: range\n        min: 100\n        max: 50\n        unit: megabytes\n',
      ),
      'items[1].parameters[0].max',
      30,
    ],
    [
      'an unknown tier',
      GOOD.replace('    related: [second]\n', '    related: [second]\n    tiers: [sakura]\n'),
      'items[0].tiers[0]',
      17,
    ],
    [
      'a category without items',
      GOOD.replace('categories:\n', 'categories:\n  - id: empty\n    title: { ja: 空, en: Empty }\n'),
      'categories[0].id',
      6,
    ],
  ])('refuses %s with file, line and field', (_what, text, field, line) => {
    const dir = folder({ 'broken.yaml': text });
    const err = failure(() => loadChecklistFolder(dir));
    expect(err.file).toBe(path.relative(process.cwd(), path.join(dir, 'broken.yaml')));
    expect(err.field).toBe(field);
    expect(err.line).toBe(line);
    expect(err.message).toContain(`broken.yaml:${line}:`);
    expect(err.message).toContain(field);
  });

  it('refuses a YAML syntax error and a duplicate key at their line', () => {
    const syntax = failure(() => loadChecklistFolder(folder({ 'x.yaml': GOOD.replace('[leak]', '[leak') })));
    expect(syntax.line).not.toBeNull();
    const dup = failure(() =>
      loadChecklistFolder(folder({ 'x.yaml': GOOD.replace('version: 1\n', 'version: 1\nversion: 2\n') })),
    );
    expect(dup.line).toBe(3);
  });

  it('refuses two files with the same checklist id, naming the second file and the first', () => {
    const err = failure(() => loadChecklistFolder(folder({ 'a.yaml': GOOD, 'b.yaml': GOOD })));
    expect(err.file).toMatch(/b\.yaml$/);
    expect(err.line).toBe(1);
    expect(err.field).toBe('id');
    expect(err.reason).toMatch(/already used by .*a\.yaml/);
  });

  it('checks references into other checklists', () => {
    const other = GOOD.replace('id: mini', 'id: other');
    const ok = GOOD.replace('related: [second]', 'related: [second, other/first]');
    expect(loadChecklistFolder(folder({ 'a.yaml': ok, 'b.yaml': other }))).toHaveLength(2);

    const unknownItem = failure(() =>
      loadChecklistFolder(
        folder({ 'a.yaml': GOOD.replace('related: [second]', 'related: [other/nope]'), 'b.yaml': other }),
      ),
    );
    expect([unknownItem.file.endsWith('a.yaml'), unknownItem.line, unknownItem.field]).toEqual([
      true,
      16,
      'items[0].related[0]',
    ]);
    expect(unknownItem.reason).toBe('unknown item "nope" in checklist "other"');

    const unknownList = failure(() =>
      loadChecklistFolder(folder({ 'a.yaml': GOOD.replace('related: [second]', 'related: [ghost/first]') })),
    );
    expect([unknownList.line, unknownList.reason]).toEqual([16, 'unknown checklist "ghost"']);
  });

  it("accepts the README's example next to the shipped checklists", () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    const example = /## Security checklists[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const files = Object.fromEntries(
      fs
        .readdirSync(contentPath('checklists'))
        .map((f) => [f, fs.readFileSync(contentPath(`checklists/${f}`), 'utf8')]),
    );
    const ids = loadChecklistFolder(folder({ ...files, 'backup-basics.yaml': example ?? '' })).map(
      (c) => c.id,
    );
    expect(ids).toContain('backup-basics');
  });

  it('refuses an empty or missing folder', () => {
    expect(failure(() => loadChecklistFolder(folder({ 'notes.txt': 'x' }))).reason).toMatch(
      /no checklist files/,
    );
    expect(
      failure(() => loadChecklistFolder(path.join(os.tmpdir(), 'keizoku-no-such-folder'))).reason,
    ).toMatch(/ENOENT/);
  });
});

describe('server start-up', () => {
  it('stops before opening the database when a checklist file is broken, naming file, line and field', async () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1' }), port: 0 };
    const out: string[] = [];
    const io: CliIO = {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
      env: { LOG_LEVEL: 'silent' },
      stdinIsTty: false,
      readStdin: async () => '',
    };
    const broken = folder({ 'telework.yaml': GOOD.replace('level: SHALL', 'level: MUST') });
    const started = startServer(config, io, {
      demoIfEmpty: false,
      webRoot: '/nonexistent',
      checklistsDir: broken,
    });
    await expect(started).rejects.toBeInstanceOf(ContentError);
    await expect(started).rejects.toThrow(/telework\.yaml:11:\d+ items\[0\]\.level: /);
    expect(fs.existsSync(path.join(dataDir, 'keizoku.sqlite'))).toBe(false);
    expect(out).toEqual([]);
  });
});
