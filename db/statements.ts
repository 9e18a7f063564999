import type { Statement } from 'better-sqlite3';
import type { ReadDb } from './open';

const caches = new WeakMap<ReadDb, Map<string, Statement>>();

/** Prepares a statement once per connection; hot paths such as import call this per row. */
export function stmt(db: ReadDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
