/**
 * Why fact suggestions miss, on the development facts.
 *
 * Each fact is seeded with each of its quoted mentions in turn, as the links workload does, and
 * every mention in another article that the suggestions leave out of the top 5 is listed: its
 * rank, the evidence it shares with the seed, the five paragraphs that outrank it with their
 * evidence, and a cause:
 * - `names only`: the two share names or numbers but no content word (the fact is paraphrased);
 * - `one word`: a single content word in common;
 * - `outranked`: two or more content words in common, and still five paragraphs score higher;
 * - `nothing shared`: not a candidate at all.
 * Besides, `inflection split` marks a pair of forms of one English word, one in each paragraph,
 * that the stemmer keeps apart (force / forces). Paragraphs in the top 5 of more than two seeds
 * whose fact they do not report are listed as hubs.
 *
 * `npx tsx bench/links-diagnose.ts` prints the list; `--json` prints it as JSON; `--own` looks at our
 * own second gold (bench/gold) instead of the dev facts; `--label MODE` names each fact as LabelMode
 * says (none, the default: the quote alone; label; short; blindA; blindB). Reads ../shared
 * (or $TANDEM_SHARED) and says so when it is absent.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoryIndex, type FactSuggestionResult } from '../core/align/story.js';
import { stem } from '../core/align/evidence.js';
import { engineOptions, factSeeds, LABEL_MODES, labelOf, seedDocs, type LabelMode } from './links-calibrate';
import { readDevGold, readOwnGold, sharedDir } from './links-eval';

export type MissCause = 'names only' | 'one word' | 'outranked' | 'nothing shared';

export interface Miss {
  fact: string;
  /** "doc:paragraph", both 1-based, as the gold file counts paragraphs. */
  seed: string;
  mention: string;
  /** Rank among the suggestions; null when not suggested at all. */
  rank: number | null;
  cause: MissCause;
  shared: string[];
  inflectionSplits: string[];
  outrankedBy: Array<{ paragraph: string; confidence: number; evidence: string[] }>;
}

const TOP = 5;

/** A rough base form, for spotting forms of one word the stemmer splits (not used for scoring). */
const baseForm = (w: string): string => w.replace(/ies$/, 'y').replace(/(?:es|s|ed|d|ing)$/, '').replace(/e$/, '');

const contentWords = (text: string): Set<string> => new Set((text.match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3 && w === w.toLowerCase()));

function inflectionSplits(x: string, y: string): string[] {
  const out: string[] = [];
  const wy = contentWords(y);
  for (const a of contentWords(x)) {
    for (const b of wy) {
      if (a !== b && baseForm(a).length >= 3 && baseForm(a) === baseForm(b) && stem(a) !== stem(b)) out.push(`${a} / ${b}`);
    }
  }
  return out;
}

const labels = (s: FactSuggestionResult): string[] => s.evidence.filter((e) => e.kind !== 'semantic').map((e) => `${e.kind}:${e.label}`);

export function diagnose(shared: string, own = false, label: LabelMode = 'none'): { misses: Miss[]; mentions: number; hubs: Array<{ paragraph: string; times: number }> } | null {
  const gold = own ? readOwnGold(shared) : readDevGold(shared);
  if (!gold) return null;
  const { docs, files } = seedDocs(shared, gold);
  const index = new StoryIndex(docs, engineOptions());
  const at = (doc: number, paragraph: number) => `${doc}:${paragraph + 1}`;
  const english = (doc: number, paragraph: number) => docs[doc].paragraphs[paragraph].pivot ?? docs[doc].paragraphs[paragraph].text;
  const misses: Miss[] = [];
  const falseTop = new Map<string, number>();
  let mentions = 0;
  for (const fact of gold.facts) {
    for (const seed of factSeeds(docs, files, fact)) {
      const ranked = index.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k: 10_000, about: { text: labelOf(fact, label, seed.mention) } });
      const keys = ranked.map((s) => `${s.doc}:${s.paragraph}`);
      for (const k of keys.slice(0, TOP)) if (!seed.truth.has(k)) falseTop.set(k, (falseTop.get(k) ?? 0) + 1);
      for (const truth of seed.truth) {
        mentions++;
        const r = keys.indexOf(truth);
        if (r >= 0 && r < TOP) continue;
        const [doc, paragraph] = truth.split(':').map(Number);
        const shared = r >= 0 ? labels(ranked[r]) : [];
        const words = shared.filter((l) => l.startsWith('term:')).length;
        misses.push({
          fact: fact.id,
          seed: at(seed.doc, seed.paragraph),
          mention: at(doc, paragraph),
          rank: r >= 0 ? r + 1 : null,
          cause: r < 0 ? 'nothing shared' : words === 0 ? 'names only' : words === 1 ? 'one word' : 'outranked',
          shared,
          inflectionSplits: inflectionSplits(english(seed.doc, seed.paragraph), english(doc, paragraph)),
          outrankedBy: ranked.slice(0, TOP).map((s) => ({ paragraph: at(s.doc, s.paragraph), confidence: s.confidence, evidence: labels(s).slice(0, 6) })),
        });
      }
    }
  }
  const hubs = [...falseTop]
    .filter(([, n]) => n > 2)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([k, times]) => {
      const [doc, paragraph] = k.split(':').map(Number);
      return { paragraph: at(doc, paragraph), times };
    });
  return { misses, mentions, hubs };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const shared = sharedDir();
  const at = process.argv.indexOf('--label');
  const label = (at > 0 ? process.argv[at + 1] : 'none') as LabelMode;
  if (!LABEL_MODES.includes(label)) {
    console.error(`--label takes one of ${LABEL_MODES.join(', ')}`);
    process.exit(2);
  }
  const result = shared ? diagnose(shared, process.argv.includes('--own'), label) : null;
  if (!result) console.log('no ../shared with bench-data/seeds-facts-dev.json beside the repository (set TANDEM_SHARED): nothing to diagnose');
  else if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 1));
  else {
    for (const m of result.misses) {
      console.log(`${m.fact} seed ${m.seed} → ${m.mention}: rank ${m.rank ?? '—'}, ${m.cause}${m.inflectionSplits.length ? `, inflection split (${m.inflectionSplits.join(', ')})` : ''}`);
      console.log(`   shared: ${m.shared.join(', ') || 'nothing'}`);
      for (const o of m.outrankedBy) console.log(`   ${o.paragraph} ${o.confidence}: ${o.evidence.join(', ')}`);
    }
    const causes = new Map<string, number>();
    for (const m of result.misses) causes.set(m.cause, (causes.get(m.cause) ?? 0) + 1);
    const splits = result.misses.filter((m) => m.inflectionSplits.length).length;
    console.log(`\n${result.misses.length} of ${result.mentions} mentions missed at top ${TOP}: ${[...causes].map(([c, n]) => `${c} ${n}`).join(', ')}; with an inflection split ${splits}`);
    console.log(`paragraphs in the top ${TOP} of more than two seeds whose fact they do not report: ${result.hubs.map((h) => `${h.paragraph} ×${h.times}`).join(', ') || 'none'}`);
  }
}
