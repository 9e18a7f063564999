import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/open';
import { openProject } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { AnnotatorSummary, ExportedFile, FactGrid, FactsExportFormat, MergeCopyReport, UploadedFile } from '../../common/api';
import { annotatorCounts, annotatorNamesOf } from '../../db/queries/annotators';
import { factGridCsv, factsToJsonl, factsToWebAnnotation } from './facts-export';
import { mergeProjects } from './merge';

/** The name a project's exports start with: its file name without ".tandem". */
export function projectStem(name: string): string {
  return path.basename(name).replace(/\.tandem$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'project';
}

/** The facts of a project as a file to save: W3C Web Annotation (JSON-LD), JSON Lines, or the grid as CSV. */
export function exportFacts(db: Db, projectName: string, format: FactsExportFormat, grid: () => FactGrid): ExportedFile {
  const stem = projectStem(projectName);
  let file: { name: string; content: string; units: number };
  if (format === 'w3c') {
    const collection = factsToWebAnnotation(db, path.basename(projectName)) as { total: number };
    file = { name: `${stem}.facts.jsonld`, content: `${JSON.stringify(collection, null, 2)}\n`, units: collection.total };
  } else if (format === 'jsonl') {
    const content = factsToJsonl(db);
    file = { name: `${stem}.facts.jsonl`, content, units: content ? content.trimEnd().split('\n').length : 0 };
  } else if (format === 'csv') {
    const g = grid();
    file = { name: `${stem}.facts-grid.csv`, content: factGridCsv(g), units: g.rows.length };
  } else throw new TandemError('invalid-input', `Facts are exported as w3c, jsonl or csv, not "${String(format)}".`);
  return { name: file.name, content: file.content, files: [{ name: file.name, content: file.content }], units: file.units };
}

export function listAnnotators(db: Db, current: string): AnnotatorSummary[] {
  return annotatorCounts(db).map((a) => ({ name: a.name, current: a.name === current, facts: a.facts, mentions: a.mentions, confirmedLinks: a.confirmed_links }));
}

/** The first bytes of every SQLite database file. */
const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Largest copy accepted from the UI. */
export const MAX_COPY_BYTES = 2 * 1024 * 1024 * 1024;

function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** A file beside the project for its copy before a merge; never one that exists. */
export function backupPathFor(projectFile: string, what = 'before-merge', now = new Date()): string {
  const dir = path.dirname(projectFile);
  const stem = path.basename(projectFile).replace(/\.tandem$/i, '');
  let candidate = path.join(dir, `${stem}.${what}-${stamp(now)}.tandem`);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${stem}.${what}-${stamp(now)}-${i}.tandem`);
  return candidate;
}

/**
 * Merges another annotator's copy, uploaded as bytes, into the open project.
 * The upload is written to a private temporary file and opened there (an
 * older copy is brought up to this schema on that file; one that is not a
 * Tandem project, or comes from a newer Tandem, is refused before anything
 * changes). The project as it is now is copied beside itself first (SQLite's
 * online backup), then everything the copy adds goes in as one transaction:
 * a failure leaves the project exactly as it was, and the backup undoes a
 * merge that was not wanted. Error messages name files, never folders.
 */
export async function mergeCopy(db: Db, projectFile: string | null, file: UploadedFile): Promise<MergeCopyReport> {
  if (!file || typeof file.base64 !== 'string') throw new TandemError('invalid-input', 'Choose the .tandem file of the copy to merge.');
  const name = path.basename(String(file.name ?? 'copy.tandem'));
  const bytes = Buffer.from(file.base64, 'base64');
  if (!bytes.length) throw new TandemError('invalid-input', `${name} is empty; choose the .tandem file of the copy.`);
  if (bytes.length > MAX_COPY_BYTES) throw new TandemError('too-large', `${name} is larger than this workbench accepts for a merge; merge it with "tandem merge" instead.`);
  if (bytes.subarray(0, SQLITE_MAGIC.length).toString('latin1') !== SQLITE_MAGIC) {
    throw new TandemError('not-a-project', `${name} is not a Tandem project (not a SQLite database); nothing was merged.`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-merge-'));
  const copyPath = path.join(tmp, 'copy.tandem');
  let source: Db | null = null;
  try {
    fs.writeFileSync(copyPath, bytes, { mode: 0o600 });
    try {
      source = openProject(copyPath);
    } catch (err) {
      if (err instanceof TandemError) throw new TandemError(err.kind, err.message.split(copyPath).join(name).replace(/; it was left untouched\.?$/, '; nothing was merged.'));
      throw err;
    }
    let backup: string | null = null;
    if (projectFile && projectFile !== ':memory:') {
      const target = backupPathFor(projectFile);
      await db.backup(target);
      backup = path.basename(target);
    }
    const report = mergeProjects(db, source);
    return { ...report, annotators: annotatorNamesOf(source), backup };
  } finally {
    source?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
