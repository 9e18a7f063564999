import type { Migration } from './types';

const OLD_KEY = /UNIQUE\s*\(\s*doc_a\s*,\s*doc_b\s*,\s*level\s*\)/i;

/**
 * A parallel and a comparable alignment of the same two documents are
 * different work: the mode joins the key, so aligning in one mode no longer
 * replaces the other's links. SQLite cannot change a table's constraint in
 * place, so the table is rebuilt from its own definition (whatever columns
 * earlier migrations added), with the same ids; links keep pointing at them.
 */
export const migration007: Migration = {
  version: 7,
  name: 'alignments are unique per mode',
  rebuildsParentTable: true,
  up: '',
  code(db) {
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'alignments'").pluck().get() as string | undefined;
    if (!table || !OLD_KEY.test(table)) throw new Error('alignments: the unique key on (doc_a, doc_b, level) was not found');
    const extras = db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'alignments' AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all() as string[];
    const rebuilt = table.replace(OLD_KEY, 'UNIQUE (doc_a, doc_b, level, mode)').replace(/^CREATE TABLE\s+"?alignments"?/i, 'CREATE TABLE alignments_007');
    db.exec(rebuilt);
    db.exec('INSERT INTO alignments_007 SELECT * FROM alignments');
    db.exec('DROP TABLE alignments');
    db.exec('ALTER TABLE alignments_007 RENAME TO alignments');
    for (const sql of extras) db.exec(sql);
  },
};
