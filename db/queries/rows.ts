import type { WriteDb } from '../open';
import { ident } from '../sql';
import { stmt } from '../statements';

export type Row = Record<string, unknown>;

/**
 * Puts a row back as it was: inserts it, or updates the row with the same
 * key in place. Never REPLACE: REPLACE deletes the old row first, and that
 * delete cascades to every row that refers to it.
 */
export function upsertRow(db: WriteDb, table: string, key: readonly string[], row: Row): void {
  const cols = Object.keys(row);
  const rest = cols.filter((c) => !key.includes(c));
  const t = ident(table).text;
  const names = cols.map((c) => ident(c).text);
  const update = rest.length ? `DO UPDATE SET ${rest.map((c) => `${ident(c).text} = excluded.${ident(c).text}`).join(', ')}` : 'DO NOTHING';
  stmt(db, `INSERT INTO ${t} (${names.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${key.map((k) => ident(k).text).join(', ')}) ${update}`).run(
    ...cols.map((c) => row[c]),
  );
}

export function deleteRow(db: WriteDb, table: string, key: readonly string[], row: Row): void {
  stmt(db, `DELETE FROM ${ident(table).text} WHERE ${key.map((k) => `${ident(k).text} = ?`).join(' AND ')}`).run(...key.map((k) => row[k]));
}
