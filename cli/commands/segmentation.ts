import { TandemError } from '../../common/errors';
import type { SegmentationEditResult, SegmentationOperation } from '../../common/api';
import type { Paragraph } from '../../common/types';
import type { Db } from '../../db/open';
import { getOrCreateAnnotator } from '../../db/queries/documents';
import { getDocument, resolveDoc } from '../../core/services/documents';
import { History } from '../../core/services/history';
import { editSegmentation } from '../../core/services/segmentation';
import { annotatorName, need, out, parse, printJson, withProject } from '../util';

/** A 1-based paragraph number from the command line, as a 0-based index. */
function paragraphIndex(value: string | undefined, usage: string): number {
  if (value === undefined) throw new TandemError('invalid-input', `--paragraph N is required\nusage: ${usage}`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new TandemError('invalid-input', `--paragraph takes a paragraph number (1, 2, …), not "${value}"`);
  return n - 1;
}

function paragraphOf(db: Db, ref: string, index: number): Paragraph {
  const doc = getDocument(db, ref);
  const p = doc.paragraphList[index];
  if (!p) throw new TandemError('invalid-input', `Document ${doc.id} has no paragraph ${index + 1} (it has ${doc.paragraphList.length}).`);
  return p;
}

/** Where `text` occurs in the paragraph, once and only once. */
function uniqueOffset(p: Paragraph, text: string, flag: string): number {
  if (!text) throw new TandemError('invalid-input', `${flag} needs some text from the paragraph`);
  const first = p.text.indexOf(text);
  if (first < 0) throw new TandemError('invalid-input', `"${text}" is not in paragraph ${p.index + 1}; "tandem sentences" shows its text.`);
  const again = p.text.indexOf(text, first + 1);
  if (again >= 0) throw new TandemError('invalid-input', `"${text}" occurs more than once in paragraph ${p.index + 1} (at ${first}, ${again}…): give more of the text, or --at OFFSET.`);
  return first;
}

function offset(value: string | undefined, p: Paragraph, usage: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n)) throw new TandemError('invalid-input', `--at takes a character offset into paragraph ${p.index + 1} (0 to ${p.text.length})\nusage: ${usage}`);
  return n;
}

function report(r: SegmentationEditResult, file: string, json: boolean | undefined): void {
  if (json) {
    printJson(r);
    return;
  }
  out(r.description);
  for (const d of r.documents) out(`  doc ${d.doc.id}: ${d.doc.paragraphs} paragraphs, ${d.doc.sentences} sentences`);
  for (const n of r.notes) out(`  ${n}`);
  out(`undo with: tandem undo ${file}`);
}

function run(file: string, ref: string, build: (db: Db) => SegmentationOperation): SegmentationEditResult {
  return withProject(file, (db) => {
    const op = build(db);
    const history = new History(db, () => getOrCreateAnnotator(db, annotatorName(undefined)));
    return editSegmentation(db, history, resolveDoc(db, ref), op);
  });
}

export async function splitCommand(argv: string[], sentenceOnly = false): Promise<number> {
  const usage = `tandem ${sentenceOnly ? 'split-sentence' : 'split'} PROJECT DOC --paragraph N (--before TEXT | --at OFFSET)${sentenceOnly ? '' : ' [--sentence] [--no-translations]'} [--json]`;
  const { values, positionals } = parse(argv, {
    paragraph: { type: 'string' },
    at: { type: 'string' },
    before: { type: 'string' },
    sentence: { type: 'boolean' },
    'no-translations': { type: 'boolean' },
    json: { type: 'boolean' },
  }, usage);
  need(positionals, 2, usage);
  const [file, ref] = positionals;
  const index = paragraphIndex(values.paragraph, usage);
  if ((values.at === undefined) === (values.before === undefined)) throw new TandemError('invalid-input', `give either --before TEXT or --at OFFSET\nusage: ${usage}`);
  const r = run(file, ref, (db) => {
    const p = paragraphOf(db, ref, index);
    const at = values.before !== undefined ? uniqueOffset(p, values.before, '--before') : offset(values.at, p, usage);
    return sentenceOnly || values.sentence
      ? { op: 'split-sentence', paragraph: index, at }
      : { op: 'split-paragraph', paragraph: index, at, translations: !values['no-translations'] };
  });
  report(r, file, values.json);
  return 0;
}

export async function mergeParagraphsCommand(argv: string[]): Promise<number> {
  const usage = 'tandem merge-paragraphs PROJECT DOC --paragraph N [--no-translations] [--json]   (merges N with N+1)';
  const { values, positionals } = parse(argv, { paragraph: { type: 'string' }, 'no-translations': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const [file, ref] = positionals;
  const index = paragraphIndex(values.paragraph, usage);
  report(run(file, ref, () => ({ op: 'merge-paragraphs', paragraph: index, translations: !values['no-translations'] })), file, values.json);
  return 0;
}

export async function mergeSentencesCommand(argv: string[]): Promise<number> {
  const usage = 'tandem merge-sentences PROJECT DOC (--sentence S | --paragraph N --after TEXT) [--json]   (merges the sentence with the next one)';
  const { values, positionals } = parse(argv, { sentence: { type: 'string' }, paragraph: { type: 'string' }, after: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const [file, ref] = positionals;
  const r = run(file, ref, (db) => {
    if (values.sentence !== undefined) {
      const s = Number(values.sentence);
      if (!Number.isInteger(s) || s < 1) throw new TandemError('invalid-input', `--sentence takes a sentence number as "tandem sentences" shows it, not "${values.sentence}"`);
      return { op: 'merge-sentences', sentence: s - 1 };
    }
    if (values.after === undefined) throw new TandemError('invalid-input', `give --sentence S, or --paragraph N with --after TEXT\nusage: ${usage}`);
    const index = paragraphIndex(values.paragraph, usage);
    const doc = getDocument(db, ref);
    const p = paragraphOf(db, ref, index);
    const end = uniqueOffset(p, values.after, '--after') + values.after.length;
    const i = p.sentences.findIndex(([, e]) => e === end);
    if (i < 0 || i === p.sentences.length - 1) {
      throw new TandemError('invalid-input', `No sentence of paragraph ${index + 1} ends right after "${values.after}" with another sentence after it; "tandem sentences ${file} ${ref} --paragraph ${index + 1}" shows where they end.`);
    }
    const before = doc.paragraphList.slice(0, index).reduce((n, q) => n + Math.max(1, q.sentences.length), 0);
    return { op: 'merge-sentences', sentence: before + i };
  });
  report(r, file, values.json);
  return 0;
}

export async function sentencesCommand(argv: string[]): Promise<number> {
  const usage = 'tandem sentences PROJECT DOC [--paragraph N] [--json]   (numbered as sentence-level links number them)';
  const { values, positionals } = parse(argv, { paragraph: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const [file, ref] = positionals;
  const only = values.paragraph === undefined ? undefined : paragraphIndex(values.paragraph, usage);
  const doc = withProject(file, (db) => getDocument(db, ref), { readonly: true });
  if (only !== undefined && !doc.paragraphList[only]) throw new TandemError('invalid-input', `Document ${doc.id} has no paragraph ${only + 1} (it has ${doc.paragraphList.length}).`);
  const rows: Array<{ sentence: number; paragraph: number; start: number; end: number; text: string }> = [];
  let n = 0;
  for (const p of doc.paragraphList) {
    const spans = p.sentences.length ? p.sentences : [[0, p.text.length] as [number, number]];
    for (const [s, e] of spans) {
      n++;
      if (only === undefined || only === p.index) rows.push({ sentence: n, paragraph: p.index + 1, start: s, end: e, text: p.text.slice(s, e) });
    }
  }
  if (values.json) printJson(rows);
  else for (const r of rows) out(`${String(r.sentence).padStart(4)}  ¶${r.paragraph} ${r.start}–${r.end}  ${r.text}`);
  return 0;
}
