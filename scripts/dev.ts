/**
 * `npm run dev`: the API server (tsx watch, restarts on a change under src/) on port 3000 and the
 * Vite dev server (hot reload) on port 5173, which proxies /api to the server (vite.config.ts).
 * Open http://localhost:5173. Each line is prefixed with where it comes from; when one of the
 * two stops, the other is stopped too, and Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

const children: ChildProcess[] = [];
let stopping = false;

function start(label: string, command: string, args: string[]): void {
  const child = spawn(path.join(BIN, command), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
  child.on('exit', (code, signal) => {
    console.log(`[${label}] stopped (${signal ?? `exit ${code}`})`);
    stop(code ?? 1);
  });
  children.push(child);
}

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('server', 'tsx', ['watch', '--clear-screen=false', 'src/server/cli.ts', 'serve']);
start('web', 'vite', ['--clearScreen', 'false']);
