import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
  /** Code run after `up`, in the same transaction: for changes that must read the schema first. */
  code?: (db: Database.Database) => void;
  /**
   * The migration rebuilds a table that other tables reference: it runs with
   * foreign keys off (a rebuilt parent would otherwise take its children with
   * it on DROP), and the keys are checked before it commits.
   */
  rebuildsParentTable?: boolean;
}
