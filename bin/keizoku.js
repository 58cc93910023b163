#!/usr/bin/env node
// keizoku command line. Runs the compiled server (dist/, made by `npm run build`) when present;
// otherwise runs the TypeScript sources through tsx, so `npx keizoku` works before a build too.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'server', 'cli.js');

let cli;
if (existsSync(built)) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(join(root, 'src', 'server', 'cli.ts')).href);
}
await cli.main(process.argv.slice(2));
