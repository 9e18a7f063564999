import type { ReadDb, WriteDb } from '../open';
import type { JobInfo, JobStatus } from '../../common/types';
import os from 'node:os';
import { writeTransaction } from '../transaction';
import { now } from './documents';
import { processAlive } from './leases';

export interface CacheEntry {
  text: string;
  detectedSourceLang: string;
}

export function getCachedTranslation(db: ReadDb, key: string): CacheEntry | undefined {
  const row = db.prepare('SELECT translated_text, detected_source_lang FROM mt_cache WHERE key = ?').get(key) as { translated_text: string; detected_source_lang: string | null } | undefined;
  return row ? { text: row.translated_text, detectedSourceLang: row.detected_source_lang ?? '' } : undefined;
}

export function putCachedTranslation(
  db: WriteDb,
  key: string,
  v: { provider: string; sourceLang: string | null; targetLang: string; sourceText: string; text: string; detectedSourceLang: string; billedCharacters: number },
): void {
  // Paid for: this write waits for other writers rather than fail.
  writeTransaction(db, () =>
    db.prepare(
      `INSERT INTO mt_cache (key, provider, source_lang, target_lang, source_text, translated_text, detected_source_lang, billed_characters, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    ).run(key, v.provider, v.sourceLang, v.targetLang, v.sourceText, v.text, v.detectedSourceLang, v.billedCharacters, now()),
  );
}

export function getGlossary(db: ReadDb, provider: string, sourceLang: string, targetLang: string): { contentHash: string; remoteId: string } | undefined {
  const row = db.prepare('SELECT content_hash, remote_id FROM mt_glossaries WHERE provider = ? AND source_lang = ? AND target_lang = ?').get(provider, sourceLang, targetLang) as { content_hash: string; remote_id: string } | undefined;
  return row ? { contentHash: row.content_hash, remoteId: row.remote_id } : undefined;
}

export function putGlossary(db: WriteDb, provider: string, sourceLang: string, targetLang: string, contentHash: string, remoteId: string): void {
  db.prepare(
    `INSERT INTO mt_glossaries (provider, source_lang, target_lang, content_hash, remote_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, source_lang, target_lang) DO UPDATE SET content_hash = excluded.content_hash, remote_id = excluded.remote_id, created_at = excluded.created_at`,
  ).run(provider, sourceLang, targetLang, contentHash, remoteId, now());
}

interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  total: number;
  done: number;
  chars: number;
  total_chars: number;
  message: string | null;
  pid: number | null;
  created_at: string;
  updated_at: string;
}

function toJob(r: JobRow): JobInfo {
  return { id: r.id, kind: r.kind, status: r.status, total: r.total, done: r.done, chars: r.chars, totalChars: r.total_chars, message: r.message, params: JSON.parse(r.params), createdAt: r.created_at, updatedAt: r.updated_at };
}

export function createJob(db: WriteDb, kind: string, params: unknown, total: number, totalChars: number): number {
  const t = now();
  return writeTransaction(db, () =>
    Number(
      db
        .prepare('INSERT INTO jobs (kind, status, params, total, total_chars, pid, host, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(kind, 'running', JSON.stringify(params), total, totalChars, process.pid, os.hostname(), t, t).lastInsertRowid,
    ),
  );
}

/** Updates a job; its updated_at is the sign of life that keeps it from being taken for interrupted. */
export function updateJob(db: WriteDb, id: number, patch: { status?: JobStatus; done?: number; chars?: number; total?: number; totalChars?: number; message?: string | null }): void {
  writeTransaction(db, () => {
    const cur = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow;
    db.prepare('UPDATE jobs SET status = ?, done = ?, chars = ?, total = ?, total_chars = ?, message = ?, updated_at = ? WHERE id = ?').run(
      patch.status ?? cur.status, patch.done ?? cur.done, patch.chars ?? cur.chars, patch.total ?? cur.total, patch.totalChars ?? cur.total_chars,
      patch.message === undefined ? cur.message : patch.message, now(), id,
    );
  });
}

export function getJob(db: ReadDb, id: number): JobInfo | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? toJob(row) : undefined;
}

export function listJobs(db: ReadDb, limit = 50): JobInfo[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
}

/** A job running on another machine that sent no sign of life for this long was interrupted. */
export const JOB_SILENCE_MS = 5 * 60_000;

/** Jobs left "running" by a process that no longer exists (or, on another machine, that went silent) were interrupted: a kill, a crash. */
export function markStaleJobs(db: WriteDb): number {
  const rows = db.prepare("SELECT id, pid, host, kind, updated_at FROM jobs WHERE status = 'running'").all() as Array<{ id: number; pid: number | null; host: string | null; kind: string; updated_at: string }>;
  let n = 0;
  for (const r of rows) {
    const here = r.host === null || r.host === os.hostname();
    if (here && r.pid === process.pid) continue;
    // On this machine the process tells; a job run elsewhere is judged by its signs of life.
    if (here ? processAlive(r.pid) : Date.now() - Date.parse(r.updated_at) <= JOB_SILENCE_MS) continue;
    const again =
      r.kind === 'translate' ? 'run translate again to resume'
      : r.kind === 'import-urls' ? 'import the addresses again (those already imported are skipped as duplicates)'
      : `run ${r.kind} again`;
    updateJob(db, r.id, { status: 'interrupted', message: `the process running this job stopped before it finished; ${again}` });
    n++;
  }
  return n;
}
