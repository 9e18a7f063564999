import { TandemError } from '../../common/errors';
import type { CandidateControl, LinkExplanation } from '../../common/api';
import type { AlignLevel, AlignMode } from '../../common/types';
import type { Db } from '../../db/open';
import { getDocumentSummary, getOrCreateAnnotator } from '../../db/queries/documents';
import { AlignService, defaultMode } from '../../core/services/align';
import { resolveDoc } from '../../core/services/documents';
import { History } from '../../core/services/history';
import { SimilarityService } from '../../core/services/similarity';
import { StoryService } from '../../core/services/story';
import { progressBar } from '../progress';
import { annotatorName, need, out, parse, printJson, table, warn, withProjectAsync } from '../util';

/** The embeddings provider as the environment configures it (or the project, when set there). */
export function similarityFromEnv(db: Db): SimilarityService {
  return new SimilarityService(db, {
    url: process.env.TANDEM_EMBEDDINGS_URL || undefined,
    model: process.env.TANDEM_EMBEDDINGS_MODEL || undefined,
    apiKey: () => process.env.TANDEM_EMBEDDINGS_KEY || undefined,
  });
}

/** The services a command that aligns needs, wired as the workbench wires them. */
export function alignServices(db: Db, annotator: unknown): { aligner: AlignService; story: StoryService; annotatorId: number } {
  const annotatorId = getOrCreateAnnotator(db, annotatorName(annotator));
  const history = new History(db, () => annotatorId);
  const story = new StoryService(db, { history, similarity: similarityFromEnv(db) });
  return { aligner: new AlignService(db, history, () => annotatorId, story), story, annotatorId };
}

/** --min-confidence and --per-paragraph, when given. */
export function controlOptions(values: { 'min-confidence'?: string; 'per-paragraph'?: string }): Partial<CandidateControl> | undefined {
  const c: Partial<CandidateControl> = {};
  if (values['min-confidence'] !== undefined) c.minConfidence = Number(values['min-confidence']);
  if (values['per-paragraph'] !== undefined) c.perParagraph = Number(values['per-paragraph']);
  return Object.keys(c).length ? c : undefined;
}

const CONTROL_OPTIONS = { 'min-confidence': { type: 'string' }, 'per-paragraph': { type: 'string' } } as const;

function oneBased(e: LinkExplanation) {
  return {
    confidence: e.confidence,
    rankAB: e.rankAB,
    rankBA: e.rankBA,
    sentenceA: e.sentenceA,
    sentenceB: e.sentenceB,
    evidence: e.evidence,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a comparable alignment shows, said as it is: the suggested links at or above the
 * minimum confidence, the pair's mutual-best links shown below it (each pair of articles keeps
 * its strongest mutual-best links even when the pair as a whole scores low), and the confirmed
 * links, shown whatever their confidence.
 */
export function selectionMessage(control: CandidateControl, links: ReadonlyArray<{ confidence: number; status: string }>): string {
  const suggested = links.filter((l) => l.status === 'suggested');
  const above = suggested.filter((l) => l.confidence >= control.minConfidence).length;
  const below = suggested.length - above;
  const confirmed = links.filter((l) => l.status === 'confirmed').length;
  const parts = [`showing ${plural(above, 'suggested link')} at confidence ≥ ${control.minConfidence}, at most ${control.perParagraph} per paragraph`];
  if (below) parts.push(`plus ${plural(below, 'mutual-best link')} below it (the strongest this pair of articles has, shown even when weak)`);
  if (confirmed) parts.push(`and ${plural(confirmed, 'confirmed link')} whatever ${confirmed === 1 ? 'its' : 'their'} confidence`);
  return `${parts.join(', ')} (change with --min-confidence, --per-paragraph; remembered)`;
}

export async function alignCommand(argv: string[]): Promise<number> {
  const usage =
    'tandem align PROJECT DOC_A DOC_B [--level paragraph|sentence] [--mode parallel|comparable] [--min-confidence 0.2] [--per-paragraph 2] [--no-semantic] [--json]';
  const { values, positionals } = parse(
    argv,
    { level: { type: 'string' }, mode: { type: 'string' }, json: { type: 'boolean' }, annotator: { type: 'string' }, 'no-semantic': { type: 'boolean' }, ...CONTROL_OPTIONS },
    usage,
  );
  need(positionals, 3, usage);
  const level = (values.level ?? 'paragraph') as AlignLevel;
  if (level !== 'paragraph' && level !== 'sentence') throw new TandemError('invalid-input', '--level is paragraph or sentence');
  if (values.mode && values.mode !== 'parallel' && values.mode !== 'comparable') throw new TandemError('invalid-input', '--mode is parallel or comparable');
  const [file, refA, refB] = positionals;
  // A long parallel alignment is a job: progress on stderr, Ctrl+C stops it and leaves the alignment as it was.
  const controller = new AbortController();
  const onSigint = () => {
    warn('\nstopping; the alignment stays as it was');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const bar = values.json ? null : progressBar('aligning');
  const result = await withProjectAsync(file, async (db) => {
    const { aligner, story } = alignServices(db, values.annotator);
    const docA = resolveDoc(db, refA);
    const docB = resolveDoc(db, refB);
    if (values.mode === 'parallel' && defaultMode(db, docA, docB) !== 'parallel') {
      warn(`warning: documents ${docA} and ${docB} are not translations of each other; a parallel alignment pairs them paragraph by paragraph in order (--mode comparable links what they share). Any comparable alignment of the pair is kept.`);
    }
    if (!values['no-semantic'] && level === 'paragraph' && values.mode !== 'parallel' && docA !== docB) await story.prepare(story.contextOf(docA, docB));
    const v = await aligner.align(docA, docB, { level, mode: values.mode as AlignMode | undefined, control: controlOptions(values) }, { signal: controller.signal, onProgress: (job) => bar?.update(job.done, 100, job.message ?? '') });
    const explained = v.mode === 'comparable' && v.level === 'paragraph' && values.json ? story.explain(v.id) : [];
    return { view: v, explained, titleA: getDocumentSummary(db, docA)!.title, titleB: getDocumentSummary(db, docB)!.title };
  }).finally(() => {
    bar?.finish();
    process.removeListener('SIGINT', onSigint);
  });
  const { view, explained } = result;
  const why = new Map(explained.map((e) => [e.linkId, e]));
  const links = view.links
    .filter((l) => l.status !== 'rejected')
    .map((l) => ({ id: l.id, a: l.a.map((i) => i + 1), b: l.b.map((i) => i + 1), confidence: l.confidence, status: l.status, ...(why.has(l.id) ? oneBased(why.get(l.id)!) : {}) }));
  for (const n of view.notes ?? []) warn(`note: ${n}`);
  if (view.stopped) {
    warn(`stopped: ${view.stopped}`);
    return 1;
  }
  if (values.json) {
    printJson({ alignment: view.id, docA: view.docA, docB: view.docB, level: view.level, mode: view.mode, control: view.control ?? null, notes: view.notes ?? [], links });
    return 0;
  }
  out(`${view.mode} ${view.level} alignment ${view.id}: doc ${view.docA} ↔ doc ${view.docB}, ${links.length} links (${links.filter((l) => l.status === 'confirmed').length} confirmed)`);
  if (view.control) out(selectionMessage(view.control, links));
  out(table([['a', 'b', 'confidence', 'status'], ...links.map((l) => [l.a.join(','), l.b.join(','), l.confidence.toFixed(2), l.status])]));
  if (view.mode === 'comparable' && view.level === 'paragraph') out('Why each link: add --json (shared names, numbers and terms, with offsets, and the best sentences).');
  return 0;
}

export async function alignStoryCommand(argv: string[]): Promise<number> {
  const usage = 'tandem align-story PROJECT [--collection NAME | --doc DOC...] [--min-confidence 0.2] [--per-paragraph 2] [--no-semantic] [--json]   (links between every pair of articles in a story)';
  const { values, positionals } = parse(
    argv,
    { collection: { type: 'string' }, doc: { type: 'string', multiple: true }, json: { type: 'boolean' }, annotator: { type: 'string' }, 'no-semantic': { type: 'boolean' }, ...CONTROL_OPTIONS },
    usage,
  );
  need(positionals, 1, usage);
  const controller = new AbortController();
  const onSigint = () => {
    warn('\nstopping; nothing of this run is written');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const bar = values.json ? null : progressBar('linking');
  try {
    const summary = await withProjectAsync(positionals[0], async (db) => {
      const { story } = alignServices(db, values.annotator);
      return story.alignStory(
        { collection: values.collection, docs: values.doc },
        { control: controlOptions(values), semantic: values['no-semantic'] ? false : undefined, signal: controller.signal, onProgress: (job) => bar?.update(job.done, 100, job.message ?? '') },
      );
    });
    bar?.finish();
    for (const n of summary.notes) warn(`note: ${n}`);
    if (values.json) {
      const pairs = summary.stories.flatMap((s) => s.pairs.map((p) => ({ ...p, alignment: p.alignmentId })));
      printJson({ ...summary, pairs });
    } else {
      for (const s of summary.stories) {
        out(`${s.collection === null ? 'articles outside any story' : `story "${s.collection}"`}: ${s.docs.length} articles, ${s.clusters} clusters of linked paragraphs`);
        out(table([['docA', 'docB', 'links', 'confirmed', 'alignment'], ...s.pairs.map((r) => [String(r.docA), String(r.docB), String(r.links), String(r.confirmed), String(r.alignmentId)])]));
      }
      if (summary.semantic) out(`semantic similarity: ${summary.semantic.vectors} vectors, ${summary.semantic.fetched} fetched (${summary.semantic.model})`);
      out(`${summary.links} links; tandem story-map PROJECT shows them, tandem align PROJECT A B --json explains them`);
    }
    if (summary.stopped) {
      warn(`stopped: ${summary.stopped}`);
      return 1;
    }
    return 0;
  } finally {
    bar?.finish();
    process.removeListener('SIGINT', onSigint);
  }
}

export async function storyMapCommand(argv: string[]): Promise<number> {
  const usage = 'tandem story-map PROJECT [--collection NAME] [--json]   (articles side by side, links between their paragraphs, clusters and facts)';
  const { values, positionals } = parse(argv, { collection: { type: 'string' }, json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const map = await withProjectAsync(positionals[0], async (db) => new StoryService(db, { similarity: similarityFromEnv(db) }).storyMap({ collection: values.collection }));
  if (values.json) {
    printJson(map);
    return 0;
  }
  for (const n of map.notes) warn(`note: ${n}`);
  out(`${map.collection === null ? 'articles outside any story' : `story "${map.collection}"`}: ${map.articles.length} articles, ${map.links.length} links (${map.links.filter((l) => l.status === 'confirmed').length} confirmed), ${map.clusters.length} clusters, ${map.facts.length} facts`);
  const width = Math.max(...map.articles.map((a) => a.paragraphs.length));
  const header = map.articles.map((a) => `${a.docId}:${a.lang}`.padEnd(8)).join(' ');
  out(`¶    ${header}`);
  for (let i = 0; i < width; i++) {
    const cells = map.articles.map((a) => {
      const p = a.paragraphs[i];
      if (!p) return ''.padEnd(8);
      const cell = p.cluster !== null ? `c${p.cluster}` : '·';
      return `${cell}${p.facts.length ? `*${p.facts.join(',')}` : ''}`.padEnd(8);
    });
    out(`${String(i + 1).padStart(3)}  ${cells.join(' ')}`);
  }
  if (map.clusters.length) {
    out('');
    for (const c of map.clusters) out(`c${c.id}: ${c.members.map((m) => `${m.docId}¶${m.paragraph + 1}`).join(' ')}   ${c.label}`);
  }
  if (map.facts.length) for (const f of map.facts) out(`*${f.factId} ${f.label}: ${f.mentions.map((m) => `${m.docId}¶${m.paragraph + 1}`).join(' ')}`);
  return 0;
}

export async function similarityCommand(argv: string[]): Promise<number> {
  const usage = 'tandem similarity PROJECT [--url URL --model NAME | --off] [--check] [--json]   (the optional embeddings provider; key in TANDEM_EMBEDDINGS_KEY)';
  const { values, positionals } = parse(argv, { url: { type: 'string' }, model: { type: 'string' }, off: { type: 'boolean' }, check: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
  need(positionals, 1, usage);
  const status = await withProjectAsync(positionals[0], async (db) => {
    const sim = similarityFromEnv(db);
    if (values.off) await sim.configure({ url: null, model: null });
    else if (values.url !== undefined || values.model !== undefined) await sim.configure({ url: values.url, model: values.model });
    return sim.status(Boolean(values.check));
  });
  if (values.json) printJson(status);
  else if (!status.configured) out('Semantic similarity is off: linking uses names, numbers and words only. Turn it on with --url http://127.0.0.1:11434/v1 --model MODEL (any OpenAI-compatible embeddings server).');
  else {
    out(`semantic similarity: ${status.model} at ${status.url} (from the ${status.from}); key ${status.hasKey ? 'set' : 'not set'}; ${status.cachedVectors} vectors cached`);
    if (values.check) out(status.error ? `check failed: ${status.error}` : 'check: the server answered');
  }
  return status.error && values.check ? 1 : 0;
}
