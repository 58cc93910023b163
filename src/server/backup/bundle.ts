import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';
import * as tar from 'tar';
import { z } from 'zod';
import { type AuditCheckpoint, takeCheckpoint, writeCheckpointFile } from '../audit-trail/checkpoint.js';
import type { Db } from '../db/database.js';
import { nowIso } from '../ids.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { encodeSecretKey } from '../security/secret-box.js';
import { BackupError } from './errors.js';
import { fileInfo } from './file-info.js';
import { backupPg } from './pg.js';
import { backupSqlite } from './sqlite.js';

/**
 * One backup = one bundle file: a gzip'd tar holding the database copy, the secret key that
 * encrypts two-step login secrets, an audit checkpoint and a manifest with the size and SHA-256
 * of each part. With a passphrase the whole tar is encrypted with age (scrypt), so the file can be
 * opened with the standard `age` and `tar` tools too.
 */

const BUNDLE_FORMAT = 'keizoku-backup';
const BUNDLE_FORMAT_VERSION = 1;

const PART = {
  manifest: 'manifest.json',
  sqlite: 'database.sqlite',
  pg: 'database.pgdump',
  key: 'secret.key',
  checkpoint: 'audit-checkpoint.json',
} as const;
const ALLOWED_PARTS = new Set<string>(Object.values(PART));

const PartSchema = z.object({
  name: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  engine: z.enum(['sqlite', 'pg']),
  createdAt: z.string(),
  keizokuVersion: z.string(),
  parts: z.array(PartSchema),
});
export type BundleManifest = z.infer<typeof ManifestSchema>;

const AGE_MAGIC = Buffer.from('age-encryption.org/v1');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** The file names a bundle gets: keizoku-YYYYMMDD-HHMMSS.tar.gz, .tar.gz.age when encrypted. */
export const bundleExtension = (encrypted: boolean) => (encrypted ? '.tar.gz.age' : '.tar.gz');
export const isBundleName = (name: string) => /^keizoku-\d{8}-\d{6}(-\d+)?\.tar\.gz(\.age)?$/.test(name);
/** The checkpoint written beside a bundle: keizoku-…-checkpoint.json. */
export const checkpointNameFor = (bundleFile: string) =>
  bundleFile.replace(/(\.tar\.gz(\.age)?|\.[^./]+)?$/, '.checkpoint.json');

function keizokuVersion(): string {
  try {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'),
    );
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems (network shares) refuse fsync on a directory; the rename is still atomic.
  }
}

/** A pass-through stream that hashes what flows through it. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

export interface CreatedBundle {
  file: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
  manifest: BundleManifest;
  checkpoint: AuditCheckpoint;
  checkpointFile: string;
}

export interface CreateBundleOptions {
  outFile: string;
  key: Buffer;
  databaseUrl?: string | undefined;
  /** Encrypts the whole bundle with age when set (from KEIZOKU_BACKUP_PASSPHRASE, never a flag). */
  passphrase?: string | undefined;
}

/**
 * Write a bundle. Everything is staged in a private temp directory beside the target, archived to
 * a hidden `.…partial` name, fsynced and only then renamed to its final name: a backup killed at
 * any moment leaves earlier bundles untouched and no file that looks like a complete bundle.
 */
export async function createBundle(db: Db, opts: CreateBundleOptions): Promise<CreatedBundle> {
  const out = path.resolve(opts.outFile);
  if (fs.existsSync(out)) throw new BackupError('backupError.exists', { file: out });
  const dir = path.dirname(out);
  ensurePrivateDir(dir);
  const staging = fs.mkdtempSync(path.join(dir, '.keizoku-backup-'));
  const partial = path.join(dir, `.${path.basename(out)}.partial`);
  try {
    // The checkpoint is taken before the copy, so the copy holds at least every entry it names.
    const checkpoint = await takeCheckpoint(db.kysely, opts.key);
    fs.writeFileSync(path.join(staging, PART.checkpoint), `${JSON.stringify(checkpoint, null, 2)}\n`, {
      mode: PRIVATE_FILE_MODE,
    });
    fs.writeFileSync(path.join(staging, PART.key), encodeSecretKey(opts.key), { mode: PRIVATE_FILE_MODE });
    const dbPart = db.engine === 'pg' ? PART.pg : PART.sqlite;
    if (db.engine === 'pg') {
      if (!opts.databaseUrl) throw new BackupError('backupError.pgNeedsUrl');
      await backupPg(opts.databaseUrl, path.join(staging, dbPart));
    } else {
      await backupSqlite(db, path.join(staging, dbPart));
    }

    const parts = [];
    for (const name of [dbPart, PART.key, PART.checkpoint]) {
      const info = await fileInfo(path.join(staging, name));
      parts.push({ name, bytes: info.bytes, sha256: info.sha256 });
    }
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      engine: db.engine,
      createdAt: nowIso(),
      keizokuVersion: keizokuVersion(),
      parts,
    };
    fs.writeFileSync(path.join(staging, PART.manifest), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: PRIVATE_FILE_MODE,
    });

    const hash = createHash('sha256');
    // tar's own (minipass) stream, seen as a Node stream so age and pipeline() can take it.
    const archive = Readable.from(
      tar.c({ cwd: staging, gzip: true, portable: true }, [
        PART.manifest,
        dbPart,
        PART.key,
        PART.checkpoint,
      ]) as unknown as AsyncIterable<Buffer>,
    );
    let source: Readable = archive;
    if (opts.passphrase) {
      const enc = new Encrypter();
      enc.setPassphrase(opts.passphrase);
      const encrypted = await enc.encrypt(Readable.toWeb(archive) as ReadableStream<Uint8Array>);
      source = Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>);
    }
    await pipeline(
      source,
      hashing(hash),
      fs.createWriteStream(partial, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    );
    fsyncFile(partial);
    fs.renameSync(partial, out);
    fsyncDir(dir);

    const checkpointFile = checkpointNameFor(out);
    writeCheckpointFile(checkpointFile, checkpoint);
    return {
      file: out,
      bytes: fs.statSync(out).size,
      sha256: hash.digest('hex'),
      encrypted: Boolean(opts.passphrase),
      manifest,
      checkpoint,
      checkpointFile,
    };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Remove what a killed backup left behind in a directory (its hidden staging directory and
 * `.….partial` file) once it is older than `olderThanMs`, so a backup still running is untouched.
 */
export function removeStaleLeftovers(dir: string, olderThanMs = 6 * 3_600_000): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const leftover =
      name.startsWith('.keizoku-backup-') ||
      name.startsWith('.keizoku-verify-') ||
      /^\..+\.partial$/.test(name);
    if (!leftover) continue;
    const file = path.join(dir, name);
    if (Date.now() - fs.statSync(file).mtimeMs < olderThanMs) continue;
    fs.rmSync(file, { recursive: true, force: true });
    removed.push(file);
  }
  return removed;
}

export interface OpenedBundle {
  manifest: BundleManifest;
  encrypted: boolean;
  /** Where the parts were unpacked (the caller removes it). */
  dir: string;
  databaseFile: string;
  keyFile: string;
  checkpointFile: string;
}

/** What the first bytes say a file is. */
export function sniffBackup(file: string): 'age' | 'gzip' | 'other' {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n >= AGE_MAGIC.length && head.equals(AGE_MAGIC)) return 'age';
    if (n >= 2 && head.subarray(0, 2).equals(GZIP_MAGIC)) return 'gzip';
    return 'other';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Unpack a bundle into `into` (a private scratch directory) and check it: a keizoku manifest,
 * every part present with the size and SHA-256 the manifest names. Throws a BackupError that says
 * what is wrong and what to do otherwise.
 */
export async function openBundle(
  file: string,
  into: string,
  passphrase: string | undefined,
): Promise<OpenedBundle> {
  const kind = sniffBackup(file);
  let source: Readable = fs.createReadStream(file);
  if (kind === 'age') {
    if (!passphrase) {
      throw new BackupError('backupError.encrypted', { file });
    }
    const dec = new Decrypter();
    dec.addPassphrase(passphrase);
    try {
      const plain = await dec.decrypt(Readable.toWeb(source) as ReadableStream<Uint8Array>);
      source = Readable.fromWeb(plain as unknown as WebReadableStream<Uint8Array>);
    } catch {
      throw new BackupError('backupError.wrongPassphrase', { file });
    }
  }
  try {
    await pipeline(
      source,
      tar.x({ cwd: into, strict: true, filter: (p) => ALLOWED_PARTS.has(p.replace(/^\.\//, '')) }),
    );
  } catch {
    throw new BackupError('backupError.unpack', { file });
  }
  let manifest: BundleManifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(into, PART.manifest), 'utf8')));
  } catch {
    throw new BackupError('backupError.noManifest', { file });
  }
  if (manifest.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BackupError('backupError.newer', { file, version: manifest.keizokuVersion });
  }
  for (const part of manifest.parts) {
    const f = path.join(into, part.name);
    if (!ALLOWED_PARTS.has(part.name) || !fs.existsSync(f)) {
      throw new BackupError('backupError.partMissing', { file, part: part.name });
    }
    const info = await fileInfo(f);
    if (info.sha256 !== part.sha256 || info.bytes !== part.bytes) {
      throw new BackupError('backupError.partDamaged', {
        file,
        part: part.name,
        expected: part.sha256,
        found: info.sha256,
      });
    }
  }
  const dbPart = manifest.engine === 'pg' ? PART.pg : PART.sqlite;
  for (const needed of [dbPart, PART.key, PART.checkpoint]) {
    if (!manifest.parts.some((p) => p.name === needed)) {
      throw new BackupError('backupError.partUnlisted', { file, part: needed });
    }
  }
  return {
    manifest,
    encrypted: kind === 'age',
    dir: into,
    databaseFile: path.join(into, dbPart),
    keyFile: path.join(into, PART.key),
    checkpointFile: path.join(into, PART.checkpoint),
  };
}
