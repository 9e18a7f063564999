/** Domain types shared by every layer. Plain data: they cross IPC and HTTP as JSON. */

export type DocId = number;
export type ParagraphId = number;
export type LinkId = number;
export type FactId = number;
export type MentionId = number;

/** A document is named by its numeric id or by the file name it was imported from. */
export type DocRef = DocId | string;

export type ProvenanceKind = 'original' | 'human' | 'mt';

export interface Provenance {
  kind: ProvenanceKind;
  /** Who made a translation: a person's name, or an engine such as "deepl". */
  provider?: string;
  targetLang?: string;
  /** The source language the MT engine detected, when it said. */
  detectedSourceLang?: string;
  options?: Record<string, unknown>;
}

/**
 * What is known about a document beyond its text, for web pages: where it came
 * from and when (provenance), and what the page says about itself.
 */
export interface DocumentMeta {
  /** Where the page was fetched from (after redirects), or the address a browser recorded when saving it. */
  url: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  byline: string | null;
  /** ISO 8601 as the page states it: a date, or a date and time with its offset. */
  published: string | null;
  /** The language the page declares; the document's lang is the one identified from its text. */
  pageLang: string | null;
  /** When Tandem fetched the page (ISO 8601); null for a saved file. */
  fetchedAt: string | null;
  /** 'article': the headline and body only; 'full': every block of the page. */
  extraction: 'article' | 'full';
  /** Whether image captions were kept as paragraphs. */
  captions: boolean;
}

/** Paragraphs of a document identified in a language other than the document's. */
export interface OtherLanguage {
  lang: string;
  /** 0-based paragraph indices. */
  paragraphs: number[];
}

export interface DocumentSummary {
  id: DocId;
  title: string;
  source: string;
  lang: string;
  langConfidence: number;
  /** The identified language is uncertain (confidence below LANG_UNSURE_BELOW, never set by a person). */
  langUnsure: boolean;
  /** What the translation engine detected when it was left to detect the language itself; null until then. */
  mtDetectedLang: string | null;
  /** Paragraphs in other languages (quotes, captions); empty for a document in one language. */
  otherLanguages: OtherLanguage[];
  collection: string | null;
  paragraphs: number;
  sentences: number;
  characters: number;
  translationOf: DocId | null;
  translations: DocId[];
  provenance: Provenance;
  createdAt: string;
  /** Present for documents imported from web pages. */
  meta?: DocumentMeta;
}

export type ParagraphStatus = 'initial' | 'translated' | 'reviewed' | 'final';

/** Placeholder characters of inline codes in segment text (see core/formats/codes.ts). */
export const CODE_CHAR = { open: '\u27E6', close: '\u27E7', standalone: '\u2B1A' } as const;
export type CodeKind = keyof typeof CODE_CHAR;

/**
 * An inline code (a formatting tag of a translation memory) whose placeholder
 * character sits at `at` in a segment's text.
 */
export interface InlineCode {
  /** UTF-16 offset of the code's placeholder character in the segment text. */
  at: number;
  kind: CodeKind;
  /**
   * Shared by an opening code and its closing code within one segment.
   * Absent for a standalone code and for an isolated one, whose partner lies
   * in another segment.
   */
  pair?: number;
  /** The element it was read from, qualified by its format: "tmx:bpt", "xliff2:pc", "xliff12:g". */
  el?: string;
  /** The element's attributes as read; written back when the same element is written. */
  attrs?: Record<string, string>;
  /** The native code it stands for, as plain text (e.g. "<b>"), when the file gave one. */
  native?: string;
  /**
   * The element's content as escaped XML, kept when it held more than text
   * (TMX/XLIFF 1.2 <sub> flows inside a code); written back verbatim by the
   * format it came from, and as `native` text by the others.
   */
  inner?: string;
}

export interface Paragraph {
  id: ParagraphId;
  /** 0-based position in the document; people see index + 1. */
  index: number;
  text: string;
  /** Sentence spans as UTF-16 [start, end) offsets into text. */
  sentences: Array<[number, number]>;
  /** A post-edit stored beside the immutable text, or null. */
  edited: string | null;
  status: ParagraphStatus;
}

export interface DocumentDetail extends DocumentSummary {
  paragraphList: Paragraph[];
}

export type AlignLevel = 'paragraph' | 'sentence';
export type AlignMode = 'parallel' | 'comparable';
export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';
export type LinkOrigin = 'auto' | 'manual' | 'mt' | 'import';

export interface Link {
  id: LinkId;
  /** 0-based segment indices (paragraphs, or sentences numbered through the document). */
  a: number[];
  b: number[];
  confidence: number;
  status: LinkStatus;
  origin: LinkOrigin;
  annotator: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlignmentView {
  id: number;
  docA: DocId;
  docB: DocId;
  level: AlignLevel;
  mode: AlignMode;
  links: Link[];
  /** Set by align and realign: the undo log's sequence number of the operation that wrote these links. */
  seq?: number;
  /** Comparable paragraph alignments: how many candidates are shown (remembered). */
  control?: { minConfidence: number; perParagraph: number };
  /** What limits this alignment and how to fix it (e.g. a missing translation). */
  notes?: string[];
  /** A long parallel alignment runs as a job (kind "align", with progress; cancelJob stops it): its id. */
  jobId?: number;
  /** Set when that job was stopped or could not write: why. The links are then as they were. */
  stopped?: string;
}

export interface ImportFileReport {
  file: string;
  status: 'imported' | 'duplicate' | 'failed';
  docId?: DocId;
  duplicateOf?: DocId;
  lang?: string;
  langConfidence?: number;
  paragraphs?: number;
  sentences?: number;
  reason?: string;
}

export interface ImportReport {
  files: ImportFileReport[];
  imported: number;
  duplicates: number;
  failed: number;
  /** The import's job, when it ran as one. */
  jobId?: number;
  /** Why the import ended before every file was tried (it was stopped), with what was kept; null or absent otherwise. */
  stopped?: string | null;
}

export interface SearchHit {
  docId: DocId;
  docTitle: string;
  lang: string;
  /** 0-based, like Paragraph.index; people see paragraph + 1. */
  paragraph: number;
  /** Snippet with matches wrapped in [ and ] markers given by the caller. */
  snippet: string;
  text: string;
  /** Paragraphs linked with the hit in paragraph alignments; paragraph is 0-based. */
  counterparts: Array<{ docId: DocId; lang: string; paragraph: number; text: string }>;
}

export type JobStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface JobInfo {
  id: number;
  kind: string;
  status: JobStatus;
  total: number;
  done: number;
  chars: number;
  totalChars: number;
  message: string | null;
  params: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export type FactType = 'event' | 'claim' | 'entity' | 'quantity' | 'other';

export interface Mention {
  id: MentionId;
  factId: FactId;
  docId: DocId;
  /** 0-based paragraph index. */
  paragraph: number;
  start: number;
  end: number;
  quote: string;
  annotator: string | null;
  origin: LinkOrigin;
  createdAt: string;
}

export interface Fact {
  id: FactId;
  label: string;
  description: string;
  type: FactType;
  roles: Record<string, string>;
  annotator: string | null;
  createdAt: string;
  mentions: Mention[];
}
