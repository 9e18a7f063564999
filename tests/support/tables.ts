import type { Db } from '../../db/open';

/**
 * Every table's rows, in a stable order: what "the state of the project"
 * means here. The undo log and the log of background jobs are left out
 * (a job that ran stays on record after undo), and so is the layout of the
 * full-text index's b-tree (paragraphs_fts_data and _idx hold the same
 * entries in another arrangement after a delete and re-insert); which rows
 * the index holds is compared (paragraphs_fts_docsize), and FTS5's integrity
 * check says the index matches the text.
 */
export function dumpTables(db: Db): Record<string, unknown[]> {
  db.exec("INSERT INTO paragraphs_fts (paragraphs_fts, rank) VALUES ('integrity-check', 1)");
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
       AND name NOT IN ('operations', 'jobs', 'paragraphs_fts_data', 'paragraphs_fts_idx') ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).raw().all();
  }
  return out;
}
