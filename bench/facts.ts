import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../db/open';
import { createDemoProject } from '../core/services/demo';
import { createWorkbench } from '../core/services/workbench';
import { listDocuments } from '../db/queries/documents';
import type { ReadmeRow } from './measure';
import { loadLanguageModel } from '../core/text';

interface GoldFact {
  label: string;
  mentions: Array<{ file: string; paragraph: number; quote: string }>;
}

/**
 * Recall of the true paragraphs within the top 3 suggestions, on the demo
 * story (five articles, their English translations, and hand-marked facts).
 * Each fact is seeded with one mention; for every other article that reports
 * it, a hit is a true paragraph among that article's top 3 suggestions.
 * Beside each figure, what a random ranking would score on the same pairs
 * (computed exactly, not sampled).
 */
export async function benchFacts(): Promise<Record<string, unknown>> {
  await loadLanguageModel();
  const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/demo');
  const gold = JSON.parse(fs.readFileSync(path.join(demo, 'facts.json'), 'utf8')) as { facts: GoldFact[] };
  let found3 = 0;
  let foundAny10 = 0;
  let total = 0;
  let overallTop3 = 0;
  let overallTotal = 0;
  let suggestedTop3 = 0;
  let top1 = 0;
  // What a random ranking of the same candidates would score, in expectation.
  let chance3 = 0;
  let chance1 = 0;
  let chancePrecisionSum = 0;
  const perSeed: number[] = [];
  for (const seedIndex of [0, 1]) {
    const db = openProject(':memory:', { create: true });
    createDemoProject(db, demo);
    const api = createWorkbench(db, { name: 'bench', annotator: 'bench' });
    const docs = listDocuments(db).filter((d) => d.translationOf === null);
    const idOf = (file: string) => docs.find((d) => d.source === file)!.id;
    let seedFound = 0;
    let seedTotal = 0;
    for (const g of gold.facts) {
      const seed = g.mentions[seedIndex % g.mentions.length];
      const fact = await api.addMention({ newFact: { label: g.label }, docId: idOf(seed.file), paragraph: seed.paragraph - 1 });
      const suggestions = await api.suggestMentions(fact.id, 30);
      const truthAll = new Set(g.mentions.filter((m) => !(m.file === seed.file && m.paragraph === seed.paragraph)).map((m) => `${idOf(m.file)}:${m.paragraph - 1}`));
      overallTotal += truthAll.size;
      overallTop3 += suggestions.slice(0, 3).filter((s) => truthAll.has(`${s.docId}:${s.paragraph}`)).length;
      const top3 = suggestions.slice(0, 3);
      suggestedTop3 += top3.length;
      const candidates = docs.filter((d) => d.id !== idOf(seed.file)).reduce((n, d) => n + d.paragraphs, 0);
      chancePrecisionSum += top3.length * (truthAll.size / candidates);
      for (const other of new Set(g.mentions.filter((m) => m.file !== seed.file).map((m) => m.file))) {
        const truth = new Set(g.mentions.filter((m) => m.file === other).map((m) => m.paragraph - 1));
        const inDoc = suggestions.filter((s) => s.docId === idOf(other));
        const paragraphs = docs.find((d) => d.id === idOf(other))!.paragraphs;
        chance3 += 1 - choose(paragraphs - truth.size, 3) / choose(paragraphs, 3);
        chance1 += truth.size / paragraphs;
        total++;
        seedTotal++;
        if (inDoc.slice(0, 3).some((s) => truth.has(s.paragraph))) {
          found3++;
          seedFound++;
        }
        if (inDoc.slice(0, 10).some((s) => truth.has(s.paragraph))) foundAny10++;
        if (inDoc.length && truth.has(inDoc[0].paragraph)) top1++;
      }
    }
    perSeed.push(round(seedFound / seedTotal));
    db.close();
  }
  const result = {
    facts: gold.facts.length,
    articlePairs: total,
    recallTop3PerArticle: round(found3 / total),
    recallTop10PerArticle: round(foundAny10 / total),
    top1CorrectPerArticle: round(top1 / total),
    recallTop3Overall: round(overallTop3 / overallTotal),
    // Of the suggestions shown (the top 3 of each fact), the share that are true mentions.
    precisionTop3Overall: round(suggestedTop3 ? overallTop3 / suggestedTop3 : 0),
    perSeedMention: perSeed,
    randomRanking: { recallTop3PerArticle: round(chance3 / total), top1CorrectPerArticle: round(chance1 / total), precisionTop3Overall: round(chancePrecisionSum / suggestedTop3) },
  };
  const data = `the demo story (resources/demo: 5 articles with English MT, ${gold.facts.length} hand-marked facts; dev, not held out), each fact seeded with one mention, twice`;
  const readme: ReadmeRow[] = [
    {
      workload: 'Fact suggestions: a true paragraph in each other article\'s top 3; top 1 right; precision of each fact\'s top 3 suggestions',
      data,
      figure: `${result.recallTop3PerArticle}; ${result.top1CorrectPerArticle}; ${result.precisionTop3Overall}`,
      baseline: `random ranking, same pairs (exact expectation): ${result.randomRanking.recallTop3PerArticle}; ${result.randomRanking.top1CorrectPerArticle}; ${result.randomRanking.precisionTop3Overall}`,
    },
  ];
  return { ...result, readme };
}

/** n choose k, as a float (0 when k > n). */
function choose(n: number, k: number): number {
  if (k > n || n < 0) return 0;
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (process.argv[1] && /bench[\\/]facts\.ts$/.test(process.argv[1])) {
  benchFacts().then((r) => console.log(JSON.stringify(r, null, 2)));
}
