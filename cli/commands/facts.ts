import fs from 'node:fs';
import path from 'node:path';
import { TandemError } from '../../common/errors';
import { factGridCsv, factsToJsonl, factsToWebAnnotation } from '../../core/services/facts-export';
import type { FactType } from '../../common/types';
import { getDocumentSummary, getOrCreateAnnotator, getParagraphs } from '../../db/queries/documents';
import { resolveDoc } from '../../core/services/documents';
import { FactService } from '../../core/services/facts';
import { History } from '../../core/services/history';
import { suggestMentions } from '../../core/services/suggest';
import { StoryService } from '../../core/services/story';
import { similarityFromEnv } from './align';
import type { Db } from '../../db/open';
import { annotatorName, need, out, parse, printJson, table, UsageError, withProject, withProjectAsync } from '../util';

function service(db: Db, annotator: unknown): FactService {
  const id = getOrCreateAnnotator(db, annotatorName(annotator));
  return new FactService(db, new History(db, () => id), () => id);
}

function positiveInt(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new TandemError('invalid-input', `${what} must be a whole number from 1 up, not "${String(value)}"`);
  return n;
}

async function add(argv: string[]): Promise<number> {
  const usage = 'tandem facts add PROJECT (--label "..." | --fact ID) --doc DOC --paragraph N [--quote "exact text"] [--type event|claim|entity|quantity|other] [--description "..."] [--annotator NAME] [--json]';
  const { values, positionals } = parse(argv, {
    label: { type: 'string' }, fact: { type: 'string' }, doc: { type: 'string' }, paragraph: { type: 'string' }, quote: { type: 'string' },
    type: { type: 'string' }, description: { type: 'string' }, annotator: { type: 'string' }, json: { type: 'boolean' },
  }, usage);
  need(positionals, 1, usage);
  if (!values.doc || !values.paragraph) throw new UsageError(`--doc and --paragraph are required\nusage: ${usage}`);
  if (!values.label && !values.fact) throw new UsageError(`give --label for a new fact or --fact ID for an existing one\nusage: ${usage}`);
  const result = withProject(positionals[0], (db) => {
    const docId = resolveDoc(db, values.doc!);
    const paragraph = positiveInt(values.paragraph, '--paragraph') - 1;
    const paras = getParagraphs(db, docId);
    const para = paras[paragraph];
    if (!para) throw new TandemError('invalid-input', `document ${docId} has ${paras.length} paragraphs; there is no paragraph ${paragraph + 1}`);
    let start: number | undefined;
    let end: number | undefined;
    if (values.quote !== undefined) {
      const at = para.text.indexOf(values.quote);
      if (!values.quote || at < 0) throw new TandemError('invalid-input', `the quote is not in paragraph ${paragraph + 1} of document ${docId}: ${JSON.stringify(values.quote)}`);
      start = at;
      end = at + values.quote.length;
    }
    const facts = service(db, values.annotator);
    const fact = facts.addMention({
      factId: values.fact ? positiveInt(values.fact, '--fact') : undefined,
      newFact: values.label ? { label: values.label, type: values.type as FactType | undefined, description: values.description } : undefined,
      docId,
      paragraph,
      start,
      end,
    });
    return { fact, mentionId: Math.max(...fact.mentions.map((m) => m.id)) };
  });
  if (values.json) printJson({ factId: result.fact.id, mentionId: result.mentionId, fact: result.fact });
  else out(`fact ${result.fact.id} "${result.fact.label}": mention ${result.mentionId} added (${result.fact.mentions.length} mentions)`);
  return 0;
}

async function list(argv: string[]): Promise<number> {
  const usage = 'tandem facts list PROJECT [--json]';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const facts = withProject(positionals[0], (db) => service(db, undefined).list());
  if (values.json) {
    printJson(facts.map((f) => ({ ...f, mentions: f.mentions.map((m) => ({ ...m, paragraph: m.paragraph + 1 })) })));
    return 0;
  }
  for (const f of facts) {
    out(`fact ${f.id} [${f.type}] ${f.label}  (${f.mentions.length} mentions${f.annotator ? `, by ${f.annotator}` : ''})`);
    for (const m of f.mentions) out(`    doc ${m.docId} ¶${m.paragraph + 1} ${m.start}-${m.end}: ${m.quote.length > 100 ? `${m.quote.slice(0, 99)}…` : m.quote}`);
  }
  if (!facts.length) out('No facts yet. Add one with: tandem facts add PROJECT --label "..." --doc DOC --paragraph N');
  return 0;
}

async function grid(argv: string[]): Promise<number> {
  const usage = 'tandem facts grid PROJECT [--min-articles N] [--json|--csv]';
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, csv: { type: 'boolean' }, 'min-articles': { type: 'string' } }, usage);
  need(positionals, 1, usage);
  const g = withProject(positionals[0], (db) => service(db, undefined).grid(values['min-articles'] ? Number(values['min-articles']) : 0));
  if (values.json) printJson(g);
  else if (values.csv) {
    process.stdout.write(factGridCsv(g));
  } else {
    out(table([['fact', 'label', 'n', ...g.docs.map((d) => `${d.id}:${d.lang}`)], ...g.rows.map((r) => [String(r.factId), r.label.slice(0, 40), String(r.articles), ...r.counts.map((c) => (c ? String(c) : '·'))])]));
  }
  return 0;
}

/** A fact's label and description: what suggestions read besides its mentions. */
async function rename(argv: string[]): Promise<number> {
  const usage = 'tandem facts rename PROJECT FACT_ID [--label "..."] [--description "..."] [--annotator NAME] [--json]';
  const { values, positionals } = parse(argv, { label: { type: 'string' }, description: { type: 'string' }, annotator: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  if (values.label === undefined && values.description === undefined) throw new UsageError(`give --label, --description or both\nusage: ${usage}`);
  if (values.label !== undefined && !values.label.trim()) throw new TandemError('invalid-input', 'a fact needs a label: --label cannot be empty');
  const factId = positiveInt(positionals[1], 'FACT_ID');
  const fact = withProject(positionals[0], (db) => service(db, values.annotator).update(factId, { label: values.label, description: values.description }));
  if (values.json) printJson(fact);
  else out(`fact ${fact.id} "${fact.label}"${fact.description ? `: ${fact.description}` : ''}`);
  return 0;
}

async function suggest(argv: string[]): Promise<number> {
  const usage = 'tandem facts suggest PROJECT FACT_ID [--top K] [--json]';
  const { values, positionals } = parse(argv, { top: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  const top = values.top ? positiveInt(values.top, '--top') : 10;
  const factId = positiveInt(positionals[1], 'FACT_ID');
  const rows = await withProjectAsync(positionals[0], async (db) => (await suggestMentions(db, factId, top, similarityFromEnv(db))).map((s) => ({ ...s, source: getDocumentSummary(db, s.docId)!.source })));
  if (values.json) {
    printJson(rows.map((r) => ({ doc: r.docId, source: r.source, paragraph: r.paragraph + 1, confidence: r.confidence, score: r.score, lang: r.lang, sentence: r.sentence, evidence: r.evidence, text: r.text })));
    return 0;
  }
  const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);
  for (const r of rows) {
    out(`${r.confidence.toFixed(3)}  doc ${r.docId} ¶${r.paragraph + 1} (${r.lang})  ${clip(r.sentence.text, 140)}`);
    if (r.sentence.translation) out(`       en: ${clip(r.sentence.translation.text, 140)}`);
    // A word the mention's paragraph lacks came from the fact's label or description.
    const meaning = r.evidence.find((e) => e.kind === 'semantic');
    const why = [...r.evidence.filter((e) => e.kind !== 'semantic').slice(0, 6).map((e) => (e.fromLabel ? `${e.label} (label)` : e.label)), ...(meaning ? [meaning.label] : [])];
    if (why.length) out(`       shared: ${why.join(', ')}`);
  }
  if (!rows.length) out('No suggestions: the fact has no mention yet, or nothing in the other articles shares a name, number or word with it or its label (translating them into English helps).');
  else out('Accept one with: tandem facts accept PROJECT FACT_ID --doc DOC --paragraph N (tags its sentence)');
  return 0;
}

async function accept(argv: string[]): Promise<number> {
  const usage = 'tandem facts accept PROJECT FACT_ID --doc DOC --paragraph N [--annotator NAME] [--json]   (tags the suggested sentence as a mention)';
  const { values, positionals } = parse(argv, { doc: { type: 'string' }, paragraph: { type: 'string' }, annotator: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 2, usage);
  if (!values.doc || !values.paragraph) throw new UsageError(`--doc and --paragraph are required\nusage: ${usage}`);
  const factId = positiveInt(positionals[1], 'FACT_ID');
  const result = withProject(positionals[0], (db) => {
    const docId = resolveDoc(db, values.doc!);
    const paragraph = positiveInt(values.paragraph, '--paragraph') - 1;
    const paras = getParagraphs(db, docId);
    if (!paras[paragraph]) throw new TandemError('invalid-input', `document ${docId} has ${paras.length} paragraphs; there is no paragraph ${paragraph + 1}`);
    const span = new StoryService(db, { similarity: similarityFromEnv(db) }).suggestedSpan(factId, docId, paragraph);
    const fact = service(db, values.annotator).addMention({ factId, docId, paragraph, start: span?.start, end: span?.end }, 'auto');
    const mention = fact.mentions.reduce((m, x) => (x.id > m.id ? x : m));
    return { fact, mention };
  });
  if (values.json) printJson({ factId: result.fact.id, mention: { ...result.mention, paragraph: result.mention.paragraph + 1 } });
  else out(`fact ${result.fact.id} "${result.fact.label}": mention ${result.mention.id} on doc ${result.mention.docId} ¶${result.mention.paragraph + 1} ${result.mention.start}-${result.mention.end}: ${result.mention.quote}`);
  return 0;
}

async function exportFacts(argv: string[]): Promise<number> {
  const usage = 'tandem facts export PROJECT --format jsonl|w3c --out FILE';
  const { values, positionals } = parse(argv, { format: { type: 'string' }, out: { type: 'string' } }, usage);
  need(positionals, 1, usage);
  if (values.format !== 'jsonl' && values.format !== 'w3c') throw new UsageError(`--format is jsonl or w3c\nusage: ${usage}`);
  if (!values.out) throw new UsageError(`--out FILE is required\nusage: ${usage}`);
  const content = withProject(positionals[0], (db) =>
    values.format === 'jsonl' ? factsToJsonl(db) : `${JSON.stringify(factsToWebAnnotation(db, path.basename(positionals[0])), null, 2)}\n`,
  { readonly: true });
  fs.writeFileSync(values.out, content);
  out(`wrote ${values.out}`);
  return 0;
}

const SUB: Record<string, (argv: string[]) => Promise<number>> = { add, list, grid, rename, suggest, accept, export: exportFacts };

export async function factsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const run = SUB[sub];
  if (!run) throw new UsageError('usage: tandem facts add|list|grid|rename|suggest|accept|export PROJECT ...');
  return run(rest);
}
