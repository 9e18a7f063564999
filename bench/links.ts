/**
 * Cross-article linking on real articles (`BENCH_ONLY=links`).
 *
 * Quality: the five seed articles (../shared/seeds, with their English translations from
 * ../shared/seeds/en imported as existing translations) go into a fresh project through the
 * WorkbenchApi, as a user would bring them in; `alignStory` links the story; the links are scored
 * against the development facts (../shared/bench-data/seeds-facts-dev.json). Beside Tandem, in
 * the same run: a plain TF-IDF cosine over the English translations (at a default threshold and
 * at its best threshold in hindsight), and the previous engine (the paragraph similarity index).
 * Fact suggestions: each dev fact is added with one of its mentions (its quote as the span, as
 * `tandem facts add --quote` does), and the other articles' mentions are looked for among the
 * suggestions. Cross-validation (leave one article pair out for links, one fact out for facts)
 * guards against fitting the ten dev facts.
 *
 * Scale: a story of five 1,000-paragraph articles made of the seeds' real sentences (each
 * paragraph one to three sentences drawn from one seed, with the matching sentences of its
 * English translation), imported into a project file; the time to link all ten pairs and the
 * peak RSS, in a child process of its own.
 *
 * Skips with a message when ../shared is absent. Runnable alone: `npx tsx bench/links.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../db/open';
import { createWorkbench } from '../core/services/workbench';
import { listDocuments, getParagraphs } from '../db/queries/documents';
import { alignComparable, buildIndex } from '../core/align/comparable.js';
import { StoryIndex } from '../core/align/story.js';
import { sigmoid } from '../core/align/logistic.js';
import { splitSentences } from '../core/text';
import type { WorkbenchApi } from '../common/api';
import {
  averagePrecision,
  bestThreshold,
  goldPairs,
  pairKey,
  paraKey,
  prf,
  readDevGold,
  readOwnGold,
  round,
  sharedDir,
  TfIdf,
  type DevGold,
} from './links-eval';
import { calibrate, engineOptions, factFigures, factRecallLeaveOneOut, factSeeds, LABEL_MODES, labelOf, linkApLeaveOneFactOut, scoreSeed, seedDocs, type FactScore } from './links-calibrate';
import { rng } from './corpus';
import type { ReadmeRow } from './measure';

const TFIDF_DEFAULT = 0.2;

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

/** The seeds and their English translations, imported through the API into a new project. */
async function importSeeds(api: WorkbenchApi, shared: string, gold: DevGold): Promise<void> {
  const files = gold.files.map((f) => f.file);
  const report = await api.importArticles(
    files.map((f) => ({ name: f, base64: b64(path.join(shared, 'seeds', f)) })),
    { collection: 'Kazakhstan, January 2022', paragraphs: 'line' },
  );
  if (report.failed) throw new Error(`seed import failed: ${JSON.stringify(report.files.filter((f) => f.status === 'failed'))}`);
  for (const f of files) {
    const en = path.join(shared, 'seeds', 'en', f);
    if (fs.existsSync(en)) await api.importTranslation(f, { name: f, base64: b64(en) }, { lang: 'en', provider: 'supplied translation' });
  }
}

const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

function emptyFacts(): FactScore {
  return { hits5: 0, truths: 0, articleHits2: 0, articles: 0 };
}

async function quality(shared: string, gold: DevGold, crossValidate = true): Promise<Record<string, unknown>> {
  const db = openProject(':memory:', { create: true });
  const api = createWorkbench(db, { name: 'bench', annotator: 'bench' });
  await importSeeds(api, shared, gold);
  const originals = listDocuments(db).filter((d) => d.translationOf === null);
  const fileOf = new Map(originals.map((d) => [d.id, d.source]));
  const idOf = new Map(originals.map((d) => [d.source, d.id]));
  const G = goldPairs(gold);
  const keyOf = (docA: number, a: number, docB: number, b: number) => pairKey(paraKey(fileOf.get(docA)!, a), paraKey(fileOf.get(docB)!, b));

  // Tandem: the whole story as one job, at its default selection.
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await api.alignStory({ collection: 'Kazakhstan, January 2022' });
  const storyMs = performance.now() - t0;
  const storyCpu = cpuMs(process.cpuUsage(cpu0));
  const proposed: string[] = [];
  const alignments = (await api.listAlignments()).filter((a) => a.mode === 'comparable');
  const views = await Promise.all(alignments.map((a) => api.getAlignment(a.docA, a.docB, 'paragraph')));
  for (const v of views) for (const l of v!.links) proposed.push(keyOf(v!.docA, l.a[0], v!.docB, l.b[0]));
  const atDefault = prf(proposed, G);
  // Every candidate, ranked: the per-alignment control turned to "show everything".
  const ranked: Array<{ key: string; score: number }> = [];
  for (const a of alignments) {
    const v = await api.setCandidateControl(a.id, { minConfidence: 0, perParagraph: 50 });
    for (const l of v.links) ranked.push({ key: keyOf(v.docA, l.a[0], v.docB, l.b[0]), score: l.confidence });
  }
  ranked.sort((x, y) => y.score - x.score);
  // Reliability of the confidence: observed share of gold links per confidence band.
  const reliability = reliabilityOf(ranked.map((r) => ({ score: r.score, truth: G.has(r.key) })), [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.01]);
  const tandemLinks = {
    atDefault,
    averagePrecision: averagePrecision(ranked.map((r) => r.key), G),
    bestThresholdInHindsight: bestThreshold(ranked, G),
    storyMs: Math.round(storyMs),
    storyCpuMs: storyCpu,
    notes: summary.notes,
    reliability,
  };

  // Norwegian ↔ English by hand: what is proposed, with its evidence.
  const no = idOf.get(gold.files.find((f) => f.lang === 'no')!.file)!;
  const en = idOf.get(gold.files.find((f) => f.lang === 'en')!.file)!;
  const noEnAlignment = alignments.find((a) => (a.docA === no && a.docB === en) || (a.docA === en && a.docB === no))!;
  await api.setCandidateControl(noEnAlignment.id, {});
  for (const a of alignments) await api.setCandidateControl(a.id, { minConfidence: 0.2, perParagraph: 2 });
  const noEn = (await api.explainLinks(noEnAlignment.id)).map((e) => ({
    link: `${e.a[0] + 1}↔${e.b[0] + 1}`,
    confidence: e.confidence,
    gold: G.has(keyOf(noEnAlignment.docA, e.a[0], noEnAlignment.docB, e.b[0])),
    shared: e.evidence.filter((x) => x.kind !== 'semantic').slice(0, 6).map((x) => x.label),
    sentenceA: (e.sentenceA.translation?.text ?? e.sentenceA.text).slice(0, 120),
    sentenceB: (e.sentenceB.translation?.text ?? e.sentenceB.text).slice(0, 120),
  }));

  // Fact suggestions through the API: one fact per seed mention.
  // Seeded with the quote alone (the fact named by its id, which says nothing), with the whole
  // paragraph, and with the quote and the fact's label (see LabelMode).
  const facts = { quote: emptyFacts(), paragraph: emptyFacts(), label: emptyFacts(), short: emptyFacts(), blindA: emptyFacts(), blindB: emptyFacts() };
  const { docs: engineDocs, files } = seedDocs(shared, gold);
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      for (const mode of ['quote', 'paragraph', 'label', 'short', 'blindA', 'blindB'] as const) {
        const span = mode === 'paragraph' ? undefined : seed.span;
        const label = labelOf(fact, mode === 'quote' || mode === 'paragraph' ? 'none' : mode, seed.mention);
        const f = await api.addMention({ newFact: { label }, docId: idOf.get(files[seed.doc])!, paragraph: seed.paragraph, start: span?.[0], end: span?.[1] });
        const suggestions = await api.suggestMentions(f.id, 50);
        scoreSeed(suggestions.map((s) => `${files.indexOf(fileOf.get(s.docId)!)}:${s.paragraph}`), seed, facts[mode]);
        await api.deleteFact(f.id);
      }
    }
  }

  // TF-IDF over the English translations, in the same run.
  const english = originals.map((d) => {
    const t = d.translations.map((id) => listDocuments(db).find((x) => x.id === id)!).find((x) => x.lang === 'en');
    return getParagraphs(db, t ? t.id : d.id).map((p) => p.text);
  });
  const flat: Array<{ doc: number; p: number; text: string }> = [];
  english.forEach((paras, di) => paras.forEach((text, p) => flat.push({ doc: originals[di].id, p, text })));
  const tf = new TfIdf(flat.map((f) => f.text));
  const scored: Array<{ key: string; score: number }> = [];
  for (let x = 0; x < flat.length; x++) {
    for (let y = x + 1; y < flat.length; y++) {
      if (flat[x].doc === flat[y].doc) continue;
      const s = TfIdf.cosine(tf.vectors[x], tf.vectors[y]);
      if (s > 0) scored.push({ key: keyOf(flat[x].doc, flat[x].p, flat[y].doc, flat[y].p), score: s });
    }
  }
  scored.sort((x, y) => y.score - x.score);
  // Its query: the mention's paragraph (in English), and with the fact's label added.
  const tfFacts = { none: emptyFacts(), label: emptyFacts(), short: emptyFacts(), blindA: emptyFacts(), blindB: emptyFacts() };
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      const q = flat.findIndex((f) => f.doc === idOf.get(files[seed.doc]) && f.p === seed.paragraph);
      for (const mode of LABEL_MODES) {
        // The label weighs as much as the paragraph, as in Tandem's query.
        const query = new Map(tf.vectors[q]);
        if (mode !== 'none') for (const [k, w] of tf.vector(labelOf(fact, mode, seed.mention))) query.set(k, (query.get(k) ?? 0) + w);
        const rankedFacts = flat
          .map((f, i) => ({ f, s: TfIdf.cosine(query, tf.vectors[i]) }))
          .filter((x) => x.f.doc !== flat[q].doc && x.s > 0)
          .sort((x, y) => y.s - x.s)
          .map((x) => `${files.indexOf(fileOf.get(x.f.doc)!)}:${x.f.p}`);
        scoreSeed(rankedFacts, seed, tfFacts[mode]);
      }
    }
  }
  const tfidf = {
    links: {
      atDefault: { threshold: TFIDF_DEFAULT, ...prf(scored.filter((s) => s.score >= TFIDF_DEFAULT).map((s) => s.key), G) },
      averagePrecision: averagePrecision(scored.map((s) => s.key), G),
      bestThresholdInHindsight: bestThreshold(scored, G),
    },
    facts: factFigures(tfFacts.none),
    factsWithLabel: factFigures(tfFacts.label),
    factsWithShortLabel: factFigures(tfFacts.short),
    factsWithBlindLabel: { a: factFigures(tfFacts.blindA), b: factFigures(tfFacts.blindB) },
  };

  // The previous engine: per-pair cosine index over the English translations (threshold 0.2),
  // and its suggestions (each mention's paragraph queried against every paragraph of the story).
  const prevLinks: Array<{ key: string; score: number }> = [];
  for (let x = 0; x < originals.length; x++) {
    for (let y = x + 1; y < originals.length; y++) {
      for (const l of alignComparable(english[x], english[y])) prevLinks.push({ key: keyOf(originals[x].id, l.a[0], originals[y].id, l.b[0]), score: l.confidence });
    }
  }
  const prevIndex = buildIndex(flat.map((f, i) => ({ id: i, text: f.text })));
  const prevFacts = emptyFacts();
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      const q = flat.findIndex((f) => f.doc === idOf.get(files[seed.doc]) && f.p === seed.paragraph);
      const hits = prevIndex.queryIndexed(q, 200).filter((h) => flat[h.index].doc !== flat[q].doc).map((h) => `${files.indexOf(fileOf.get(flat[h.index].doc)!)}:${flat[h.index].p}`);
      scoreSeed(hits, seed, prevFacts);
    }
  }
  const previous = {
    links: { atDefault: prf(prevLinks.map((l) => l.key), G), averagePrecision: averagePrecision(prevLinks.sort((x, y) => y.score - x.score).map((l) => l.key), G) },
    facts: factFigures(prevFacts),
  };

  // Names and numbers alone: the same story with no translation at all (engine level).
  const bare = engineDocs.map((d) => ({ ...d, paragraphs: d.paragraphs.map((p) => ({ text: p.text, sentences: p.sentences })) }));
  const bareIndex = new StoryIndex(bare, engineOptions());
  const bareRanked = bareIndex.candidates.map((c) => ({ key: pairKey(paraKey(files[c.docA], c.a), paraKey(files[c.docB], c.b)), score: c.p })).sort((x, y) => y.score - x.score);
  const bareSelected = bareIndex.links({ evidence: false }).pairs.flatMap((p) => p.links.filter((l) => l.selected).map((l) => pairKey(paraKey(files[p.docA], l.a), paraKey(files[p.docB], l.b))));
  const withoutTranslations = { atDefault: prf(bareSelected, G), averagePrecision: averagePrecision(bareRanked.map((r) => r.key), G) };

  // The same engine without what it is told about English (each word by its idf in the story
  // alone), at the shipped models: what the lexicon adds, in the same run.
  const plainIndex = new StoryIndex(engineDocs);
  const plainSelected = plainIndex.links({ evidence: false }).pairs.flatMap((p) => p.links.filter((l) => l.selected).map((l) => pairKey(paraKey(files[p.docA], l.a), paraKey(files[p.docB], l.b))));
  const plainFacts = emptyFacts();
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) scoreSeed(plainIndex.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k: 50 }).map((x) => `${x.doc}:${x.paragraph}`), seed, plainFacts);
  }
  const withoutLexicon = {
    links: { atDefault: prf(plainSelected, G), averagePrecision: averagePrecision([...plainIndex.candidates].sort((x, y) => y.p - x.p).map((c) => pairKey(paraKey(files[c.docA], c.a), paraKey(files[c.docB], c.b))), G) },
    facts: factFigures(plainFacts),
  };

  // The same engine without its English word vectors (words alone), at the shipped models.
  const wordsIndex = new StoryIndex(engineDocs, { ...engineOptions(), lexicon: { ...engineOptions().lexicon, meaning: undefined } });
  const words = { none: emptyFacts(), label: emptyFacts(), short: emptyFacts(), blindA: emptyFacts(), blindB: emptyFacts() };
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      for (const mode of LABEL_MODES) scoreSeed(wordsIndex.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k: 50, about: { text: labelOf(fact, mode, seed.mention) } }).map((x) => `${x.doc}:${x.paragraph}`), seed, words[mode]);
    }
  }
  const withoutWordVectors = { seededWithQuote: factFigures(words.none), seededWithQuoteAndLabel: factFigures(words.label), seededWithQuoteAndBlindLabel: { a: factFigures(words.blindA), b: factFigures(words.blindB) } };

  const cal = crossValidate ? calibrate(shared)! : null;
  db.close();
  // What a suggestion's confidence means: over the top 10 of every seed, the share of suggestions
  // that are the fact's mentions, by band of confidence; beside the link model's probability for
  // the same suggestions (that the two paragraphs share some fact).
  const suggestionIndex = new StoryIndex(engineDocs, engineOptions());
  const asSuggested: Array<{ score: number; truth: boolean }> = [];
  const asLinked: Array<{ score: number; truth: boolean }> = [];
  // Each fact named as a user names it after reading the seed mention (both blind labels).
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      for (const x of LABEL_MODES.filter((m) => m === 'blindA' || m === 'blindB').flatMap((mode) => suggestionIndex.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k: 10, logits: true, about: { text: labelOf(fact, mode, seed.mention) } }))) {
        const truth = seed.truth.has(`${x.doc}:${x.paragraph}`);
        asSuggested.push({ score: x.confidence, truth });
        asLinked.push({ score: sigmoid(x.logit!), truth });
      }
    }
  }
  // The sentence a true suggestion shows (and tags on accepting): does it hold the gold's quote?
  // Beside the paragraph's first sentence, for the same suggestions. Top 5, both blind labels.
  const sentenceChoice = { multiSentence: 0, right: 0, firstRight: 0 };
  for (const fact of gold.facts) {
    for (const seed of factSeeds(engineDocs, files, fact)) {
      for (const mode of ['blindA', 'blindB'] as const) {
        for (const x of suggestionIndex.suggest([{ doc: seed.doc, paragraph: seed.paragraph, span: seed.span }], { k: 5, about: { text: labelOf(fact, mode, seed.mention) } })) {
          const para = engineDocs[x.doc].paragraphs[x.paragraph];
          const quotes = fact.mentions.filter((m) => files.indexOf(m.file) === x.doc && m.paragraph - 1 === x.paragraph).map((m) => [para.text.indexOf(m.quote), para.text.indexOf(m.quote) + m.quote.length]).filter(([a]) => a >= 0);
          if (!quotes.length || (para.sentences?.length ?? 1) < 2) continue;
          const holds = ([s0, e0]: readonly number[]) => quotes.some(([a, b]) => a < e0 && s0 < b);
          sentenceChoice.multiSentence++;
          if (holds(x.sentence.original)) sentenceChoice.right++;
          if (holds(para.sentences![0])) sentenceChoice.firstRight++;
        }
      }
    }
  }
  const tandemFacts = {
    seededWithQuote: factFigures(facts.quote),
    seededWithParagraph: factFigures(facts.paragraph),
    seededWithQuoteAndLabel: factFigures(facts.label),
    seededWithQuoteAndShortLabel: factFigures(facts.short),
    seededWithQuoteAndBlindLabel: { a: factFigures(facts.blindA), b: factFigures(facts.blindB) },
    suggestionConfidence: { top10: asSuggested.length, ...reliabilityOf(asSuggested), linkModel: reliabilityOf(asLinked) },
    sentenceChoice: { trueSuggestionsInParagraphsOfSeveralSentences: sentenceChoice.multiSentence, holdsTheQuote: round(sentenceChoice.right / Math.max(1, sentenceChoice.multiSentence)), firstSentenceHoldsTheQuote: round(sentenceChoice.firstRight / Math.max(1, sentenceChoice.multiSentence)) },
  };
  return {
    data: 'five seed articles (no, en, nl, sv, fi) with supplied English translations; dev gold: 10 facts, 38 paragraph links',
    tandem: { links: tandemLinks, facts: tandemFacts },
    tfidfBaseline: tfidf,
    previousEngine: previous,
    versusTfidf: {
      linkF1AtDefaults: round(atDefault.f1 - tfidf.links.atDefault.f1),
      linkF1VersusTfidfBestInHindsight: round(atDefault.f1 - tfidf.links.bestThresholdInHindsight.f1),
      averagePrecision: round(tandemLinks.averagePrecision - tfidf.links.averagePrecision),
      factRecallAt5: round(tandemFacts.seededWithQuote.recallAt5 - tfidf.facts.recallAt5),
    },
    crossValidation: cal
      ? {
          linksLeaveOneArticlePairOut: cal.leaveOnePairOut,
          linksLeaveOneArticlePairOutBothGolds: cal.leaveOnePairOutBothGolds,
          linksLeaveOneFactOut: linkApLeaveOneFactOut(shared),
          factsLeaveOneFactOut: factRecallLeaveOneOut(shared),
        }
      : undefined,
    withoutTranslations,
    withoutEnglishLexicon: withoutLexicon,
    withoutWordVectors,
    norwegianEnglish: noEn,
  };
}

/**
 * Observed share of true items per band of confidence, and the expected calibration error: the
 * mean over items of |the band's mean confidence − its share of true items|.
 */
function reliabilityOf(items: Array<{ score: number; truth: boolean }>, edges = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01]): { bands: Array<{ band: string; n: number; meanConfidence: number; trueShare: number }>; calibrationError: number } {
  let error = 0;
  const bands = edges.slice(0, -1).map((lo, i) => {
    const inBand = items.filter((x) => x.score >= lo && x.score < edges[i + 1]);
    const mean = inBand.reduce((t, x) => t + x.score, 0) / Math.max(1, inBand.length);
    const share = inBand.filter((x) => x.truth).length / Math.max(1, inBand.length);
    error += inBand.length * Math.abs(mean - share);
    return { band: `${lo}–${Math.min(1, edges[i + 1])}`, n: inBand.length, meanConfidence: round(mean), trueShare: round(share) };
  });
  return { bands, calibrationError: round(error / Math.max(1, items.length)) };
}

/** Five articles of `size` paragraphs made of the seeds' real sentences, with their translations. */
function scaleArticles(shared: string, gold: DevGold, size: number): Array<{ name: string; lang: string; text: string; en: string | null }> {
  const random = rng(20220107);
  const { docs } = seedDocs(shared, gold);
  return docs.map((d, di) => {
    const pool: Array<[string, string | null]> = [];
    for (const p of d.paragraphs) {
      const s = p.sentences?.length ? p.sentences : [[0, p.text.length] as [number, number]];
      const t = p.pivot ? splitSentences(p.pivot, 'en') : null;
      if (t && t.length !== s.length) {
        pool.push([p.text, p.pivot ?? null]);
        continue;
      }
      s.forEach(([a, b], k) => pool.push([p.text.slice(a, b), t ? p.pivot!.slice(t[k][0], t[k][1]) : null]));
    }
    const paras: string[] = [];
    const ens: string[] = [];
    for (let i = 0; i < size; i++) {
      const n = 1 + Math.floor(random() * 3);
      const picked = Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]);
      paras.push(picked.map((x) => x[0]).join(' '));
      ens.push(picked.map((x) => x[1] ?? x[0]).join(' '));
    }
    return { name: `scale-${di}-${gold.files[di].lang}.txt`, lang: gold.files[di].lang, text: paras.join('\n'), en: d.paragraphs[0].pivot ? ens.join('\n') : null };
  });
}

/** One run of the scale workload, in this process: prints one JSON line. */
async function scaleOnce(shared: string, size: number): Promise<void> {
  const gold = readDevGold(shared)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-links-scale-'));
  try {
    const db = openProject(path.join(dir, 'scale.tandem'), { create: true });
    const api = createWorkbench(db, { name: 'scale', annotator: 'bench' });
    const articles = scaleArticles(shared, gold, size);
    await api.importArticles(articles.map((a) => ({ name: a.name, base64: Buffer.from(a.text).toString('base64') })), { collection: 'scale', paragraphs: 'line' });
    for (const a of articles) if (a.en) await api.importTranslation(a.name, { name: a.name, base64: Buffer.from(a.en).toString('base64') }, { lang: 'en', provider: 'supplied translation' });
    const rssBefore = process.resourceUsage().maxRSS;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let events = 0;
    const summary = await api.alignStory({ collection: 'scale' });
    void events;
    const ms = performance.now() - t0;
    const cpu = cpuMs(process.cpuUsage(cpu0));
    // A second request on the same story (the explanation of one pair) reuses the scored story.
    const t1 = performance.now();
    const first = summary.stories[0].pairs[0];
    await api.explainLinks(first.alignmentId);
    const explainMs = performance.now() - t1;
    const t2 = performance.now();
    await api.storyMap({ collection: 'scale' });
    const mapMs = performance.now() - t2;
    db.close();
    console.log(
      JSON.stringify({
        articles: articles.length,
        paragraphsPerArticle: size,
        pairs: summary.stories[0].pairs.length,
        links: summary.links,
        clusters: summary.stories[0].clusters,
        alignStoryMs: Math.round(ms),
        alignStoryCpuMs: cpu,
        explainPairMs: Math.round(explainMs),
        storyMapMs: Math.round(mapMs),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        peakRssBeforeAlignMB: Math.round(rssBefore / 1024),
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function scale(size: number): Record<string, unknown> {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, self, '--scale', String(size)], { encoding: 'utf8', maxBuffer: 1 << 20, env: process.env });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  try {
    return {
      data: `five articles of ${size} paragraphs, each paragraph 1–3 real sentences drawn from one seed article (with the matching sentences of its English translation); imported into a project file`,
      ...JSON.parse(line),
    };
  } catch {
    return { error: (child.stderr || line || `exit ${child.status}`).slice(-2000) };
  }
}

export async function benchLinks(opts: { scaleSize?: number } = {}): Promise<Record<string, unknown>> {
  const shared = sharedDir();
  if (!shared) return { skipped: 'no ../shared beside the repository (set TANDEM_SHARED to point at it): the real-articles workload needs the seeds and the dev facts' };
  const gold = readDevGold(shared);
  if (!gold) return { skipped: `no bench-data/seeds-facts-dev.json in ${shared}` };
  const own = readOwnGold(shared);
  const result: Record<string, unknown> = {
    quality: await quality(shared, gold),
    ownFacts: own ? { data: 'the same five articles; our own gold: facts beyond the dev ten that two annotators marked independently (bench/gold/seeds-facts-own.json)', ...(await otherGold(shared, own)) } : { skipped: 'the seeds do not match bench/gold/seeds-facts-own.json' },
    scale: scale(opts.scaleSize ?? 1000),
  };
  return { ...result, readme: linksReadmeRows(result) };
}

/**
 * The quality figures on another gold in the dev file's format (facts with their quotes and
 * paragraph links), beside the same baselines. Fact suggestions are scored on that gold alone.
 * Links are scored against it together with the dev gold, so that a link the dev facts make is not
 * counted wrong.
 */
async function otherGold(shared: string, other: DevGold): Promise<Record<string, unknown>> {
  const dev = readDevGold(shared)!;
  const union: DevGold = { files: dev.files, facts: [...dev.facts, ...other.facts], links: [...dev.links, ...other.links] };
  type Q = {
    tandem: { links: { atDefault: unknown; averagePrecision: number; bestThresholdInHindsight: unknown; reliability: unknown }; facts: { seededWithQuote: Facts; seededWithQuoteAndLabel: Facts; seededWithQuoteAndShortLabel: Facts; seededWithQuoteAndBlindLabel: Blind; suggestionConfidence: unknown } };
    tfidfBaseline: { links: unknown; facts: Facts; factsWithLabel: Facts; factsWithShortLabel: Facts; factsWithBlindLabel: Blind };
    previousEngine: { links: unknown; facts: Facts };
    withoutWordVectors: WordsAlone;
    norwegianEnglish: unknown;
  };
  const alone = (await quality(shared, other, false)) as unknown as Q;
  const withDev = (await quality(shared, union, false)) as unknown as Q;
  const t = withDev.tandem.links;
  return {
    gold: { facts: other.facts.length, mentions: other.facts.reduce((s, f) => s + f.mentions.length, 0), links: other.links.length },
    facts: {
      tandem: alone.tandem.facts.seededWithQuote,
      tandemWithLabel: alone.tandem.facts.seededWithQuoteAndLabel,
      tandemWithShortLabel: alone.tandem.facts.seededWithQuoteAndShortLabel,
      tandemWithBlindLabel: alone.tandem.facts.seededWithQuoteAndBlindLabel,
      suggestionConfidence: alone.tandem.facts.suggestionConfidence,
      tfidf: alone.tfidfBaseline.facts,
      tfidfWithLabel: alone.tfidfBaseline.factsWithLabel,
      tfidfWithShortLabel: alone.tfidfBaseline.factsWithShortLabel,
      tfidfWithBlindLabel: alone.tfidfBaseline.factsWithBlindLabel,
      previousEngine: alone.previousEngine.facts,
      withoutWordVectors: alone.withoutWordVectors,
    },
    linksWithDevGold: {
      gold: goldPairs(union).size,
      tandem: { atDefault: t.atDefault, averagePrecision: t.averagePrecision, bestThresholdInHindsight: t.bestThresholdInHindsight, reliability: t.reliability },
      tfidf: withDev.tfidfBaseline.links,
      previousEngine: withDev.previousEngine.links,
    },
    norwegianEnglishWithDevGold: withDev.norwegianEnglish,
  };
}

/** `npx tsx bench/links.ts --gold FILE`: the figures on a gold file of one's own, in the dev file's format. */
async function goldFile(file: string): Promise<Record<string, unknown>> {
  const shared = sharedDir();
  if (!shared) throw new Error('no ../shared beside the repository (set TANDEM_SHARED to point at it)');
  const dev = readDevGold(shared)!;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { facts: DevGold['facts']; paragraph_links: DevGold['links'] };
  if (!Array.isArray(raw?.facts) || !Array.isArray(raw?.paragraph_links)) throw new Error(`${file}: not a gold in the dev file's format (it needs "facts" and "paragraph_links")`);
  return otherGold(shared, { files: dev.files, facts: raw.facts, links: raw.paragraph_links });
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly && process.argv[2] === '--gold') {
  goldFile(process.argv[3]).then(
    (r) => console.log(JSON.stringify(r, null, 1)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
} else if (invokedDirectly && process.argv[2] === '--scale') {
  scaleOnce(sharedDir()!, Number(process.argv[3])).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
} else if (invokedDirectly) {
  benchLinks().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

type Prf = { p: number; r: number; f1: number };
type Facts = { recallAt5: number; recallAt2PerArticle: number; mentions: number; articleCases: number };
type Blind = { a: Facts; b: Facts };
type HeldFacts = { seededWithQuote: Facts; seededWithQuoteAndLabel?: Facts; seededWithQuoteAndShortLabel?: Facts; seededWithQuoteAndBlindLabel?: Blind };

/** The README row of fact suggestions seeded with a quote and a label (blind, the gold's, its first phrase). */
type WordsAlone = { seededWithQuote: Facts; seededWithQuoteAndLabel: Facts; seededWithQuoteAndBlindLabel: Blind };

function namedRow(data: string, t: { label: Facts; short: Facts; blind: Blind }, tf: { label: Facts; short: Facts; blind: Blind }, held: HeldFacts | null, sc: { calibrationError: number; linkModel: { calibrationError: number } } | null | undefined, words?: WordsAlone): ReadmeRow {
  const h = held?.seededWithQuoteAndBlindLabel;
  const hl = held?.seededWithQuoteAndLabel;
  const hs = held?.seededWithQuoteAndShortLabel;
  return {
    workload: "… the fact named, as the app reads it: the quoted mention and a label written from that mention alone (two annotators, blind); then the gold's label, written after reading every mention (its first phrase)",
    data: `${data}; labels in bench/gold/seed-labels.json`,
    figure: `recall@5 ${t.blind.a.recallAt5} / ${t.blind.b.recallAt5}${h ? ` (each fact left out of the fit: ${h.a.recallAt5} / ${h.b.recallAt5})` : ''}, recall@2 per article ${t.blind.a.recallAt2PerArticle} / ${t.blind.b.recallAt2PerArticle}; with the gold's label ${t.label.recallAt5} (${t.short.recallAt5})${hl && hs ? `, left out of the fit ${hl.recallAt5} (${hs.recallAt5})` : ''}${sc ? `; the top 10's confidence with the blind labels against the share that report the fact: calibration error ${sc.calibrationError} (the link model's probability: ${sc.linkModel.calibrationError})` : ''}`,
    baseline: `same run: TF-IDF with the same label added to its query (weighing as much as the paragraph) ${tf.blind.a.recallAt5} / ${tf.blind.b.recallAt5}, recall@2 ${tf.blind.a.recallAt2PerArticle} / ${tf.blind.b.recallAt2PerArticle}; with the gold's label ${tf.label.recallAt5} (${tf.short.recallAt5})${words ? `; Tandem without its word vectors (words alone) ${words.seededWithQuoteAndBlindLabel.a.recallAt5} / ${words.seededWithQuoteAndBlindLabel.b.recallAt5}, with the gold's label ${words.seededWithQuoteAndLabel.recallAt5}` : ''}`,
  };
}

/** The README's rows (see the contract in bench/index.ts), from benchLinks' result. */
export function linksReadmeRows(r: Record<string, unknown>): ReadmeRow[] {
  const rows: ReadmeRow[] = [];
  const q = r.quality as {
    skipped?: string;
    data?: string;
    crossValidation?: {
      linksLeaveOneArticlePairOut: { ap: number; atThreshold: Prf; atDefaultSelection?: Prf };
      linksLeaveOneArticlePairOutBothGolds?: { ap: number; atDefaultSelection: Prf } | null;
      linksLeaveOneFactOut: { tandemMeanAp: number; tfidfMeanAp: number; own?: { tandemMeanAp: number; tfidfMeanAp: number } | null };
      factsLeaveOneFactOut?: (HeldFacts & { own?: HeldFacts | null }) | null;
    };
    tandem: { links: { atDefault: Prf; averagePrecision: number }; facts?: { sentenceChoice?: { trueSuggestionsInParagraphsOfSeveralSentences: number; holdsTheQuote: number; firstSentenceHoldsTheQuote: number }; seededWithQuote: Facts; seededWithQuoteAndLabel?: Facts; seededWithQuoteAndShortLabel?: Facts; seededWithQuoteAndBlindLabel?: Blind; suggestionConfidence?: { calibrationError: number; linkModel: { calibrationError: number } } } };
    tfidfBaseline: { links: { atDefault: Prf & { threshold: number }; averagePrecision: number; bestThresholdInHindsight: Prf & { threshold: number } }; facts?: Facts; factsWithLabel?: Facts; factsWithShortLabel?: Facts; factsWithBlindLabel?: Blind };
    previousEngine?: { links: { atDefault: Prf; averagePrecision: number }; facts?: Facts };
    withoutWordVectors?: WordsAlone;
  };
  if (!q || q.skipped || !q.tandem) {
    rows.push({ workload: 'Cross-article links between real articles', data: 'the seed articles and their dev gold', figure: `not run: ${q?.skipped ?? 'no result'}`, baseline: '' });
  } else {
    const t = q.tandem.links;
    const b = q.tfidfBaseline.links;
    rows.push({
      workload: 'Cross-article links: precision, recall, F1 at the default selection; average precision',
      data: `${q.data} (development gold, tuned on)`,
      figure: `P ${t.atDefault.p} R ${t.atDefault.r} F1 ${t.atDefault.f1}; AP ${t.averagePrecision}`,
      baseline: `same run: plain TF-IDF over the English translations F1 ${b.atDefault.f1} at ${b.atDefault.threshold}, ${b.bestThresholdInHindsight.f1} at its best threshold in hindsight, AP ${b.averagePrecision}${q.previousEngine ? `; previous engine F1 ${q.previousEngine.links.atDefault.f1}, AP ${q.previousEngine.links.averagePrecision}` : ''}`,
    });
    const cv = q.crossValidation;
    if (cv) {
      rows.push({
        workload: '… cross-validated: leave one article pair out (refitted without it); leave one fact out (mean AP of its links)',
        data: `${q.data} (development gold)`,
        figure: `AP ${cv.linksLeaveOneArticlePairOut.ap}, F1 ${cv.linksLeaveOneArticlePairOut.atThreshold.f1} at the default minimum${cv.linksLeaveOneArticlePairOut.atDefaultSelection ? ` (${cv.linksLeaveOneArticlePairOut.atDefaultSelection.f1} at the default selection)` : ''}${cv.linksLeaveOneArticlePairOutBothGolds ? `; scored with both golds' links: AP ${cv.linksLeaveOneArticlePairOutBothGolds.ap}, F1 ${cv.linksLeaveOneArticlePairOutBothGolds.atDefaultSelection.f1} at the default selection` : ''}; per-fact mean AP ${cv.linksLeaveOneFactOut.tandemMeanAp}${cv.linksLeaveOneFactOut.own ? ` (own gold ${cv.linksLeaveOneFactOut.own.tandemMeanAp})` : ''}`,
        baseline: `TF-IDF per-fact mean AP ${cv.linksLeaveOneFactOut.tfidfMeanAp}${cv.linksLeaveOneFactOut.own ? ` (own gold ${cv.linksLeaveOneFactOut.own.tfidfMeanAp})` : ''}, same run`,
      });
    }
    const f = q.tandem.facts?.seededWithQuote;
    const sc = q.tandem.facts?.suggestionConfidence;
    const tf = q.tfidfBaseline.facts;
    if (f && tf) {
      const held = cv?.factsLeaveOneFactOut?.seededWithQuote;
      rows.push({
        workload: 'Fact suggestions (`suggestMentions`, a fact seeded with one quoted mention, its label saying nothing): its mentions in the other articles found in the top 5, and in the top 2 of each other article',
        data: `${q.data} (development gold; ${f.mentions} mentions to find)`,
        figure: `recall@5 ${f.recallAt5}, recall@2 per article ${f.recallAt2PerArticle}${held ? `; with each fact's links left out of the fit: ${held.recallAt5}, ${held.recallAt2PerArticle}` : ''}`,
        baseline: `same run: plain TF-IDF over the English translations ${tf.recallAt5}, ${tf.recallAt2PerArticle}${q.previousEngine?.facts ? `; previous engine ${q.previousEngine.facts.recallAt5}, ${q.previousEngine.facts.recallAt2PerArticle}` : ''}`,
      });
    }
    const fl = q.tandem.facts?.seededWithQuoteAndLabel;
    const fs2 = q.tandem.facts?.seededWithQuoteAndShortLabel;
    const fb = q.tandem.facts?.seededWithQuoteAndBlindLabel;
    const tl = q.tfidfBaseline.factsWithLabel;
    const ts = q.tfidfBaseline.factsWithShortLabel;
    const tb = q.tfidfBaseline.factsWithBlindLabel;
    if (fl && fs2 && fb && tl && ts && tb) {
      rows.push(namedRow(`${q.data} (development gold)`, { label: fl, short: fs2, blind: fb }, { label: tl, short: ts, blind: tb }, cv?.factsLeaveOneFactOut ?? null, sc, q.withoutWordVectors));
    }
    const sc2 = q.tandem.facts?.sentenceChoice;
    if (sc2) {
      rows.push({
        workload: '… the sentence a right suggestion shows, and tags when accepted: does it hold the gold quote (paragraphs of two sentences or more; top 5, blind labels)',
        data: `${q.data} (development gold; ${sc2.trueSuggestionsInParagraphsOfSeveralSentences} right suggestions)`,
        figure: `${sc2.holdsTheQuote}`,
        baseline: `same run, same suggestions: the paragraph's first sentence ${sc2.firstSentenceHoldsTheQuote}`,
      });
    }
  }
  const o = r.ownFacts as
    | {
        skipped?: string;
        gold: { facts: number; mentions: number; links: number };
        facts: { tandem: Facts; tandemWithLabel?: Facts; tandemWithShortLabel?: Facts; tandemWithBlindLabel?: Blind; tfidf: Facts; tfidfWithLabel?: Facts; tfidfWithShortLabel?: Facts; tfidfWithBlindLabel?: Blind; previousEngine: Facts; withoutWordVectors?: WordsAlone };
        linksWithDevGold: { gold: number; tandem: { atDefault: Prf; averagePrecision: number }; tfidf: { atDefault: Prf & { threshold: number }; averagePrecision: number; bestThresholdInHindsight: Prf } };
      }
    | undefined;
  const ownHeld = q?.crossValidation?.factsLeaveOneFactOut?.own ?? null;
  if (o && !o.skipped && o.facts) {
    const h = ownHeld?.seededWithQuote;
    rows.push({
      workload: 'The same, on facts beyond the dev ten: fact recall@5 and recall@2 per article (quote only); link F1 and AP',
      data: `the five seed articles; our own gold of ${o.gold.facts} more facts (${o.gold.mentions} mentions) that two annotators marked independently, kept where both agree (the models are fitted on it too); links scored with the dev links too (${o.linksWithDevGold.gold} in all)`,
      figure: `recall@5 ${o.facts.tandem.recallAt5}, recall@2 ${o.facts.tandem.recallAt2PerArticle}${h ? `; with each fact's links left out of the fit: ${h.recallAt5}, ${h.recallAt2PerArticle}` : ''}; link F1 ${o.linksWithDevGold.tandem.atDefault.f1}, AP ${o.linksWithDevGold.tandem.averagePrecision}`,
      baseline: `same run: plain TF-IDF recall@5 ${o.facts.tfidf.recallAt5}, recall@2 ${o.facts.tfidf.recallAt2PerArticle}, link F1 ${o.linksWithDevGold.tfidf.atDefault.f1} at ${o.linksWithDevGold.tfidf.atDefault.threshold} and ${o.linksWithDevGold.tfidf.bestThresholdInHindsight.f1} at its best threshold in hindsight, AP ${o.linksWithDevGold.tfidf.averagePrecision}; previous engine recall@5 ${o.facts.previousEngine.recallAt5}`,
    });
    const f = o.facts;
    if (f.tandemWithLabel && f.tandemWithShortLabel && f.tandemWithBlindLabel && f.tfidfWithLabel && f.tfidfWithShortLabel && f.tfidfWithBlindLabel) {
      rows.push(namedRow('our own gold (the same articles)', { label: f.tandemWithLabel, short: f.tandemWithShortLabel, blind: f.tandemWithBlindLabel }, { label: f.tfidfWithLabel, short: f.tfidfWithShortLabel, blind: f.tfidfWithBlindLabel }, ownHeld, null, f.withoutWordVectors));
    }
  }
  const s = r.scale as { data?: string; alignStoryMs: number; alignStoryCpuMs: number; peakRssMB: number; explainPairMs: number; storyMapMs: number } | undefined;
  if (s?.alignStoryMs) {
    rows.push({
      workload: 'Linking a story of five 1,000-paragraph articles (`alignStory` on a project file)',
      data: s.data ?? 'synthetic story from real seed sentences',
      figure: `${(s.alignStoryCpuMs / 1000).toFixed(1)} s CPU (${(s.alignStoryMs / 1000).toFixed(1)} s wall); peak RSS ${s.peakRssMB} MB; then ${s.explainPairMs} ms to explain a pair, ${s.storyMapMs} ms for the story map`,
      baseline: 'interactive (a job with progress and cancel)',
    });
  }
  return rows;
}
