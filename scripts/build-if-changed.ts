/**
 * `npm start`'s build: compiles the server and builds the web app only when their inputs changed
 * since the last build. Each build leaves a stamp in dist/ with the SHA-256 of its inputs (every
 * file's path and content, so a checkout that only touches modification times builds nothing);
 * a missing or different stamp builds again. `--force` builds both whatever the stamps say.
 *
 * Run: npm start (or tsx scripts/build-if-changed.ts [--force]).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMMON = ['src/shared', 'src/domain', 'package-lock.json', 'tsconfig.json'];

const TARGETS = [
  {
    name: 'server',
    script: 'build:server',
    inputs: ['src/server', 'tsconfig.server.json', ...COMMON],
    output: 'dist/server/cli.js',
    stamp: 'dist/.server-build-stamp',
  },
  {
    name: 'web',
    script: 'build:web',
    inputs: ['src/web', 'vite.config.ts', ...COMMON],
    output: 'dist/web/index.html',
    stamp: 'dist/.web-build-stamp',
  },
];

function files(relative: string): string[] {
  const full = path.join(ROOT, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(relative, name)));
}

function inputHash(inputs: string[]): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files))
    hash.update(`${file}\0`).update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex');
}

const force = process.argv.includes('--force');
for (const target of TARGETS) {
  const stampFile = path.join(ROOT, target.stamp);
  const hash = inputHash(target.inputs);
  const built = existsSync(path.join(ROOT, target.output)) && existsSync(stampFile);
  if (!force && built && readFileSync(stampFile, 'utf8').trim() === hash) {
    console.log(`${target.name}: unchanged since the last build, not rebuilt`);
    continue;
  }
  const run = spawnSync('npm', ['run', target.script], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${hash}\n`);
}
