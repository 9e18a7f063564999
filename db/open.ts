import fs from 'node:fs';
import { writeTransaction } from './transaction';
import Database from 'better-sqlite3';
import { TandemError } from '../common/errors';
import { LATEST_VERSION, migrations, type Migration } from './migrations';
import { repairFullText } from './queries/fulltext';
import { markStaleJobs } from './queries/mt';

declare const readable: unique symbol;
declare const writable: unique symbol;

/**
 * A connection to a project that may only be read: what a read-only open
 * gives. Query functions that only read take one; a writable handle is one too.
 */
export type ReadDb = Database.Database & { readonly [readable]: true };

/**
 * A connection opened for writing. Query functions that write take one, so a
 * project opened read-only cannot be passed to them: that is a compile error.
 */
export type WriteDb = ReadDb & { readonly [writable]: true };

/** The handle the services hold: a project opened for writing. */
export type Db = WriteDb;

/** "TAND" as a 32-bit integer: marks a SQLite file as a Tandem project. */
export const TANDEM_APPLICATION_ID = 0x54414e44;

export interface OpenOptions {
  /** Create a new project; refuses to overwrite an existing non-empty file. */
  create?: boolean;
  readonly?: boolean;
  /** Path of a better-sqlite3 addon built for another ABI (the Electron app). */
  nativeBinding?: string;
}

function connect(path: string, opts: { readonly?: boolean; nativeBinding?: string; fileMustExist?: boolean }): Database.Database {
  return new Database(path, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.fileMustExist ?? false,
    nativeBinding: opts.nativeBinding ?? process.env.TANDEM_SQLITE_BINDING,
  });
}

/**
 * Looks at an existing file without changing a byte of it: a file that is not
 * a Tandem project, or that a newer Tandem wrote, is refused before any pragma
 * or migration could touch it.
 */
function probe(path: string, nativeBinding?: string): void {
  let db: Database.Database | undefined;
  try {
    db = connect(path, { readonly: true, fileMustExist: true, nativeBinding });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== TANDEM_APPLICATION_ID) {
      throw new TandemError('not-a-project', `${path} is a SQLite database but not a Tandem project; it was left untouched.`);
    }
    if (version > LATEST_VERSION) {
      throw new TandemError(
        'newer-version',
        `${path} was written by a newer version of Tandem (schema ${version}; this version knows up to ${LATEST_VERSION}). Update Tandem to open it; the file was left untouched.`,
      );
    }
  } catch (err) {
    if (err instanceof TandemError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new TandemError('not-a-project', `${path} is not a Tandem project (not a SQLite database); it was left untouched.`);
    }
    throw err;
  } finally {
    db?.close();
  }
}

/**
 * Whether none of what a migration creates (tables, indexes, columns) is in
 * the database. Migration numbers are reserved ahead and may reach a project
 * out of order: a project at version 4 can lack 002 when 002 came later.
 * Such a migration is applied when everything it creates is missing.
 */
export function notApplied(db: ReadDb, m: Migration): boolean {
  const sql = m.up.replace(/--[^\n]*/g, '');
  // Only plain additions can be told apart this way; one that rebuilds, renames or drops is taken by its number.
  if (m.code || m.rebuildsParentTable || /\b(DROP|RENAME)\b/i.test(sql)) return false;
  const checks: boolean[] = [];
  for (const [, name] of sql.matchAll(/CREATE\s+(?:VIRTUAL\s+|UNIQUE\s+)?(?:TABLE|INDEX)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_]\w*)/gi)) {
    checks.push(db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name) === undefined);
  }
  for (const [, table, column] of sql.matchAll(/ALTER\s+TABLE\s+([A-Za-z_]\w*)\s+ADD\s+COLUMN\s+([A-Za-z_]\w*)/gi)) {
    checks.push(db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) === undefined);
  }
  return checks.length > 0 && checks.every(Boolean);
}

/** Whether a migration is still to be applied to this project. */
function isPending(db: ReadDb, m: Migration): boolean {
  const current = db.pragma('user_version', { simple: true }) as number;
  return m.version > current || notApplied(db, m);
}

export function migrate(db: WriteDb): void {
  const pending = (m: Migration) => isPending(db, m);
  for (const m of migrations) {
    if (!pending(m)) continue;
    // foreign_keys cannot change inside a transaction, so it is switched off around it.
    const keysOff = m.rebuildsParentTable === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysOff) db.pragma('foreign_keys = OFF');
    try {
      writeTransaction(db, () => {
        // Another program opening the project at the same moment may have migrated it meanwhile.
        if (!pending(m)) return;
        const current = db.pragma('user_version', { simple: true }) as number;
        db.exec(m.up);
        m.code?.(db);
        if (keysOff && (db.pragma('foreign_key_check') as unknown[]).length) {
          throw new TandemError('internal', `Migration ${m.version} (${m.name}) would break references between tables; the project was left as it was.`);
        }
        db.pragma(`user_version = ${Math.max(current, m.version)}`);
      });
    } finally {
      if (keysOff) db.pragma('foreign_keys = ON');
    }
  }
}

function configure(db: Database.Database, memory: boolean): void {
  // First, so that even the pragmas below wait for another program's write instead of failing.
  db.pragma('busy_timeout = 5000');
  if (!memory) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // 64 MB of page cache: imports and full-text indexing of large corpora stay off the disk.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/** Opens (or creates) a project; read-only when asked, and then typed so that nothing can write through it. */
export function openProject(path: string, opts: OpenOptions & { readonly: true }): ReadDb;
export function openProject(path: string, opts?: OpenOptions & { readonly?: false }): WriteDb;
export function openProject(path: string, opts?: OpenOptions): ReadDb;
export function openProject(path: string, opts: OpenOptions = {}): ReadDb {
  const memory = path === ':memory:';
  if (opts.create) {
    if (!memory && fs.existsSync(path) && fs.statSync(path).size > 0) {
      throw new TandemError('conflict', `${path} already exists; choose another name or open it instead.`);
    }
    const db = connect(path, { nativeBinding: opts.nativeBinding }) as WriteDb;
    db.pragma(`application_id = ${TANDEM_APPLICATION_ID}`);
    configure(db, memory);
    migrate(db);
    return db;
  }
  if (memory) throw new TandemError('invalid-input', 'An in-memory project can only be created.');
  if (!fs.existsSync(path)) throw new TandemError('not-found', `No project at ${path}. Create one with: tandem init ${path}`);
  if (fs.statSync(path).isDirectory()) throw new TandemError('not-a-project', `${path} is a directory, not a Tandem project.`);
  probe(path, opts.nativeBinding);
  let db = connect(path, { readonly: opts.readonly, fileMustExist: true, nativeBinding: opts.nativeBinding }) as ReadDb;
  if (opts.readonly && migrations.some((m) => isPending(db, m))) {
    // A project made by an older version: it is brought up to date once (a write), then read as asked.
    db.close();
    try {
      const writer = connect(path, { fileMustExist: true, nativeBinding: opts.nativeBinding }) as WriteDb;
      try {
        configure(writer, false);
        migrate(writer);
      } finally {
        writer.close();
      }
    } catch (err) {
      if (err instanceof TandemError) throw err;
      throw new TandemError('conflict', `${path} was made by an older version of Tandem and must be brought up to date before it can be read, but it cannot be written (${(err as Error).message}). Copy it somewhere writable, or make it writable, and open it again.`);
    }
    db = connect(path, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding }) as ReadDb;
  }
  if (opts.readonly) {
    db.pragma('busy_timeout = 5000');
    return db;
  }
  const writer = db as WriteDb;
  configure(writer, false);
  migrate(writer);
  // A bulk import killed before it built the search index, or an index that disagrees with the text.
  repairFullText(writer);
  // A job left "running" by a process that was killed is marked as interrupted.
  markStaleJobs(writer);
  return writer;
}

export function createMemoryProject(): WriteDb {
  return openProject(':memory:', { create: true });
}
