import type { ReadDb, WriteDb } from '../open';

export interface CollectionRow {
  id: number;
  name: string;
  created_at: string;
}

export interface StoryRow extends CollectionRow {
  articles: number;
  languages: string | null;
}

/** Every collection with its originals' count and languages, by name. */
export function listStoryRows(db: ReadDb): StoryRow[] {
  return db
    .prepare(
      `SELECT c.id, c.name, c.created_at,
              (SELECT count(*) FROM documents d WHERE d.collection_id = c.id AND d.translation_of IS NULL) AS articles,
              (SELECT group_concat(lang) FROM (SELECT DISTINCT d.lang FROM documents d WHERE d.collection_id = c.id AND d.translation_of IS NULL ORDER BY d.lang)) AS languages
       FROM collections c ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all() as StoryRow[];
}

export function getCollectionByName(db: ReadDb, name: string): CollectionRow | undefined {
  return db.prepare('SELECT id, name, created_at FROM collections WHERE name = ?').get(name) as CollectionRow | undefined;
}

export function getCollection(db: ReadDb, id: number): CollectionRow | undefined {
  return db.prepare('SELECT id, name, created_at FROM collections WHERE id = ?').get(id) as CollectionRow | undefined;
}

/** Puts a collection row as given: inserted with its id, or renamed in place. */
export function putCollection(db: WriteDb, row: CollectionRow): void {
  db.prepare('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(row.id, row.name, row.created_at);
}

export function insertCollection(db: WriteDb, name: string, createdAt: string): number {
  return Number(db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)').run(name, createdAt).lastInsertRowid);
}

export function deleteCollection(db: WriteDb, id: number): void {
  db.prepare('DELETE FROM collections WHERE id = ?').run(id);
}

/** Which collection each of these documents is in. */
export function membership(db: ReadDb, docIds: number[]): Array<{ docId: number; collectionId: number | null }> {
  const out: Array<{ docId: number; collectionId: number | null }> = [];
  const get = db.prepare('SELECT collection_id AS c FROM documents WHERE id = ?');
  for (const id of docIds) {
    const row = get.get(id) as { c: number | null } | undefined;
    if (row) out.push({ docId: id, collectionId: row.c });
  }
  return out;
}

/** Documents (originals and translations alike) in a collection. */
export function documentsInCollection(db: ReadDb, id: number): number[] {
  return (db.prepare('SELECT id FROM documents WHERE collection_id = ? ORDER BY id').all(id) as { id: number }[]).map((r) => r.id);
}

export function setDocumentCollection(db: WriteDb, docId: number, collectionId: number | null): void {
  db.prepare('UPDATE documents SET collection_id = ? WHERE id = ?').run(collectionId, docId);
}

/** A document and its translations. */
export function withTranslations(db: ReadDb, docId: number): number[] {
  return [docId, ...(db.prepare('SELECT id FROM documents WHERE translation_of = ? ORDER BY id').all(docId) as { id: number }[]).map((r) => r.id)];
}
