import crypto from 'node:crypto';
import os from 'node:os';
import type { ReadDb, WriteDb } from '../open';
import { stmt } from '../statements';
import { writeTransaction } from '../transaction';
import { processAlive } from './leases';

/**
 * The full-text index (paragraphs_fts) and bulk imports that build it once at
 * the end instead of row by row.
 *
 * The invariant that keeps it whole: every transaction that commits
 * paragraphs without index entries also writes a deferral row naming its
 * importer (settings key `fts.pending.<holder>`), and the only thing that
 * deletes deferral rows is a rebuild, in the same transaction. So whenever a
 * paragraph lacks its index entry, some deferral row says so, whatever other
 * programs do in between and wherever the importer is killed.
 *
 * A deferral whose importer is alive is left to it (it rebuilds at the end);
 * one whose importer is gone is repaired by the next program that opens the
 * project for writing. Until then searches also read the paragraphs the
 * index lacks (see core/services/search.ts).
 */
const PREFIX = 'fts.pending.';

/** How long a deferral counts as alive without a sign of its importer. */
export const DEFERRAL_LEASE_MS = 10 * 60_000;

/** Projects up to this size get FTS5's full integrity check when opened for writing. */
export const INTEGRITY_CHECK_MAX_PARAGRAPHS = 20_000;

export interface Deferral {
  holder: string;
  pid: number;
  host: string;
  /** When its importer last wrote, ms since the epoch. */
  renewedAt: number;
  /** Paragraphs with ids above this may lack index entries. */
  fromId: number;
}

const deferring = new WeakMap<ReadDb, { holder: string; fromId: number; lastDoc: number }>();

/** An importer on this machine is alive while its process is; elsewhere, while it keeps writing. */
export function deferralAlive(d: Deferral, now = Date.now()): boolean {
  if (now - d.renewedAt > DEFERRAL_LEASE_MS) return false;
  return d.host !== os.hostname() || processAlive(d.pid);
}

export function deferrals(db: ReadDb): Deferral[] {
  const rows = stmt(db, "SELECT key, value FROM settings WHERE key >= 'fts.pending' AND key < 'fts.pendinh'").all() as Array<{ key: string; value: string }>;
  return rows.map((r) => {
    // 'fts.pending' alone was written by earlier versions for an import in progress; it has no owner to wait for.
    if (r.key === 'fts.pending') return { holder: r.key, pid: 0, host: '', renewedAt: 0, fromId: 0 };
    try {
      return { holder: r.key.slice(PREFIX.length), ...(JSON.parse(r.value) as Omit<Deferral, 'holder'>) };
    } catch {
      return { holder: r.key.slice(PREFIX.length), pid: 0, host: '', renewedAt: 0, fromId: 0 };
    }
  });
}

function writeDeferral(db: WriteDb, state: { holder: string; fromId: number }): void {
  const value: Omit<Deferral, 'holder'> = { pid: process.pid, host: os.hostname(), renewedAt: Date.now(), fromId: state.fromId };
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(PREFIX + state.holder, JSON.stringify(value));
}

/**
 * From now on paragraphs inserted through this connection get no index
 * entries until finishDeferral or rebuildFullText; the index is built once.
 */
export function startDeferral(db: WriteDb): void {
  writeTransaction(db, () => {
    const fromId = (stmt(db, 'SELECT coalesce(max(id), 0) FROM paragraphs').pluck().get() as number);
    const state = { holder: `${process.pid}.${crypto.randomBytes(4).toString('hex')}`, fromId, lastDoc: -1 };
    writeDeferral(db, state);
    deferring.set(db, state);
  });
}

export function isDeferring(db: ReadDb): boolean {
  return deferring.has(db);
}

/**
 * Called for each paragraph stored while deferring: the deferral row is
 * written again (once per document) in the transaction that stores it, in
 * case a rebuild by another program removed it since the last commit.
 */
export function noteUnindexed(db: WriteDb, docId: number): void {
  const state = deferring.get(db);
  if (!state || state.lastDoc === docId) return;
  state.lastDoc = docId;
  writeDeferral(db, state);
}

/**
 * FTS5 writes its in-memory index out as a new segment whenever this much is
 * pending (its 'hashsize', 1 MB by default), and merges segments as they pile
 * up. A rebuild given more writes a few large segments instead of hundreds of
 * small ones: the same entries, about a quarter less time (2,000 bench
 * articles: 3.1 -> 2.4 s).
 */
const REBUILD_HASH_BYTES = 64 * 1024 * 1024;
const FTS5_DEFAULT_HASH_BYTES = 1024 * 1024;

function setHashSize(db: WriteDb, bytes: number): void {
  // FTS5 takes only an integer here; the value is ours, never the user's.
  db.exec(`INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`);
}

/**
 * Runs `fn` with FTS5's hash size raised, then puts back what the project had:
 * its own setting, or FTS5's default (kept as a row of paragraphs_fts_config
 * that says what FTS5 does without one).
 */
function withLargeHash(db: WriteDb, fn: () => void): void {
  const before = stmt(db, "SELECT v FROM paragraphs_fts_config WHERE k = 'hashsize'").pluck().get() as number | undefined;
  setHashSize(db, REBUILD_HASH_BYTES);
  fn();
  // Setting it back also resets this connection's own copy of the setting.
  setHashSize(db, before ?? FTS5_DEFAULT_HASH_BYTES);
}

/** Rebuilds the whole index and ends every deferral, in one transaction. */
export function rebuildFullText(db: WriteDb): void {
  writeTransaction(db, () => {
    withLargeHash(db, () => db.exec("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild')"));
    db.prepare("DELETE FROM settings WHERE key >= 'fts.pending' AND key < 'fts.pendinh'").run();
  });
  deferring.delete(db);
}

/** Paragraph and index-entry counts; cheap (two b-tree counts). */
export function indexCounts(db: ReadDb): { paragraphs: number; indexed: number } {
  return stmt(db, 'SELECT (SELECT count(*) FROM paragraphs) AS paragraphs, (SELECT count(*) FROM paragraphs_fts_docsize) AS indexed').get() as { paragraphs: number; indexed: number };
}

/** FTS5's comparison of the index with the paragraphs; false when they disagree. */
export function integrityOk(db: WriteDb): boolean {
  try {
    db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)");
    return true;
  } catch (err) {
    if (/^SQLITE_CORRUPT/.test(String((err as { code?: unknown }).code))) return false;
    throw err;
  }
}

export type IndexState = { kind: 'whole' } | { kind: 'deferred'; fromId: number; alive: boolean } | { kind: 'damaged' };

/**
 * What the index is like now. `thorough` adds FTS5's integrity check for
 * projects small enough that it costs little.
 */
export function indexState(db: ReadDb): IndexState;
export function indexState(db: WriteDb, opts: { thorough?: boolean }): IndexState;
export function indexState(db: ReadDb, opts: { thorough?: boolean } = {}): IndexState {
  const pending = deferrals(db);
  if (pending.length) return { kind: 'deferred', fromId: Math.min(...pending.map((d) => d.fromId)), alive: pending.some((d) => deferralAlive(d)) };
  const counts = indexCounts(db);
  if (counts.paragraphs !== counts.indexed) return { kind: 'damaged' };
  // FTS5's integrity check is an INSERT of a command: only the overload for a writable handle offers it.
  if (opts.thorough && counts.paragraphs <= INTEGRITY_CHECK_MAX_PARAGRAPHS && !integrityOk(db as WriteDb)) return { kind: 'damaged' };
  return { kind: 'whole' };
}

/**
 * On opening a project for writing: an index left short by an importer that
 * is gone, or one that disagrees with the paragraphs, is rebuilt. One being
 * built by a live importer is left to it. Returns what was done.
 */
export function repairFullText(db: WriteDb): 'whole' | 'rebuilt' | 'left-to-importer' {
  const state = indexState(db, { thorough: true });
  if (state.kind === 'whole') return 'whole';
  if (state.kind === 'deferred' && state.alive) return 'left-to-importer';
  return writeTransaction(db, () => {
    // Looked at again under the write lock: another program may have repaired it, or started an import, meanwhile.
    const now = indexState(db, { thorough: true });
    if (now.kind === 'whole' || (now.kind === 'deferred' && now.alive)) return now.kind === 'whole' ? 'whole' : 'left-to-importer';
    rebuildFullText(db);
    return 'rebuilt';
  });
}

/** Paragraphs without an index entry, from id `fromId` on (at most `limit`). */
export function unindexedParagraphs(db: ReadDb, fromId: number, limit: number): Array<{ id: number; text: string }> {
  return db
    .prepare('SELECT p.id, p.text FROM paragraphs p WHERE p.id > ? AND NOT EXISTS (SELECT 1 FROM paragraphs_fts_docsize d WHERE d.id = p.id) ORDER BY p.id LIMIT ?')
    .all(fromId, limit) as Array<{ id: number; text: string }>;
}
