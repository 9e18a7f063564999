import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/project';

const repo = path.resolve(__dirname, '../..');
const TREE = ['common', 'db', 'core', 'cli', 'main', 'renderer', 'tests', 'bench', 'scripts', 'package.json', 'package-lock.json', '.dependency-cruiser.cjs'];

/** Files that break the layering, each in its own way. */
const PROBES: Record<string, string> = {
  // The renderer runs in a browser: node:fs is not there.
  'renderer/src/probe-fs.ts': "import fs from 'node:fs';\nexport const probe = fs.existsSync('.');\n",
  // core sits below the UI.
  'core/services/probe-renderer.ts': "import { inReadingOrder } from '../../renderer/src/links';\nexport const probe = inReadingOrder;\n",
  // The alignment engine is pure: no database.
  'core/align/probe-db.ts': "import { openProject } from '../../db/open';\nexport const probe = openProject;\n",
  // SQL belongs in db/queries: a statement prepared in core (and its text), beside a RegExp's exec, which is no SQL.
  'core/services/probe-sql.ts':
    "import type { Db } from '../../db/open';\nexport const probe = (db: Db) => db.prepare(QUERY);\nconst QUERY = 'SELECT count(*) AS n FROM documents';\nexport const word = /\\w+/.exec('not sql');\n",
  // Only db/ prepares statements, even through its own statement cache.
  'cli/probe-stmt.ts': "import { stmt } from '../db/statements';\nexport const probe = stmt;\n",
};

describe('npm run check', () => {
  let dir: string;
  let cleanup: () => void;
  let result: { status: number | null; output: string };

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    for (const entry of [...TREE, ...fs.readdirSync(repo).filter((f) => /^tsconfig\..*\.json$/.test(f))]) {
      fs.cpSync(path.join(repo, entry), path.join(dir, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
    for (const [file, text] of Object.entries(PROBES)) fs.writeFileSync(path.join(dir, file), text);
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts/check.mjs'), '--root', dir], { encoding: 'utf8', timeout: 240_000 });
    result = { status: r.status, output: `${r.stdout}${r.stderr}` };
  }, 300_000);
  afterAll(() => cleanup?.());

  it('fails, and names a renderer file that imports node:fs (types and layers)', () => {
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/check types:renderer: FAILED[\s\S]*renderer\/src\/probe-fs\.ts.*node:fs/);
    expect(result.output).toMatch(/renderer-no-node: renderer\/src\/probe-fs\.ts → (node:)?fs$/m);
  });

  it('names core importing the renderer', () => {
    expect(result.output).toMatch(/core-below-shells: core\/services\/probe-renderer\.ts → renderer\/src\/links\.ts/);
  });

  it('names core/align importing db', () => {
    expect(result.output).toMatch(/align-is-pure: core\/align\/probe-db\.ts → db\/open\.ts/);
  });

  it('names SQL outside db/: a statement prepared in core, its text, and the statement cache imported by the CLI', () => {
    expect(result.output).toMatch(/check sql: FAILED/);
    expect(result.output).toMatch(/error sql-outside-db: core\/services\/probe-sql\.ts:2 uses better-sqlite3's prepare/);
    expect(result.output).toMatch(/error sql-outside-db: core\/services\/probe-sql\.ts:3 holds SQL: "SELECT count\(\*\) AS n FROM documents"/);
    expect(result.output).toMatch(/sql-stays-in-db: cli\/probe-stmt\.ts → db\/statements\.ts/);
  });

  it('reports nothing else: the copied tree is otherwise clean', () => {
    const violations = result.output.match(/^\s*error [\w-]+:.*$/gm) ?? [];
    expect(violations.map((v) => v.trim().split(':')[0]).sort()).toEqual([
      'error align-is-pure',
      'error core-below-shells',
      'error renderer-no-node',
      'error sql-outside-db',
      'error sql-outside-db',
      'error sql-stays-in-db',
    ]);
    for (const part of ['lockfile', 'types:common', 'types:node', 'types:main', 'types:tools']) expect(result.output).toContain(`check ${part}: ok`);
  });
});
