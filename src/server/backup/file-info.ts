import { createHash } from 'node:crypto';
import fs from 'node:fs';

export interface FileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

/** Size and SHA-256 of a file, streamed (backups can be large). */
export async function fileInfo(file: string): Promise<FileInfo> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return { path: file, bytes: fs.statSync(file).size, sha256: hash.digest('hex') };
}

/** 'keizoku-20261128-035601' in UTC. */
export function backupStamp(d = new Date()): string {
  const iso = d.toISOString(); // 2026-11-28T03:56:01.123Z
  return `keizoku-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
