import fs from 'node:fs';
import path from 'node:path';
import { TandemError } from '../../common/errors';
import { openProject } from '../../db/open';
import { addProjectAbbreviations, getOrCreateAnnotator, getProjectAbbreviations, listDocuments } from '../../db/queries/documents';
import type { DocumentMeta, DocumentSummary, ImportFileReport } from '../../common/types';
import type { Db } from '../../db/open';
import { acceptDetectedLanguage, setDocumentLanguageUndoable, setDocumentTitle } from '../../core/services/document-labels';
import { baseLang, loadLanguageModel } from '../../core/text';
import { getDocument, resolveDoc } from '../../core/services/documents';
import { importTranslationFile, summarize } from '../../core/services/import';
import { importPathsFast } from '../../core/services/bulk-import';
import { importUrls } from '../../core/services/web-import';
import { isUrl } from '../../core/web/fetch';
import { HIT_CLOSE, HIT_OPEN, search } from '../../core/services/search';
import { projectStats } from '../../core/services/stats';
import type { ParagraphMode } from '../../core/text';
import { annotatorName, isTty, need, out, parse, printJson, table, warn, withProject, withProjectAsync } from '../util';
import { AlignService } from '../../core/services/align';
import { History } from '../../core/services/history';

export async function initCommand(argv: string[]): Promise<number> {
  const usage = 'tandem init FILE';
  const { positionals } = parse(argv, {}, usage);
  need(positionals, 1, usage);
  const file = positionals[0];
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  openProject(file, { create: true }).close();
  out(`Created project ${file}`);
  return 0;
}

function paragraphMode(value: unknown): ParagraphMode | undefined {
  if (value === undefined) return undefined;
  if (value === 'blank-line' || value === 'line' || value === 'auto') return value;
  throw new TandemError('invalid-input', `--paragraphs takes blank-line, line or auto, not "${String(value)}"`);
}

function htmlMode(value: unknown): 'article' | 'full' | undefined {
  if (value === undefined) return undefined;
  if (value === 'article' || value === 'full') return value;
  throw new TandemError('invalid-input', `--html takes article or full, not "${String(value)}"`);
}

export async function importCommand(argv: string[]): Promise<number> {
  const usage = 'tandem import PROJECT FILE|DIR|URL... [--collection NAME] [--lang CODE] [--paragraphs blank-line|line] [--html article|full] [--captions] [--timeout SECONDS] [--json]';
  const { values, positionals } = parse(argv, {
    collection: { type: 'string' },
    lang: { type: 'string' },
    paragraphs: { type: 'string' },
    html: { type: 'string' },
    captions: { type: 'boolean' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
  }, usage);
  need(positionals, 2, usage);
  const [file, ...inputs] = positionals;
  await loadLanguageModel();
  const urls = inputs.filter(isUrl);
  const paths = inputs.filter((i) => !isUrl(i));
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new TandemError('invalid-input', `--timeout takes a number of seconds, not "${values.timeout}"`);
  const opts = { collection: values.collection, lang: values.lang, paragraphs: paragraphMode(values.paragraphs), html: htmlMode(values.html), captions: values.captions };
  const show = (r: ImportFileReport) => {
    if (values.json) return;
    if (r.status === 'imported') out(`imported  ${r.file}  → doc ${r.docId}, ${r.lang} (${r.langConfidence}), ${r.paragraphs} paragraphs, ${r.sentences} sentences${r.reason ? `  [${r.reason}]` : ''}`);
    else if (r.status === 'duplicate') out(`duplicate ${r.file}  = doc ${r.duplicateOf}, not imported again`);
    else warn(`failed    ${r.file}: ${r.reason}`);
  };
  // Ctrl+C stops fetching between pages; what was imported stays.
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  if (urls.length) process.once('SIGINT', onSigint);
  const report = await withProjectAsync(file, async (db) => {
    const files: ImportFileReport[] = [];
    if (paths.length) files.push(...(await importPathsFast(db, paths, opts, show)).files);
    if (urls.length) files.push(...(await importUrls(db, urls, { ...opts, timeoutMs: timeout === undefined ? undefined : timeout * 1000, signal: stop.signal }, show)).files);
    return summarize(files);
  }).finally(() => process.removeListener('SIGINT', onSigint));
  if (values.json) printJson(report);
  else out(`${report.imported} imported, ${report.duplicates} duplicates, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}

export async function importTranslationCommand(argv: string[]): Promise<number> {
  const usage = 'tandem import-translation PROJECT --of DOC FILE [--lang CODE] [--provider NAME] [--kind human|mt] [--json]';
  const { values, positionals } = parse(argv, {
    of: { type: 'string' },
    lang: { type: 'string' },
    provider: { type: 'string' },
    kind: { type: 'string' },
    paragraphs: { type: 'string' },
    json: { type: 'boolean' },
  }, usage);
  need(positionals, 2, usage);
  if (!values.of) throw new TandemError('invalid-input', `--of DOC is required\nusage: ${usage}`);
  if (values.kind && values.kind !== 'human' && values.kind !== 'mt') throw new TandemError('invalid-input', '--kind takes human or mt');
  const [file, input] = positionals;
  await loadLanguageModel();
  const report = withProject(file, (db) => {
    const r = importTranslationFile(db, values.of!, input, {
      lang: values.lang,
      provider: values.provider,
      kind: values.kind as 'human' | 'mt' | undefined,
      paragraphs: paragraphMode(values.paragraphs),
    });
    if (r.status === 'imported' && r.docId !== undefined) {
      // The translation is aligned with its original at once, paragraph by paragraph.
      const annotatorId = getOrCreateAnnotator(db, annotatorName(undefined));
      new AlignService(db, new History(db, () => annotatorId), () => annotatorId).alignTranslation(resolveDoc(db, values.of!), r.docId);
    }
    return r;
  });
  if (values.json) printJson(report);
  else if (report.status === 'imported') out(`imported translation ${report.file} → doc ${report.docId} (${report.lang}, ${report.paragraphs} paragraphs), translation of ${values.of}`);
  else if (report.status === 'duplicate') out(`duplicate: this translation is already doc ${report.duplicateOf}`);
  else warn(`failed: ${report.file}: ${report.reason}`);
  return report.status === 'failed' ? 1 : 0;
}

/** The language cell of `tandem list`: the code, or how unsure it is and what the translation engine said. */
export function languageCell(d: DocumentSummary): string {
  if (!d.langUnsure) return d.lang;
  return d.mtDetectedLang ? `unsure (DeepL says: ${d.mtDetectedLang})` : `unsure (${d.lang}?)`;
}

function paragraphList(indices: number[]): string {
  const shown = indices.slice(0, 8).map((i) => String(i + 1));
  return `¶ ${shown.join(', ')}${indices.length > shown.length ? `, … (${indices.length})` : ''}`;
}

export async function listCommand(argv: string[]): Promise<number> {
  const usage = 'tandem list PROJECT [--json]';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const docs = withProject(positionals[0], (db) => listDocuments(db), { readonly: true });
  if (values.json) {
    printJson(docs);
    return 0;
  }
  if (!docs.length) {
    out('No documents yet. Import some with: tandem import PROJECT FILE...');
    return 0;
  }
  // Web pages bring a site, a date and a byline: columns for them only when some document has them.
  const web = docs.some((d) => d.meta);
  const rows = [['id', 'lang', 'conf', 'paras', 'sents', 'chars', 'story', 'of', ...(web ? ['site', 'published', 'byline'] : []), 'source', 'title']];
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  for (const d of docs) {
    rows.push([
      String(d.id), languageCell(d), d.langConfidence.toFixed(2), String(d.paragraphs), String(d.sentences), String(d.characters),
      d.collection ?? '-', d.translationOf === null ? '-' : String(d.translationOf),
      ...(web ? [cut(d.meta?.siteName ?? '-', 24), d.meta?.published?.slice(0, 10) ?? '-', cut(d.meta?.byline ?? '-', 28)] : []),
      d.source,
      cut(d.title, 50),
    ]);
  }
  out(table(rows));
  const project = positionals[0];
  const notes: string[] = [];
  for (const d of docs) {
    if (d.otherLanguages.length) {
      notes.push(`doc ${d.id}: mixed languages: ${d.otherLanguages.map((o) => `${o.lang} in ${paragraphList(o.paragraphs)}`).join('; ')}`);
    }
  }
  const unsure = docs.filter((d) => d.langUnsure && d.translationOf === null);
  for (const d of unsure.filter((x) => x.mtDetectedLang)) {
    notes.push(`doc ${d.id}: accept DeepL's language with: tandem accept-lang ${project} ${d.id}`);
  }
  if (unsure.some((d) => !d.mtDetectedLang)) {
    notes.push(`${unsure.filter((d) => !d.mtDetectedLang).length} unsure: "tandem translate" lets DeepL detect their language; or set it: tandem set-lang ${project} DOC LANG`);
  }
  if (notes.length) out(`\n${notes.join('\n')}`);
  return 0;
}

export async function showCommand(argv: string[]): Promise<number> {
  const usage = 'tandem show PROJECT DOC [--json]';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const doc = withProject(positionals[0], (db) => getDocument(db, positionals[1]), { readonly: true });
  if (values.json) {
    printJson({ ...doc, paragraphList: undefined, paragraphs: doc.paragraphList.map((p) => ({ number: p.index + 1, text: p.text, edited: p.edited, status: p.status, sentences: p.sentences })) });
    return 0;
  }
  out(`# ${doc.title}  (doc ${doc.id}, ${doc.lang}, ${doc.source})`);
  if (doc.meta) out(describeMeta(doc.meta));
  for (const p of doc.paragraphList) out(`${String(p.index + 1).padStart(4)}  ${p.edited ?? p.text}`);
  return 0;
}

export async function searchCommand(argv: string[]): Promise<number> {
  const usage = 'tandem search PROJECT QUERY [--lang CODE] [--limit N] [--json]';
  const { values, positionals } = parse(argv, { lang: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const [file, ...words] = positionals;
  const hits = withProject(file, (db) => search(db, words.join(' '), { lang: values.lang, limit: values.limit ? Number(values.limit) : undefined }), { readonly: true });
  if (values.json) {
    // People read paragraph numbers from 1, here as everywhere on the command line.
    printJson(hits.map((h) => ({
      ...h,
      paragraph: h.paragraph + 1,
      snippet: h.snippet.replaceAll(HIT_OPEN, '[').replaceAll(HIT_CLOSE, ']'),
      counterparts: h.counterparts.map((c) => ({ ...c, paragraph: c.paragraph + 1 })),
    })));
    return 0;
  }
  const [open, close] = isTty() ? ['\x1b[1;33m', '\x1b[0m'] : ['[', ']'];
  for (const h of hits) {
    out(`doc ${h.docId} ¶${h.paragraph + 1} (${h.lang})  ${h.snippet.replaceAll(HIT_OPEN, open).replaceAll(HIT_CLOSE, close)}`);
    for (const c of h.counterparts) out(`    ↔ doc ${c.docId} ¶${c.paragraph + 1} (${c.lang})  ${c.text.length > 140 ? `${c.text.slice(0, 139)}…` : c.text}`);
  }
  out(`${hits.length} hit${hits.length === 1 ? '' : 's'}`);
  return 0;
}

function withHistory<T>(file: string, run: (db: Db, history: History) => T): T {
  return withProject(file, (db) => {
    const annotatorId = getOrCreateAnnotator(db, annotatorName(undefined));
    return run(db, new History(db, () => annotatorId));
  });
}

export async function setLangCommand(argv: string[]): Promise<number> {
  const usage = 'tandem set-lang PROJECT DOC LANG';
  const { positionals } = parse(argv, {}, usage);
  need(positionals, 3, usage);
  const [file, ref, lang] = positionals;
  const d = withHistory(file, (db, history) => setDocumentLanguageUndoable(db, history, ref, lang));
  out(`doc ${d.id} (${d.source}) is now ${d.lang}  ("tandem undo ${file}" takes it back)`);
  return 0;
}

export async function acceptLangCommand(argv: string[]): Promise<number> {
  const usage = 'tandem accept-lang PROJECT DOC|--all';
  const { values, positionals } = parse(argv, { all: { type: 'boolean' } }, usage);
  need(positionals, values.all ? 1 : 2, usage);
  const [file, ref] = positionals;
  const accepted = withHistory(file, (db, history) => {
    const refs = values.all
      ? listDocuments(db).filter((d) => d.langUnsure && d.mtDetectedLang && d.translationOf === null).map((d) => d.id)
      : [ref];
    return refs.map((r) => acceptDetectedLanguage(db, history, r));
  });
  if (!accepted.length) out('no unsure document has a language detected by DeepL yet');
  for (const d of accepted) out(`doc ${d.id} (${d.source}) is now ${d.lang}, as DeepL detected`);
  return 0;
}

export async function setTitleCommand(argv: string[]): Promise<number> {
  const usage = 'tandem set-title PROJECT DOC "TITLE"';
  const { positionals } = parse(argv, {}, usage);
  need(positionals, 3, usage);
  const [file, ref, ...words] = positionals;
  const d = withHistory(file, (db, history) => setDocumentTitle(db, history, ref, words.join(' ')));
  out(`doc ${d.id} (${d.source}) is now titled "${d.title}"  ("tandem undo ${file}" takes it back)`);
  return 0;
}

export async function abbreviationsCommand(argv: string[]): Promise<number> {
  const usage = 'tandem abbreviations PROJECT LANG [WORD...] [--json]   (adds words such as "avd." that do not end a sentence)';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const [file, lang, ...words] = positionals;
  const list = withProject(file, (db) => (words.length ? addProjectAbbreviations(db, baseLang(lang), words) : getProjectAbbreviations(db)[baseLang(lang)] ?? []));
  if (values.json) printJson(list);
  else out(list.length ? `${baseLang(lang)}: ${list.map((w) => `${w}.`).join(' ')}  (used for documents imported from now on)` : `no project abbreviations for ${baseLang(lang)}`);
  return 0;
}

export async function statsCommand(argv: string[]): Promise<number> {
  const usage = 'tandem stats PROJECT [--json]';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const s = withProject(positionals[0], (db) => projectStats(db), { readonly: true });
  if (values.json) {
    printJson(s);
    return 0;
  }
  out(`documents   ${s.documents.originals} originals (${Object.entries(s.documents.byLanguage).map(([l, n]) => `${l} ${n}`).join(', ') || 'none'}), ${s.documents.translations} translations, ${s.documents.stories} stories`);
  out(`text        ${s.paragraphs} paragraphs, ${s.sentences} sentences, ${s.characters} characters`);
  out(`alignments  ${s.alignments.total}, links: ${s.alignments.links.confirmed} confirmed, ${s.alignments.links.suggested} suggested, ${s.alignments.links.rejected} rejected`);
  out(`facts       ${s.facts} facts, ${s.mentions} mentions; annotators: ${s.annotators.join(', ') || 'none'}`);
  out(`MT          ${s.mt.cachedTranslations} cached translations, ${s.mt.billedCharacters} characters billed in all; jobs ${JSON.stringify(s.mt.jobs)}`);
  out(`history     ${s.operations} operations in the undo log`);
  return 0;
}

export async function undoCommand(argv: string[], redo = false): Promise<number> {
  const usage = `tandem ${redo ? 'redo' : 'undo'} PROJECT [--json]`;
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const r = withProject(positionals[0], (db) => {
    const history = new History(db, () => getOrCreateAnnotator(db, annotatorName(undefined)));
    return redo ? history.redo() : history.undo();
  });
  if (values.json) printJson({ done: r.done, description: r.description, canUndo: r.canUndo, canRedo: r.canRedo });
  else out(r.done ? `${redo ? 'redone' : 'undone'}: ${r.description}` : `nothing to ${redo ? 'redo' : 'undo'}`);
  return 0;
}

/** One line under a document's heading: who wrote it, where and when it appeared, where it came from. */
export function describeMeta(m: DocumentMeta): string {
  const parts = [
    m.byline ? `by ${m.byline}` : null,
    m.siteName,
    m.published ? `published ${m.published}` : null,
    m.pageLang ? `page language ${m.pageLang}` : null,
    m.url ? `${m.fetchedAt ? 'fetched' : 'saved'} from ${m.url}${m.fetchedAt ? ` at ${m.fetchedAt}` : ''}` : null,
    m.extraction === 'full' ? 'whole page' : `article only${m.captions ? ', with captions' : ''}`,
  ].filter(Boolean);
  return `  ${parts.join(' · ')}`;
}
