import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openProject, TANDEM_APPLICATION_ID } from '../../../db/open';
import { LATEST_VERSION, migrations } from '../../../db/migrations';
import { tempDir } from '../../support/project';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('project file', () => {
  it('creates a project that reopens with every table of the data model', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'corpus.tandem');
    openProject(file, { create: true }).close();
    const db = openProject(file);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const table of ['collections', 'documents', 'paragraphs', 'alignments', 'links', 'link_segments', 'facts', 'mentions', 'annotators', 'operations', 'jobs', 'settings', 'mt_cache']) {
      expect(tables).toContain(table);
    }
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(TANDEM_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses to create over an existing file', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'x.tandem');
    fs.writeFileSync(file, 'keep me');
    expect(() => openProject(file, { create: true })).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('refuses a file from a newer schema and leaves it byte for byte untouched', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'future.tandem');
    openProject(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openProject(file)).toThrow(/newer version of Tandem/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a SQLite file that is not a Tandem project, untouched', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openProject(file)).toThrow(/not a Tandem project/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite at all, untouched', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'notes.tandem');
    fs.writeFileSync(file, 'just some text that is long enough to not be a database header at all, really.');
    const before = fs.readFileSync(file);
    expect(() => openProject(file)).toThrow(/not a Tandem project/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('says how to create a project that does not exist', () => {
    expect(() => openProject('/nonexistent/dir/x.tandem')).toThrow(/tandem init/);
  });
});

describe('migrations', () => {
  // Numbers are reserved per change, so one may be missing while the change that holds it is unmerged.
  it('are numbered in increasing order and apply in one go on an empty database', () => {
    migrations.forEach((m, i) => i > 0 && expect(m.version).toBeGreaterThan(migrations[i - 1].version));
    const db = openProject(':memory:', { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('001 lets search and alignment use their indexes', () => {
    const db = openProject(':memory:', { create: true });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan('SELECT * FROM links WHERE alignment_id = 1')).toMatch(/USING INDEX links_alignment/);
    expect(plan('SELECT * FROM paragraphs WHERE doc_id = 1 ORDER BY idx')).toMatch(/USING INDEX sqlite_autoindex_paragraphs/);
    expect(plan('SELECT * FROM mentions WHERE fact_id = 3')).toMatch(/USING INDEX mentions_fact/);
    expect(plan("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'x'")).toMatch(/VIRTUAL TABLE INDEX/);
    db.close();
  });

  it('applies a migration that arrived after a later one (002 after 004), going by what it creates', () => {
    const db = openProject(':memory:', { create: true });
    // A project made before 002 existed: version 4, no leases table, no jobs.host.
    db.exec('DROP TABLE leases; ALTER TABLE jobs DROP COLUMN host;');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    migrate(db);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'leases'").pluck().get()).toBe('leases');
    expect(db.prepare("SELECT name FROM pragma_table_info('jobs') WHERE name = 'host'").pluck().get()).toBe('host');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    // Nothing is applied twice.
    expect(() => migrate(db)).not.toThrow();
    db.close();
  });

  it('002 adds one lease per name and the machine that runs a job', () => {
    const db = openProject(':memory:', { create: true });
    const insert = db.prepare("INSERT INTO leases (name, holder, pid, host, acquired_at, expires_at) VALUES ('translate', ?, 1, 'h', 'now', 0)");
    insert.run('a');
    expect(() => insert.run('b')).toThrow(/UNIQUE/);
    db.exec("INSERT INTO jobs (kind, status, params, pid, host, created_at, updated_at) VALUES ('translate', 'running', '{}', 1, 'h', 'now', 'now')");
    expect(db.prepare('SELECT host FROM jobs').pluck().get()).toBe('h');
    db.close();
  });

  it('001 refuses a duplicate original and a mention span that ends before it starts', () => {
    const db = openProject(':memory:', { create: true });
    const insert = db.prepare("INSERT INTO documents (title, source, format, lang, lang_confidence, content_hash, provenance, characters, paragraph_count, sentence_count, created_at) VALUES ('t', 's', 'text', 'en', 1, 'h', '{}', 0, 0, 0, 'now')");
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.exec("INSERT INTO paragraphs (doc_id, idx, text) VALUES (1, 0, 'x'); INSERT INTO facts (label, created_at, updated_at) VALUES ('f', 'now', 'now')");
    expect(() => db.exec("INSERT INTO mentions (fact_id, paragraph_id, start, end, quote, origin, created_at) VALUES (1, 1, 5, 2, 'x', 'manual', 'now')")).toThrow(/CHECK/);
    db.close();
  });
});

describe('read-only open of a project made by an older version', () => {
  it('brings it up to date once, then reads it (its documents list, which needs the newer tables)', async () => {
    const { listDocuments } = await import('../../../db/queries/documents');
    const t = tempDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'old.tandem');
    // As an older version left it: the migrations up to 004 only.
    const raw = new Database(file);
    raw.pragma(`application_id = ${TANDEM_APPLICATION_ID}`);
    raw.pragma('journal_mode = WAL');
    for (const m of migrations.filter((x) => x.version <= 4)) raw.exec(m.up);
    raw.pragma('user_version = 4');
    raw.close();
    const db = openProject(file, { readonly: true });
    try {
      expect(db.readonly).toBe(true);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'document_meta'").get()).toBeTruthy();
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(listDocuments(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
