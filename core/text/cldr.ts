import { createRequire } from 'node:module';

/**
 * CLDR's sentence-break suppressions: abbreviations after which a full stop
 * does not end a sentence ("Dr.", "z. B.", "U.S."), as ICU applies them with
 * the `ss=standard` locale key, which Intl.Segmenter does not offer. The data
 * comes from the cldr-segments-full package (Unicode licence); each
 * language's file is read on first use, through one static specifier per
 * language so that a bundler or an asar archive can see every file.
 */
const require = createRequire(import.meta.url);

interface SuppressionsFile {
  segments: { segmentations: { SentenceBreak?: { standard?: Array<{ suppression: string }>; variables?: Array<Record<string, string>> } } };
}

const FILES: Readonly<Record<string, () => SuppressionsFile>> = {
  de: () => require('cldr-segments-full/segments/de/suppressions.json'),
  en: () => require('cldr-segments-full/segments/en/suppressions.json'),
  es: () => require('cldr-segments-full/segments/es/suppressions.json'),
  fr: () => require('cldr-segments-full/segments/fr/suppressions.json'),
  it: () => require('cldr-segments-full/segments/it/suppressions.json'),
  pt: () => require('cldr-segments-full/segments/pt/suppressions.json'),
  ru: () => require('cldr-segments-full/segments/ru/suppressions.json'),
  el: () => require('cldr-segments-full/segments/el/suppressions.json'),
};

/** Languages for which CLDR has sentence-break data beyond the root rules. */
export const CLDR_SENTENCE_LANGS: readonly string[] = Object.keys(FILES);

const loaded = new Map<string, readonly string[]>();

/** CLDR's suppressions for a primary language subtag, each ending in a full stop; empty where CLDR has none. */
export function cldrSuppressions(lang: string): readonly string[] {
  let list = loaded.get(lang);
  if (!list) {
    const file = FILES[lang];
    const entries = file ? file().segments.segmentations.SentenceBreak?.standard ?? [] : [];
    // A few entries ("A.M", "D.C" in pt) lack the final stop the break follows.
    list = [...new Set(entries.map((e) => (e.suppression.endsWith('.') ? e.suppression : `${e.suppression}.`)))];
    loaded.set(lang, list);
  }
  return list;
}

/**
 * Abbreviations that CLDR lists for at least `minLanguages` of its languages
 * written in Latin script ("Dr.", "U.S.", "Ltd.", "Jr.", "vs."): used in every
 * language, since articles in languages CLDR does not cover (Norwegian, Dutch,
 * Polish…) use the same international abbreviations.
 */
export function internationalSuppressions(minLanguages = 3): readonly string[] {
  const key = `*${minLanguages}`;
  let list = loaded.get(key);
  if (!list) {
    const counts = new Map<string, number>();
    for (const lang of ['de', 'en', 'es', 'fr', 'it', 'pt']) for (const s of cldrSuppressions(lang)) counts.set(s, (counts.get(s) ?? 0) + 1);
    list = [...counts].filter(([, n]) => n >= minLanguages).map(([s]) => s);
    loaded.set(key, list);
  }
  return list;
}

const terminals = new Map<string, string>();

/**
 * Characters CLDR adds to a language's sentence terminals, beyond Unicode's
 * Sentence_Terminal property: Greek ends questions with ";" (and U+037E).
 * Read from the `$STerm` variable of the language's SentenceBreak rules.
 */
export function cldrExtraTerminals(lang: string): string {
  let chars = terminals.get(lang);
  if (chars === undefined) {
    chars = '';
    const file = FILES[lang];
    for (const v of file?.().segments.segmentations.SentenceBreak?.variables ?? []) {
      const rule = v.$STerm;
      if (!rule) continue;
      // "[[$STerm] [\u003B \u037E]]": the set after the inherited one.
      const added = /\[\[\$STerm\]\s*\[([^\]]*)\]\]/.exec(rule)?.[1] ?? '';
      chars += added.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\s+/g, '');
    }
    terminals.set(lang, chars);
  }
  return chars;
}
