import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../db/open';
import { createDemoProject } from '../core/services/demo';
import { createWorkbench } from '../core/services/workbench';
import { listDocuments } from '../db/queries/documents';
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
      // Precision counts against what was suggested, not against how many true mentions exist.
      suggestedTop3 += Math.min(3, suggestions.length);
      for (const other of new Set(g.mentions.filter((m) => m.file !== seed.file).map((m) => m.file))) {
        const truth = new Set(g.mentions.filter((m) => m.file === other).map((m) => m.paragraph - 1));
        const inDoc = suggestions.filter((s) => s.docId === idOf(other));
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
  return {
    facts: gold.facts.length,
    articlePairs: total,
    recallTop3PerArticle: round(found3 / total),
    recallTop10PerArticle: round(foundAny10 / total),
    top1CorrectPerArticle: round(top1 / total),
    recallTop3Overall: round(overallTop3 / overallTotal),
    precisionTop3Overall: round(suggestedTop3 ? overallTop3 / suggestedTop3 : 0),
    perSeedMention: perSeed,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (process.argv[1] && /bench[\\/]facts\.ts$/.test(process.argv[1])) {
  benchFacts().then((r) => console.log(JSON.stringify(r, null, 2)));
}
