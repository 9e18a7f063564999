/**
 * WorkbenchApi: every call the UI can make. core/services implements it once;
 * Electron IPC and `tandem serve` over HTTP carry it. Everything here is plain
 * JSON-able data. The renderer never sees SQL, file-system paths outside
 * dialogs, or API keys.
 */
import type {
  AlignLevel,
  AlignMode,
  AlignmentView,
  DocRef,
  DocumentDetail,
  DocumentSummary,
  Fact,
  FactType,
  ImportFileReport,
  ImportReport,
  JobInfo,
  Link,
  LinkId,
  Paragraph,
  ParagraphStatus,
  SearchHit,
} from './types';

export interface ProjectInfo {
  name: string;
  schemaVersion: number;
  annotator: string;
  documents: number;
  alignments: number;
  facts: number;
  canUndo: boolean;
  canRedo: boolean;
}

/** A file chosen in the UI; bytes travel as base64 so any encoding survives. */
export interface UploadedFile {
  name: string;
  base64: string;
}

export interface ImportArticlesOptions {
  collection?: string;
  lang?: string;
  paragraphs?: 'auto' | 'blank-line' | 'line';
}

export interface MtStatus {
  provider: string;
  configured: boolean;
  serverUrl: string | null;
  usage: { characterCount: number; characterLimit: number | null } | null;
  error: string | null;
}

export interface TranslateOptions {
  docs?: DocRef[];
  to?: string;
  formality?: 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';
  dryRun?: boolean;
}

export interface TranslateSummary {
  jobId: number | null;
  documents: Array<{ original: number; translation: number | null; paragraphs: number }>;
  paragraphs: number;
  cached: number;
  billedCharacters: number;
  requests: number;
  /** For a dry run: characters that would be billed, and those already cached. */
  wouldBill?: number;
  cachedCharacters?: number;
  stopped: string | null;
}

export interface AlignOptions {
  level?: AlignLevel;
  mode?: AlignMode;
}

export interface AlignmentSummary {
  id: number;
  docA: number;
  docB: number;
  level: AlignLevel;
  mode: AlignMode;
  links: number;
  confirmed: number;
}

export type LinkOperation =
  | { op: 'confirm'; linkIds: LinkId[] }
  | { op: 'reject'; linkIds: LinkId[] }
  | { op: 'reset'; linkIds: LinkId[] }
  /** Joins a link with the next one along side a (or b when a is empty). */
  | { op: 'merge'; linkId: LinkId }
  /** Breaks an n:m link into 1:1 links, leftovers unpaired. */
  | { op: 'split'; linkId: LinkId }
  /** Moves the boundary between this link and the next on one side: 'down' gives this link's last segment to the next, 'up' takes the next link's first. */
  | { op: 'move-boundary'; linkId: LinkId; side: 'a' | 'b'; direction: 'up' | 'down' }
  | { op: 'link'; a: number[]; b: number[] }
  | { op: 'unlink'; linkId: LinkId };

/**
 * What one change did to one alignment's links: the ids it took out and the
 * links it put in (an edited link comes back under its own id, so its id is in
 * both). Applying `removed` then `added` to the links the UI holds gives what
 * getAlignment would now return, without sending the whole alignment again.
 */
export interface LinkDelta {
  alignmentId: number;
  removed: LinkId[];
  added: Link[];
}

export interface LinkEditResult {
  delta: LinkDelta;
  canUndo: boolean;
  canRedo: boolean;
}

export interface UndoResult {
  done: boolean;
  description: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** The link changes undo or redo applied, in order; empty when the operation changed facts, post-edits or segmentation (reload those). */
  deltas: LinkDelta[];
}

/**
 * A user's fix of segmentation. Text never changes: only boundaries move, and
 * a document's paragraphs (with what separates them) spell the same text
 * before and after. Paragraph numbers are 0-based positions; `at` is a UTF-16
 * offset into the paragraph's text (the caret). Every fix is one undo step.
 */
export type SegmentationOperation =
  /**
   * Splits a paragraph in two at `at`: the second part starts there, white
   * space around the point stays between the parts. A sentence the point
   * falls inside becomes two sentences. Unless `translations` is false, a
   * translation whose paragraph is linked 1:1 with this one is split at the
   * matching sentence boundary when both have the same number of sentences.
   */
  | { op: 'split-paragraph'; paragraph: number; at: number; translations?: boolean }
  /** Merges a paragraph with the next one; 1:1-linked translations merge theirs too unless `translations` is false. */
  | { op: 'merge-paragraphs'; paragraph: number; translations?: boolean }
  /** Splits the sentence that holds offset `at` of the paragraph; the second sentence starts there. */
  | { op: 'split-sentence'; paragraph: number; at: number }
  /** Merges a sentence (0-based position through the document, as sentence-level links number them) with the next one in its paragraph. */
  | { op: 'merge-sentences'; sentence: number };

/**
 * What editSegmentation returns. The server also emits `changed: 'all'`.
 * Undo and redo of a segmentation fix come back as an UndoResult with no
 * deltas: reload the documents and alignments shown.
 */
export interface SegmentationEditResult {
  description: string;
  /**
   * Every document whose segmentation changed (the one edited, and any
   * translation that followed it): replace `removed` paragraphs from `from`
   * on with `paragraphs`; the paragraphs after them move by
   * `paragraphs.length - removed` places and are otherwise unchanged.
   */
  documents: Array<{ doc: DocumentSummary; from: number; removed: number; paragraphs: Paragraph[] }>;
  /** Alignments of these documents, whose links may have moved or changed: read them again with getAlignment. */
  alignments: number[];
  /** What happened to translations, said for people. */
  notes: string[];
  canUndo: boolean;
  canRedo: boolean;
}

export interface NewFactInput {
  label: string;
  description?: string;
  type?: FactType;
  roles?: Record<string, string>;
}

export interface MentionInput {
  /** Attach to this fact, or create `newFact`. */
  factId?: number;
  newFact?: NewFactInput;
  docId: number;
  /** 0-based paragraph index. */
  paragraph: number;
  start?: number;
  end?: number;
}

export interface FactSuggestion {
  docId: number;
  paragraph: number;
  score: number;
  text: string;
  lang: string;
}

export interface FactGrid {
  docs: Array<{ id: number; title: string; lang: string }>;
  rows: Array<{ factId: number; label: string; counts: number[]; articles: number }>;
}

export type ExportFormat = 'tmx' | 'xliff' | 'moses' | 'tsv' | 'jsonl';

export interface ExportOptions {
  format: ExportFormat;
  pair?: [DocRef, DocRef];
  allTranslations?: boolean;
  status?: 'confirmed' | 'all';
  level?: AlignLevel;
}

export interface ExportedFile {
  /** The first (often the only) file; Moses and --all-translations give several. */
  name: string;
  content: string;
  files: Array<{ name: string; content: string }>;
  units: number;
}

export interface WorkbenchApi {
  projectInfo(): Promise<ProjectInfo>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(ref: DocRef): Promise<DocumentDetail>;
  importArticles(files: UploadedFile[], opts: ImportArticlesOptions): Promise<ImportReport>;
  importTranslation(of: DocRef, file: UploadedFile, opts: { lang?: string; provider?: string }): Promise<ImportFileReport>;
  /** Sets a document's language (confidence 1); undoable. */
  setLanguage(ref: DocRef, lang: string): Promise<DocumentSummary>;
  /** For an unsure document: takes the language the translation engine detected (DocumentSummary.mtDetectedLang); undoable. */
  acceptDetectedLanguage(ref: DocRef): Promise<DocumentSummary>;
  /** Renames a document; undoable. */
  setTitle(ref: DocRef, title: string): Promise<DocumentSummary>;
  search(query: string, opts: { lang?: string; limit?: number }): Promise<SearchHit[]>;

  mtStatus(): Promise<MtStatus>;
  setMtKey(key: string): Promise<MtStatus>;
  translate(opts: TranslateOptions): Promise<TranslateSummary>;
  listJobs(): Promise<JobInfo[]>;

  listAlignments(): Promise<AlignmentSummary[]>;
  align(docA: DocRef, docB: DocRef, opts: AlignOptions): Promise<AlignmentView>;
  getAlignment(docA: DocRef, docB: DocRef, level: AlignLevel): Promise<AlignmentView | null>;
  editLinks(alignmentId: number, op: LinkOperation): Promise<LinkEditResult>;
  realign(alignmentId: number): Promise<AlignmentView>;
  undo(): Promise<UndoResult>;
  redo(): Promise<UndoResult>;

  saveParagraphEdit(paragraphId: number, text: string | null, status: ParagraphStatus): Promise<Paragraph>;
  editSegmentation(doc: DocRef, op: SegmentationOperation): Promise<SegmentationEditResult>;

  listFacts(): Promise<Fact[]>;
  createFact(input: NewFactInput): Promise<Fact>;
  updateFact(id: number, patch: Partial<NewFactInput>): Promise<Fact>;
  deleteFact(id: number): Promise<void>;
  mergeFacts(keepId: number, dropId: number): Promise<Fact>;
  splitFact(id: number, mentionIds: number[], label: string): Promise<Fact>;
  addMention(input: MentionInput): Promise<Fact>;
  removeMention(mentionId: number): Promise<void>;
  suggestMentions(factId: number, topK?: number): Promise<FactSuggestion[]>;
  acceptSuggestion(factId: number, docId: number, paragraph: number): Promise<Fact>;
  rejectSuggestion(factId: number, docId: number, paragraph: number): Promise<void>;
  factGrid(minArticles?: number): Promise<FactGrid>;

  exportAlignment(opts: ExportOptions): Promise<ExportedFile>;
}

export type WorkbenchMethod = keyof WorkbenchApi;

/** Pushed to the UI: job progress and "something changed, refresh". */
export type WorkbenchEvent =
  | { type: 'job'; job: JobInfo }
  | { type: 'changed'; what: 'documents' | 'alignment' | 'facts' | 'all' };

export const WORKBENCH_METHODS: readonly WorkbenchMethod[] = [
  'projectInfo', 'listDocuments', 'getDocument', 'importArticles', 'importTranslation', 'setLanguage', 'acceptDetectedLanguage', 'setTitle', 'search',
  'mtStatus', 'setMtKey', 'translate', 'listJobs',
  'listAlignments', 'align', 'getAlignment', 'editLinks', 'realign', 'undo', 'redo',
  'saveParagraphEdit', 'editSegmentation',
  'listFacts', 'createFact', 'updateFact', 'deleteFact', 'mergeFacts', 'splitFact', 'addMention', 'removeMention',
  'suggestMentions', 'acceptSuggestion', 'rejectSuggestion', 'factGrid',
  'exportAlignment',
];
