/**
 * A document's title: its headline, not the date, byline or section label
 * that scraped and exported articles often put above it.
 *
 * Lines are recognised as metadata by their form alone, in any of the
 * languages Tandem reads: a date (month and weekday names come from the
 * platform's CLDR data through Intl, for every likely language), a byline
 * ("By …", "Av …", "Von …"), a credit, or a line too short to be a headline.
 * A leading "date 2022-01"-style stamp in front of the text is cut off. When
 * the first real paragraph is a lede rather than a headline, its first
 * sentence is the title.
 */
import { splitSentences } from './sentences';

export const MAX_TITLE_CHARS = 160;
/** Paragraphs looked at for a headline before giving up and taking the first one. */
const LOOKAHEAD = 6;

const LOCALES = [
  'en', 'nb', 'nn', 'da', 'sv', 'fi', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'cs', 'sk', 'sl', 'hu', 'ro', 'bg',
  'ru', 'uk', 'el', 'et', 'lv', 'lt', 'tr', 'id', 'ar', 'he', 'ja', 'ko', 'zh', 'th', 'vi',
];

let dateWordSet: Set<string> | null = null;

/** Month and weekday names, long and short, in every likely language, lower case and without a final dot. */
function dateWords(): Set<string> {
  if (dateWordSet) return dateWordSet;
  const words = new Set<string>();
  const add = (s: string) => {
    for (const w of s.toLowerCase().split(/[\s.,]+/)) if (w && !/\d/.test(w)) words.add(w);
  };
  for (const locale of LOCALES) {
    const formats = [
      new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }),
      new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }),
    ];
    // Months in the forms used inside a date ("10 января", "10. januar").
    const inDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2021, m, 15));
      for (const f of formats.slice(0, 2)) add(f.format(d));
      for (const part of inDate.formatToParts(d)) if (part.type === 'month') add(part.value);
    }
    for (let day = 0; day < 7; day++) {
      const d = new Date(Date.UTC(2021, 2, 1 + day));
      for (const f of formats.slice(2)) add(f.format(d));
    }
  }
  dateWordSet = words;
  return words;
}

/** Labels of a dateline ("published", "updated"), in the likely languages. */
const DATE_LABELS = new Set([
  'date', 'dated', 'published', 'updated', 'posted', 'modified', 'dato', 'publisert', 'oppdatert', 'publiseret', 'opdateret',
  'datum', 'publicerad', 'uppdaterad', 'publicerat', 'uppdaterat', 'päivämäärä', 'julkaistu', 'päivitetty', 'gepubliceerd',
  'bijgewerkt', 'veröffentlicht', 'aktualisiert', 'publié', 'publicado', 'actualizado', 'pubblicato', 'aggiornato',
  'atualizado', 'opublikowano', 'aktualizacja', 'zaktualizowano',
]);

/** Small words that stand between the parts of a dateline ("at", "kl.", "the", "de"). */
const DATE_CONNECTORS = new Set([
  'at', 'on', 'the', 'of', 'am', 'pm', 'utc', 'gmt', 'cet', 'cest', 'est', 'edt', 'pst', 'kl', 'klokka', 'klokken', 'den',
  'klo', 'op', 'om', 'um', 'uhr', 'le', 'à', 'h', 'mis', 'à', 'jour', 'el', 'de', 'del', 'a', 'las', 'il', 'alle', 'ore', 'às',
]);

const BYLINE = /^(?:by|av|af|von|door|par|di|por|från|kirjoittanut|written by|text|tekst|teksti|texte|foto|photo|photos|bild|kuva|fotograf|photographer|reporter|journalist)\s*[:\-–]?\s+\p{Lu}/iu;
const CREDIT = /(?:^|\s)(?:©|\(c\)|copyright\b)/i;

function tokenize(line: string): string[] {
  return line.toLowerCase().split(/[\s,;:/()|·•–—-]+/).map((t) => t.replace(/\.+$/, '')).filter(Boolean);
}

function isYear(t: string): boolean {
  return /^(1[89]|20)\d\d$/.test(t);
}

/** A number, time, month or weekday name, or dateline label: what a date stamp is made of. */
function isDayMonthYear(t: string): boolean {
  return /^\d{1,2}[./]\d{1,2}[./](\d{2}|\d{4})$/.test(t);
}

function isDateCore(t: string): boolean {
  return isDayMonthYear(t) || /^\d{1,4}(?:st|nd|rd|th|e|er|\.)?$/.test(t) || /^\d{1,2}[:.h]\d{2}$/.test(t) || /^\d{4}[-.]\d{1,2}([-.]\d{1,2})?$/.test(t) || dateWords().has(t) || DATE_LABELS.has(t);
}

function isDateToken(t: string): boolean {
  return isDateCore(t) || DATE_CONNECTORS.has(t);
}

function isAnchor(t: string): boolean {
  return isYear(t) || isDayMonthYear(t) || /^\d{4}[-.]\d{1,2}/.test(t) || dateWords().has(t);
}

function hasDateAnchor(tokens: string[]): boolean {
  return tokens.some(isAnchor);
}

/** A line that is nothing but a date, with or without weekday, time and "published"-style words. */
export function isDateLine(line: string): boolean {
  const tokens = tokenize(line);
  if (tokens.length === 0 || tokens.length > 12 || !hasDateAnchor(tokens)) return false;
  return tokens.filter(isDateToken).length / tokens.length >= 0.8;
}

/**
 * A date stamp in front of the text ("date 2022-01 Ennen …", "Updated 10 Jan 2022 Officials said …"):
 * returns the text after it, or the line unchanged. The rest must start a
 * sentence (a capital, or a script without case), so that "On 10 January 2022
 * the government …" is left alone.
 */
export function stripLeadingDate(line: string): string {
  const re = /[^\s,;:/()|·•–—]+/g;
  let end = 0;
  let anchored = false;
  let words = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const t = m[0].toLowerCase().replace(/\.+$/, '');
    if (!isDateToken(t)) break;
    if (isAnchor(t)) anchored = true;
    if (isDateCore(t)) end = m.index + m[0].length;
    if (++words > 10) return line;
  }
  if (!anchored || end === 0) return line;
  const rest = line.slice(end).replace(/^[\s,;:|·•–—.-]+/, '');
  if (rest.length < 20 || /^\p{Ll}/u.test(rest)) return line;
  return rest;
}

/** A dateline, byline or credit: never a title, even where a file declares it as one. */
function isDatelineOrCredit(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (isDateLine(text)) return true;
  if (words <= 8 && BYLINE.test(text)) return true;
  return words <= 12 && CREDIT.test(text);
}

/** Lines above a headline that are not one: datelines, bylines, credits, section labels, stray numbers. */
export function isMetadataLine(line: string): boolean {
  const text = line.trim();
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (letters < 4 || isDatelineOrCredit(text)) return true;
  // A one- or two-word label ("Analysis", "World news") in a script with spaces.
  return words <= 2 && letters < 16 && !/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]/u.test(text);
}

function shorten(text: string): string {
  if (text.length <= MAX_TITLE_CHARS) return text;
  const cut = text.slice(0, MAX_TITLE_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_CHARS * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** The headline of a lede-like paragraph: its first sentence when the paragraph is more than one. */
function headline(paragraph: string, lang: string): string {
  const spans = splitSentences(paragraph, lang);
  if (spans.length > 1) {
    const first = paragraph.slice(spans[0][0], spans[0][1]).trim();
    if (first.split(/\s+/).length >= 3 || first.length >= 12) return shorten(first);
  }
  return shorten(paragraph);
}

/**
 * The title for a document: `declared` (an HTML <title> or Markdown heading)
 * unless it is metadata, else the first paragraph that reads like a headline.
 */
export function chooseTitle(paragraphs: string[], lang: string, declared?: string | null): string {
  const own = declared?.trim();
  if (own && /\p{L}/u.test(own) && !isDatelineOrCredit(own)) return shorten(stripLeadingDate(own));
  for (const p of paragraphs.slice(0, LOOKAHEAD)) {
    const text = p.trim();
    if (!text || isMetadataLine(text)) continue;
    return headline(stripLeadingDate(text), lang);
  }
  const first = paragraphs.find((p) => p.trim()) ?? '';
  return shorten(first.trim()) || 'Untitled';
}
