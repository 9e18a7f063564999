/**
 * The sentence splitter as it was before CLDR's data replaced its hand-made
 * abbreviation lists, kept unchanged as the baseline of the segment benchmark.
 * Not used by the application.
 */
const BUILTIN: Record<string, string[]> = {
  '*': ['etc', 'vs', 'ca', 'approx', 'no', 'No', 'nr', 'Nr', 'St', 'Jr', 'Sr', 'Prof', 'Dr', 'dr', 'Mr', 'Mrs', 'Ms', 'Fig', 'fig', 'Vol', 'vol', 'pp', 'ed', 'Ed'],
  en: ['e.g', 'i.e', 'U.S', 'U.K', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Gov', 'Sen', 'Rep', 'Rev', 'Mt', 'Inc', 'Ltd', 'Co', 'Corp', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'a.m', 'p.m', 'approx', 'est', 'dept', 'Dept'],
  nb: ['bl.a', 'kl', 'f.eks', 'dvs', 'mht', 'osv', 'o.l', 'ca', 'jf', 'jfr', 'nr', 'pga', 'p.g.a', 'mill', 'mrd', 'tlf', 'ifm', 'iflg', 'iht', 'ev', 'evt', 'hhv', 'm.fl', 'm.m', 'o.a', 'red', 'st', 'sml', 'bl', 'ift', 'vha', 'adm', 'dir', 'kr', 'prof', 'gen', 'tidl', 'fhv'],
  nn: ['bl.a', 'kl', 't.d', 'dvs', 'osb', 'o.l', 'ca', 'jf', 'nr', 'pga', 'mill', 'mrd', 'tlf', 'm.a', 'red', 'kr', 'prof'],
  da: ['bl.a', 'kl', 'f.eks', 'dvs', 'osv', 'ca', 'jf', 'nr', 'pga', 'mio', 'mia', 'tlf', 'hhv', 'mht', 'm.fl', 'o.l', 'evt', 'ift', 'kr', 'prof'],
  sv: ['bl.a', 'kl', 't.ex', 'dvs', 'osv', 'o.s.v', 'ca', 'jfr', 'nr', 'p.g.a', 'pga', 'milj', 'mdr', 'tel', 'resp', 'm.fl', 'm.m', 'o.d', 'ev', 'fr.o.m', 't.o.m', 'kr', 'prof', 'f.d', 'f.ö', 's.k', 'bl'],
  fi: ['esim', 'ns', 'mm', 'jne', 'yms', 'ym', 'ks', 'n', 'klo', 'tms', 'eli', 'milj', 'mrd', 'prof', 'tri', 'huom', 'vrt', 'os', 'ko', 'em', 'nk', 'mrd', 'ts', 'v', 's', 'puh', 'ent'],
  nl: ['bijv', 'bv', 'd.w.z', 'o.a', 'm.a.w', 'ca', 'nr', 'jl', 'mln', 'mld', 'blz', 'dhr', 'mevr', 'mr', 'ir', 'drs', 'ing', 'prof', 'e.d', 'enz', 'i.p.v', 'z.g', 'resp', 'vnl', 'incl', 'excl', 'evt'],
  de: ['z.B', 'd.h', 'u.a', 'usw', 'bzw', 'ca', 'Nr', 'Mio', 'Mrd', 'Hr', 'Fr', 'Dr', 'Prof', 'vgl', 'ggf', 'evtl', 'z.T', 'u.U', 'o.ä', 'bzgl', 'inkl', 'exkl', 'Jh', 'Str', 'S', 'St', 'Abs', 'Art', 'v.a', 'u.v.m', 'sog'],
  fr: ['M', 'MM', 'Mme', 'Mlle', 'Dr', 'Pr', 'p.ex', 'c.-à-d', 'etc', 'env', 'cf', 'vol', 'n°', 'art', 'av', 'apr', 'J.-C', 'St', 'Ste'],
  es: ['Sr', 'Sra', 'Srta', 'Dr', 'Dra', 'p.ej', 'etc', 'aprox', 'núm', 'pág', 'Ud', 'Uds', 'EE.UU'],
  it: ['Sig', 'Sig.ra', 'Dott', 'Prof', 'ecc', 'es', 'pag', 'n', 'ca'],
};

function baseLang(lang: string): string {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return primary === 'no' ? 'nb' : primary;
}

const listCache = new Map<string, Set<string>>();

function abbreviationsFor(lang: string): Set<string> {
  const key = baseLang(lang);
  let set = listCache.get(key);
  if (!set) {
    set = new Set([...(BUILTIN['*'] ?? []), ...(BUILTIN[key] ?? [])]);
    listCache.set(key, set);
  }
  return set;
}


const CHUNK = 4000;
const CUT = /[.!?…。！？؟।]["'”’»)\]]*\s+/g;

function chunkEnd(text: string, start: number): number {
  if (text.length - start <= CHUNK * 1.5) return text.length;
  CUT.lastIndex = start + CHUNK;
  const m = CUT.exec(text);
  return m ? m.index + m[0].length : text.length;
}

/** Languages where "12." is an ordinal ("12. januar") rather than a sentence end. */
const ORDINAL_DOT = new Set(['nb', 'nn', 'da', 'de', 'fi', 'sv', 'is', 'et', 'cs', 'sk', 'pl', 'hu', 'hr', 'sl', 'sr', 'lv', 'lt']);

/** Month names that German capitalises after an ordinal ("am 12. Januar"). */
const MONTH_AFTER_ORDINAL = /^\s*(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b/;

/** Where a sentence could end before the paragraph does: terminal punctuation, closers, then space. */
const INNER_BOUNDARY = /[.!?…。！？؟।]["'”’»)\]]*\s+\S/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    let locale = lang;
    try {
      new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      locale = 'en';
    }
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

const LAST_TOKEN = /(\S+)\.\s*$/;

function endsWithAbbreviation(piece: string, abbreviations: Set<string>, ordinals: boolean, next: string): boolean {
  const m = LAST_TOKEN.exec(piece);
  if (!m) return false;
  // Strip opening punctuation so "(bl.a." still counts.
  const token = m[1].replace(/^[(\[{"“‘«»'„]+/, '');
  if (abbreviations.has(token) || abbreviations.has(token.toLowerCase())) return true;
  // A single capital letter is an initial: "G. O. Dyhrenfurth".
  if (/^\p{Lu}$/u.test(token)) return true;
  // Dotted initialisms such as "bl.a." or "U.S." that are not in the list.
  if (/^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(token) && token.length <= 8) return /^\s*\p{Ll}/u.test(next) || /^\s*\d/.test(next);
  if (ordinals && /^\d{1,2}$/.test(token)) return /^\s*\p{Ll}/u.test(next) || MONTH_AFTER_ORDINAL.test(next);
  return false;
}

/**
 * Sentence spans as UTF-16 [start, end) offsets into the paragraph, trailing
 * white space excluded. Intl.Segmenter finds candidate ends; abbreviations,
 * initials and ordinals then glue wrongly split pieces back together.
 */
export function splitSentencesBaseline(paragraph: string, lang: string): Array<[number, number]> {
  if (!paragraph) return [];
  // Most of the cost is the segmenter; a paragraph with no sentence-final
  // punctuation before its end is one sentence, and needs no segmenter at all.
  if (!INNER_BOUNDARY.test(paragraph)) {
    const start = paragraph.length - paragraph.trimStart().length;
    const end = paragraph.trimEnd().length;
    return end > start ? [[start, end]] : [];
  }
  const key = baseLang(lang);
  const abbreviations = abbreviationsFor(key);
  const ordinals = ORDINAL_DOT.has(key);
  const pieces: Array<[number, number]> = [];
  const seg = segmenter(key);
  // The segmenter slows down quadratically on very long strings, so a long
  // paragraph is fed to it in chunks cut after sentence-final punctuation,
  // where it would break anyway; the merging below still sees every piece.
  for (let start = 0; start < paragraph.length; ) {
    const end = chunkEnd(paragraph, start);
    const chunk = start === 0 && end === paragraph.length ? paragraph : paragraph.slice(start, end);
    for (const piece of seg.segment(chunk)) pieces.push([start + piece.index, start + piece.index + piece.segment.length]);
    start = end;
  }
  const merged: Array<[number, number]> = [];
  for (let i = 0; i < pieces.length; i++) {
    const [start, end] = pieces[i];
    const prev = merged[merged.length - 1];
    if (prev) {
      // Only the end of the previous piece matters, and pieces grow as they merge.
      const prevText = paragraph.slice(Math.max(prev[0], prev[1] - 80), prev[1]);
      const nextText = paragraph.slice(start, end);
      if (endsWithAbbreviation(prevText, abbreviations, ordinals, nextText)) {
        prev[1] = end;
        continue;
      }
    }
    merged.push([start, end]);
  }
  const spans: Array<[number, number]> = [];
  for (const [start, end] of merged) {
    let e = end;
    while (e > start && /\s/.test(paragraph[e - 1])) e--;
    let s = start;
    while (s < e && /\s/.test(paragraph[s])) s++;
    if (e > s) spans.push([s, e]);
  }
  return spans;
}
