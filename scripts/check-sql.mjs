#!/usr/bin/env node
// Part of `npm run check`: SQL lives in db/ only. Outside db/ (in common, core,
// cli, main and the renderer) it finds
//   - any use of a better-sqlite3 connection or statement beyond opening,
//     closing and backing it up: prepare, exec, pragma, transaction, run,
//     get, all, ... (found by type, so a RegExp's exec or a Map's get is not
//     taken for one);
//   - string literals and templates that begin like an SQL statement.
// Tests, benchmarks and scripts may read a project with SQL: they are not looked at.
//
//   node scripts/check-sql.mjs [--root DIR]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : here;
const ts = createRequire(path.join(root, 'package.json'))('typescript');

/** Folders whose code must not hold SQL. */
const OUTSIDE_DB = ['common', 'core', 'cli', 'main', 'renderer'];
/** What code outside db/ may do with a connection: none of it is SQL. */
const ALLOWED = new Set(['close', 'backup', 'open', 'inTransaction', 'name', 'memory', 'readonly']);
/** Text that starts an SQL statement (upper case, as every statement of the project is written). */
const SQL_TEXT =
  /^\s*(?:SELECT\s|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\s|REPLACE\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(?:TEMP\s+|TEMPORARY\s+|VIRTUAL\s+|UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\s|DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)\s|ALTER\s+TABLE\s|PRAGMA\s+\w|WITH\s+(?:RECURSIVE\s+)?\w+\s*(?:\([^)]*\)\s*)?AS\s*\(|BEGIN(?:\s+(?:DEFERRED|IMMEDIATE|EXCLUSIVE))?(?:\s+TRANSACTION)?\s*;?\s*$|SAVEPOINT\s|RELEASE\s+SAVEPOINT\s|VACUUM\b|ATTACH\s)/;

function sourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(p);
      } else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

const files = OUTSIDE_DB.flatMap((d) => sourceFiles(path.join(root, d)));
const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  typeRoots: [path.join(root, 'node_modules', '@types')],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  resolveJsonModule: true,
  noEmit: true,
  // A copy of the tree may borrow a checkout's node_modules through a link: paths stay as written.
  preserveSymlinks: true,
};
const program = ts.createProgram(files, options);
const checker = program.getTypeChecker();
const fromSqlite = (symbol) => (symbol?.declarations ?? []).some((d) => /[\\/]better-sqlite3[\\/]/.test(d.getSourceFile().fileName));

const violations = [];
for (const file of files) {
  const source = program.getSourceFile(file);
  if (!source) continue;
  const rel = path.relative(root, file).split(path.sep).join('/');
  const report = (node, what) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    violations.push(`error sql-outside-db: ${rel}:${line + 1} ${what}`);
  };
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node) && !ALLOWED.has(node.name.text) && fromSqlite(checker.getSymbolAtLocation(node.name))) {
      report(node, `uses better-sqlite3's ${node.name.text} (SQL belongs in db/queries)`);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
      if (SQL_TEXT.test(node.text)) report(node, `holds SQL: ${JSON.stringify(node.text.trim().slice(0, 40))} (SQL belongs in db/queries)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

for (const v of violations) console.log(v);
if (violations.length) console.log(`${violations.length} use${violations.length === 1 ? '' : 's'} of SQL outside db/`);
process.exitCode = violations.length ? 1 : 0;
