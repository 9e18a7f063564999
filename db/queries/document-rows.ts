import type { ReadDb, WriteDb } from '../open';
import { ident } from '../sql';
import { stmt } from '../statements';
import { addToFullText, fullTextPending, removeFromFullText } from './segmentation';

export type Row = Record<string, unknown>;

/** The rows of one table that hang on a set of documents. */
export interface TableRows {
  table: string;
  rows: Row[];
}

interface ForeignKey {
  table: string;
  column: string;
  parent: string;
  parentColumn: string;
  onDelete: string;
}

/** Tables of the schema (no SQLite internals, no virtual tables or their shadows). */
function plainTables(db: ReadDb): string[] {
  const rows = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string | null }>;
  const virtual = new Set(rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name));
  return rows.filter((r) => !virtual.has(r.name) && ![...virtual].some((v) => r.name.startsWith(`${v}_`))).map((r) => r.name).sort();
}

function primaryKeyOf(db: ReadDb, table: string): string[] {
  const cols = db.prepare(`PRAGMA table_info(${ident(table).text})`).all() as Array<{ name: string; pk: number }>;
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

function foreignKeys(db: ReadDb, tables: string[]): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const table of tables) {
    const rows = db.prepare(`PRAGMA foreign_key_list(${ident(table).text})`).all() as Array<{ id: number; seq: number; table: string; from: string; to: string | null; on_delete: string }>;
    const byId = new Map<number, typeof rows>();
    for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
    for (const parts of byId.values()) {
      // Every reference in this schema is one column; a composite one would need its own handling.
      if (parts.length !== 1) throw new Error(`${table} has a foreign key of ${parts.length} columns; deleting documents does not know it`);
      const r = parts[0];
      out.push({ table, column: r.from, parent: r.table, parentColumn: r.to ?? primaryKeyOf(db, r.table)[0], onDelete: r.on_delete.toUpperCase() });
    }
  }
  return out;
}

/**
 * Everything that deleting documents takes with it, found from the schema:
 * the tables whose rows are deleted through ON DELETE CASCADE from
 * `documents`, in an order where every table comes after the tables it
 * refers to. A table that another version of Tandem adds with such a
 * reference is covered without a change here.
 */
export function documentTables(db: ReadDb): { order: string[]; keys: ForeignKey[] } {
  const keys = foreignKeys(db, plainTables(db));
  const reached = new Set(['documents']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of keys) {
      if (k.onDelete === 'CASCADE' && reached.has(k.parent) && !reached.has(k.table)) {
        reached.add(k.table);
        grew = true;
      }
    }
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < reached.size) {
    const before = order.length;
    for (const t of [...reached].sort()) {
      if (placed.has(t)) continue;
      const parents = keys.filter((k) => k.table === t && reached.has(k.parent) && k.parent !== t).map((k) => k.parent);
      if (parents.every((p) => placed.has(p))) {
        order.push(t);
        placed.add(t);
      }
    }
    if (order.length === before) throw new Error('the tables under documents refer to each other in a circle');
  }
  return { order, keys: keys.filter((k) => reached.has(k.table) && reached.has(k.parent)) };
}

/** Rows of `table` whose `column` is one of `values`, in batches that stay under SQLite's variable limit. */
function rowsWhere(db: ReadDb, table: string, column: string, values: unknown[]): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const part = values.slice(i, i + 500);
    out.push(...(db.prepare(`SELECT * FROM ${ident(table).text} WHERE ${ident(column).text} IN (${part.map(() => '?').join(', ')})`).all(...part) as Row[]));
  }
  return out;
}

/**
 * Every row that hangs on these documents, table by table, parents first:
 * what deleting them removes, and what puts them back exactly.
 */
export function snapshotDocumentRows(db: ReadDb, docIds: number[]): TableRows[] {
  const { order, keys } = documentTables(db);
  const taken = new Map<string, Row[]>();
  const out: TableRows[] = [];
  for (const table of order) {
    let rows: Row[];
    if (table === 'documents') rows = rowsWhere(db, 'documents', 'id', docIds);
    else {
      const seen = new Set<string>();
      rows = [];
      const pk = primaryKeyOf(db, table);
      const rowKey = (r: Row) => JSON.stringify(pk.length ? pk.map((c) => r[c]) : Object.values(r));
      for (const k of keys.filter((x) => x.table === table && x.parent !== table)) {
        const parentValues = [...new Set((taken.get(k.parent) ?? []).map((r) => r[k.parentColumn]))];
        for (const r of rowsWhere(db, table, k.column, parentValues)) {
          const key = rowKey(r);
          if (!seen.has(key)) {
            seen.add(key);
            rows.push(r);
          }
        }
      }
    }
    // Documents: originals before the translations that refer to them.
    if (table === 'documents') rows.sort((a, b) => Number(a.translation_of !== null) - Number(b.translation_of !== null) || Number(a.id) - Number(b.id));
    taken.set(table, rows);
    if (rows.length) out.push({ table, rows });
  }
  return out;
}

/** Deletes documents and, through the schema's cascades, everything that hangs on them; keeps the search index in step. */
export function deleteDocumentRows(db: WriteDb, docIds: number[]): void {
  if (!fullTextPending(db)) {
    for (const p of rowsWhere(db, 'paragraphs', 'doc_id', docIds)) removeFromFullText(db, Number(p.id), String(p.text));
  }
  for (let i = 0; i < docIds.length; i += 500) {
    const part = docIds.slice(i, i + 500);
    db.prepare(`DELETE FROM documents WHERE id IN (${part.map(() => '?').join(', ')})`).run(...part);
  }
}

/** Integer primary keys (rowid aliases), which new rows take by counting up from the largest. */
function integerKey(db: ReadDb, table: string): string | null {
  const cols = db.prepare(`PRAGMA table_info(${ident(table).text})`).all() as Array<{ name: string; type: string; pk: number }>;
  const pk = cols.filter((c) => c.pk > 0);
  return pk.length === 1 && pk[0].type.toUpperCase() === 'INTEGER' ? pk[0].name : null;
}

/**
 * Rows added since the snapshot was taken may hold the ids the snapshot's
 * rows had (SQLite gives a new row the largest id plus one, so a document
 * imported after the deletion can take the deleted one's numbers). Such a
 * newcomer is moved to a free id, with every reference to it, so the
 * snapshot's rows can have theirs back. Returns how many rows moved.
 */
function makeRoom(db: WriteDb, snapshot: TableRows[]): number {
  let moved = 0;
  const allKeys = foreignKeys(db, plainTables(db));
  for (const { table, rows } of snapshot) {
    const key = integerKey(db, table);
    // A key that is also a reference (a document's metadata, an alignment's settings) moved with the row it names.
    if (!key || allKeys.some((k) => k.table === table && k.column === key)) continue;
    const wanted = rows.map((r) => Number(r[key]));
    const taken: number[] = [];
    for (let i = 0; i < wanted.length; i += 500) {
      const part = wanted.slice(i, i + 500);
      taken.push(...(db.prepare(`SELECT ${ident(key).text} AS id FROM ${ident(table).text} WHERE ${ident(key).text} IN (${part.map(() => '?').join(', ')})`).all(...part) as { id: number }[]).map((r) => r.id));
    }
    if (!taken.length) continue;
    let next = Math.max(Number((db.prepare(`SELECT coalesce(max(${ident(key).text}), 0) AS m FROM ${ident(table).text}`).get() as { m: number }).m), ...wanted) + 1;
    const refs = allKeys.filter((k) => k.parent === table && k.parentColumn === key);
    for (const old of taken) {
      const to = next++;
      if (table === 'paragraphs' && !fullTextPending(db)) {
        const text = (db.prepare('SELECT text FROM paragraphs WHERE id = ?').get(old) as { text: string }).text;
        removeFromFullText(db, old, text);
        addToFullText(db, to, text);
      }
      db.prepare(`UPDATE ${ident(table).text} SET ${ident(key).text} = ? WHERE ${ident(key).text} = ?`).run(to, old);
      for (const r of refs) db.prepare(`UPDATE ${ident(r.table).text} SET ${ident(r.column).text} = ? WHERE ${ident(r.column).text} = ?`).run(to, old);
      moved++;
    }
  }
  return moved;
}

/**
 * Puts deleted documents back exactly as the snapshot holds them, with their
 * ids. Returns how many newer rows had to move out of the way (their ids were
 * reused); the caller must then forget whatever still names them by their old
 * ids. Runs inside the caller's transaction; references are checked when it
 * commits.
 */
export function restoreDocumentRows(db: WriteDb, snapshot: TableRows[]): number {
  db.pragma('defer_foreign_keys = ON');
  const moved = makeRoom(db, snapshot);
  for (const { table, rows } of snapshot) {
    for (const row of rows) {
      const cols = Object.keys(row);
      stmt(db, `INSERT INTO ${ident(table).text} (${cols.map((c) => ident(c).text).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
    }
  }
  if (!fullTextPending(db)) {
    for (const p of snapshot.find((t) => t.table === 'paragraphs')?.rows ?? []) addToFullText(db, Number(p.id), String(p.text));
  }
  return moved;
}
