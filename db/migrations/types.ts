import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction, or a function that runs there (for changes that read the schema first). */
  up: string | ((db: Database.Database) => void);
  /**
   * The migration rebuilds a table that other tables reference: it runs with
   * foreign keys off (a rebuilt parent would otherwise take its children with
   * it on DROP), and the keys are checked before it commits.
   */
  rebuildsParentTable?: boolean;
}
