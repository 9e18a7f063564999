/**
 * Numbers and dates in one form whatever the language wrote them in: "7. januar", "7 January",
 * "January 7th", "7.1." and "2022-01-07" are all the date 01-07; "maaliskuusta 2019", "March 2019"
 * and "2019-03" are all the month 2019-03; "2.500" (Dutch), "2,500" and
 * "2 500" are all 2500. Month names come from the calendars of the languages Tandem imports (a
 * general table, matched by stem so that inflected forms such as Finnish "maaliskuusta" count).
 */

export interface NumberMention {
  /** "n:2500", "d:01-07" (month-day), "m:2019-03" (month of a year). */
  key: string;
  start: number;
  end: number;
}

/** Month stems, month by month, in the languages of European news (Latin script). */
const MONTH_STEMS: readonly string[][] = [
  ['jan', 'janv', 'enero', 'genn', 'stycz', 'leden', 'tammik', 'ocak', 'ianuar', 'sausi', 'janu'],
  ['feb', 'fév', 'fev', 'febr', 'lut', 'únor', 'unor', 'helmik', 'şubat', 'subat', 'veebr', 'vasar'],
  ['mar', 'mär', 'maart', 'mars', 'marz', 'marc', 'mart', 'brez', 'břez', 'maalisk', 'märts', 'kovo'],
  ['apr', 'avr', 'abr', 'kwie', 'dub', 'huhtik', 'nisan', 'aprill', 'bal'],
  ['mai', 'may', 'mei', 'maj', 'mag', 'mayo', 'maio', 'květ', 'kvet', 'toukok', 'mayıs', 'gegu'],
  ['jun', 'juin', 'giugn', 'czerw', 'červen', 'cerven', 'kesäk', 'kesak', 'haziran', 'birž'],
  ['jul', 'juil', 'lugl', 'lip', 'červenec', 'cervenec', 'heinäk', 'heinak', 'temmuz', 'liep'],
  ['aug', 'août', 'aout', 'agos', 'sierp', 'srp', 'elok', 'ağustos', 'agustos', 'rugp'],
  ['sep', 'sept', 'sett', 'wrze', 'září', 'zari', 'syysk', 'eylül', 'eylul', 'rugs'],
  ['okt', 'oct', 'ott', 'out', 'paźdz', 'pazdz', 'říj', 'rij', 'lokak', 'ekim', 'spal'],
  ['nov', 'listop', 'marrask', 'kasım', 'kasim', 'lapkr'],
  ['dec', 'dez', 'déc', 'dic', 'des', 'grud', 'prosin', 'joulu', 'aralık', 'aralik', 'gruod', 'dets'],
];

/** Words that begin like a month but are not one, in the same languages. */
const NOT_MONTH = /^(?:mar(?:ket|k|gin|ine|y|t[iy])|march(?:ed|ing|es)|may(?:be|or)|jun(?:ior|k)|dec(?:i|l|a|o|e)|des(?:ign|ire|pite|k|t)|out(?:s|l|c|p|r|w|e|f)|okt(?:ober)?x|sep(?:ar)|mai(?:n|l|d|s|re)|bal(?:l|a|e|t)|ott(?:o|e)|lip|dub|mart(?:in|yr)|nov(?:el|ice|a\b)|jul(?:ia|ie|e)|aug(?:ment|ur)|ocak(?!$)x|mag(?:a|i|n|e)|kasim(?!$)x|apr(?:on|es))/i;

const NUMBER = /\d+(?:[.,\u00a0\u202f ']\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?/gu;
const WORD_AFTER = /^[\s.,]*(\p{L}+)/u;
const WORD_BEFORE = /(\p{L}+)\.?\s+$/u;
/** After a day: a dash, or one short word (og, and, und, och, ja…), another day, then a month. */
const RANGE_TO_MONTH = /^\.?\s*(?:[-\u2013\u2014/]|\p{L}{1,4})\s*(\d{1,2})\.?\s+(\p{L}+)/u;

function monthOf(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3 || NOT_MONTH.test(w)) return -1;
  let best = -1;
  let bestLen = 0;
  MONTH_STEMS.forEach((stems, m) => {
    for (const s of stems) {
      if (s.length > bestLen && w.startsWith(s) && w.length <= s.length + 9) {
        best = m;
        bestLen = s.length;
      }
    }
  });
  // Three-letter stems match only short forms (jan, jan., january), not any word beginning so.
  if (best >= 0 && bestLen === 3 && w.length > 9) return -1;
  return best;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Numbers and dates in `text`, in order, with their offsets. */
export function findNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  const taken: Array<[number, number]> = [];
  const push = (key: string, start: number, end: number) => {
    out.push({ key, start, end });
    taken.push([start, end]);
  };
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  // ISO dates and day.month. (7.1., 07.01.2022) come first: they look like numbers too.
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      push(`d:${pad(mo)}-${pad(d)}`, m.index!, m.index! + m[0].length);
      push(`n:${m[1]}`, m.index!, m.index! + 4);
    }
  }
  // ISO year-month (2022-01, a dateline's form) is the month of a year, as "January 2022" is;
  // a span of years (2019-2022) has four digits after the hyphen and is left to the numbers.
  for (const m of text.matchAll(/(?<![\d.,-])(\d{4})-(\d{2})(?![\d-])/g)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (overlaps(m.index!, m.index! + m[0].length) || y < 1000 || y > 2200 || mo < 1 || mo > 12) continue;
    push(`m:${m[1]}-${m[2]}`, m.index!, m.index! + m[0].length);
    push(`n:${m[1]}`, m.index!, m.index! + 4);
  }
  for (const m of text.matchAll(/(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?![\d])/g)) {
    const d = Number(m[1]);
    const mo = Number(m[2]);
    if (overlaps(m.index!, m.index! + m[0].length)) continue;
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && (m[3] !== undefined || /\.$/.test(m[0]))) {
      push(`d:${pad(mo)}-${pad(d)}`, m.index!, m.index! + m[0].length);
      if (m[3]?.length === 4) push(`n:${m[3]}`, m.index! + m[0].length - 4, m.index! + m[0].length);
    }
  }
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    // A digit run inside a word (COVID-19, B52) is a label, not a quantity.
    const ordinal = /^(?:st|nd|rd|th|e|er|re|te|de|ste)\b/i.exec(text.slice(end, end + 4));
    if (/[\p{L}]/u.test(text[start - 1] ?? '') || (!ordinal && /[\p{L}]/u.test(text[end] ?? ''))) continue;
    const raw = m[0];
    let value: string;
    if (/^\d+(?:[.,\u00a0\u202f ']\d{3})+$/.test(raw)) value = raw.replace(/[^\d]/g, '');
    else value = raw.replace(',', '.').replace(/^0+(?=\d)/, '');
    const n = Number(value);
    // A day followed or preceded by a month name is a date.
    if (Number.isInteger(n) && n >= 1 && n <= 31) {
      const afterOrdinal = end + (ordinal ? ordinal[0].length : 0);
      const after = WORD_AFTER.exec(text.slice(afterOrdinal, afterOrdinal + 24));
      const mAfter = after ? monthOf(after[1]) : -1;
      if (mAfter >= 0) {
        const wEnd = afterOrdinal + after![0].length;
        push(`d:${pad(mAfter + 1)}-${pad(n)}`, start, wEnd);
        continue;
      }
      const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
      const mBefore = before ? monthOf(before[1]) : -1;
      if (mBefore >= 0) {
        push(`d:${pad(mBefore + 1)}-${pad(n)}`, start - before![0].length, end);
        continue;
      }
      // The first day of a range or a pair: "4. og 5. januar", "4–5 January".
      const range = RANGE_TO_MONTH.exec(text.slice(afterOrdinal, afterOrdinal + 40));
      if (range && Number(range[1]) <= 31 && monthOf(range[2]) >= 0) {
        push(`d:${pad(monthOf(range[2]) + 1)}-${pad(n)}`, start, end);
        continue;
      }
    }
    // A month name before a year: "maaliskuusta 2019", "January 2022".
    if (Number.isInteger(n) && n >= 1000 && n <= 2200) {
      const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
      const mBefore = before ? monthOf(before[1]) : -1;
      if (mBefore >= 0) push(`m:${n}-${pad(mBefore + 1)}`, start - before![0].length, end);
    }
    push(`n:${Number.isFinite(n) ? String(n) : value}`, start, end);
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end);
}
