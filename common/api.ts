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
  /** Web pages: the article only (default) or every block of the page. */
  html?: 'article' | 'full';
  /** Web pages: keep image captions as paragraphs (off by default). */
  captions?: boolean;
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
  /** Comparable alignments: how many candidates to show; remembered for the alignment. */
  control?: Partial<CandidateControl>;
}

/**
 * How many of the engine's candidate links a comparable alignment shows, remembered per
 * alignment: more with a lower minimum or a larger top-k, fewer the other way.
 */
export interface CandidateControl {
  /** Calibrated confidence a link needs, 0–1. */
  minConfidence: number;
  /** A link must be among its paragraph's best this many candidates in the other article. */
  perParagraph: number;
}

/** A story: one collection, or the articles named (translations stand for their originals). */
export interface StoryTarget {
  collection?: string | null;
  docs?: DocRef[];
}

export interface AlignStoryOptions {
  /** Applied to, and remembered for, every pair of the story. */
  control?: Partial<CandidateControl>;
  /** Use the configured embeddings provider (default: when one is configured). */
  semantic?: boolean;
}

export interface AlignStorySummary {
  jobId: number | null;
  stories: Array<{
    collection: string | null;
    docs: number[];
    pairs: Array<{ alignmentId: number; docA: number; docB: number; links: number; confirmed: number }>;
    /** Groups of linked paragraphs across the story's articles: candidate facts. */
    clusters: number;
  }>;
  links: number;
  /** What is missing and how to fix it (translations, empty documents, one article only). */
  notes: string[];
  semantic: { model: string; vectors: number; fetched: number } | null;
  stopped: string | null;
}

/** Character offsets [start, end) (UTF-16) into a paragraph's text. */
export type OffsetSpan = [number, number];

/** Why two paragraphs were linked: one shared name, number, term, or the semantic score. */
export interface EvidenceView {
  kind: 'name' | 'number' | 'term' | 'semantic';
  /** How it reads on both sides: "Tokajev / Tokayev", "7 January", "arrested". */
  label: string;
  /** Its share of the pair's shared evidence, 0–1. */
  weight: number;
  /** Where it occurs in side a's original paragraph, and in the same paragraph of its English translation. */
  a: { original: OffsetSpan[]; translation: OffsetSpan[] };
  b: { original: OffsetSpan[]; translation: OffsetSpan[] };
  /** In a fact suggestion: found in the fact's label or description, not in the mention's paragraph. */
  fromLabel?: boolean;
}

/** A sentence of an original paragraph, and the same sentence in its English translation. */
export interface SentenceView {
  start: number;
  end: number;
  text: string;
  /** In the translation document's paragraph of the same index; null without a translation. */
  translation: { docId: number; start: number; end: number; text: string } | null;
}

export interface LinkExplanation {
  linkId: LinkId;
  a: number[];
  b: number[];
  /** The paragraph of a, and of b, that the evidence and the sentences are in (the link's best-matching pair; its only one for a 1:1 link). */
  paragraphA: number;
  paragraphB: number;
  /** The engine's calibrated confidence for this pair now. */
  confidence: number;
  /** Where b stands among a's candidates in b's article (1 = best), and the other way round. */
  rankAB: number;
  rankBA: number;
  evidence: EvidenceView[];
  /** The sentences that match best, on each side. */
  sentenceA: SentenceView;
  sentenceB: SentenceView;
}

/** The picture of a story before reading: articles as columns of paragraph blocks, links between them. */
export interface StoryMap {
  collection: string | null;
  articles: Array<{
    docId: number;
    title: string;
    lang: string;
    translationDoc: number | null;
    paragraphs: Array<{ index: number; length: number; preview: string; facts: number[]; cluster: number | null }>;
  }>;
  /** Stored links of the story's comparable alignments (rejected ones left out). */
  links: Array<{ alignmentId: number; linkId: LinkId; docA: number; a: number[]; docB: number; b: number[]; status: 'confirmed' | 'suggested'; confidence: number; cluster: number | null }>;
  /** Paragraphs joined by links across articles: candidate facts, each with a colour and a label from its shared evidence. */
  clusters: Array<{ id: number; label: string; colour: string; members: Array<{ docId: number; paragraph: number }> }>;
  facts: Array<{ factId: number; label: string; colour: string; mentions: Array<{ docId: number; paragraph: number; start: number; end: number }> }>;
  notes: string[];
}

export interface SimilarityStatus {
  provider: string;
  /** An endpoint and a model are set. */
  configured: boolean;
  url: string | null;
  model: string | null;
  /** Where the endpoint and model come from. */
  from: 'environment' | 'project' | null;
  hasKey: boolean;
  /** The app can keep a key (its secret storage); elsewhere it comes from TANDEM_EMBEDDINGS_KEY. */
  canStoreKey: boolean;
  cachedVectors: number;
  error: string | null;
}

/** null or '' clears a setting; an absent field leaves it as it is. */
export interface SimilarityConfigInput {
  url?: string | null;
  model?: string | null;
  key?: string | null;
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
  /** The operation's sequence number in the undo log; the 'changed' event it causes carries the same number. */
  seq: number;
}

export interface UndoResult {
  done: boolean;
  description: string | null;
  canUndo: boolean;
  canRedo: boolean;
  /** The link changes undo or redo applied, in order; empty when the operation changed facts, post-edits or segmentation (reload those). */
  deltas: LinkDelta[];
  /** The sequence number of the operation undone or redone (its 'changed' event carries it); null when nothing was done. */
  seq: number | null;
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
  /** 0-based paragraph index. */
  paragraph: number;
  /** The same as confidence (kept for older callers). */
  score: number;
  /** Calibrated: the probability, on development data, that the paragraph reports the fact. */
  confidence: number;
  text: string;
  lang: string;
  /** The sentence of this paragraph that reports the fact best; accepting tags it. */
  sentence: SentenceView;
  /** Shared with the mention it was found from (side a) and this paragraph (side b). */
  evidence: EvidenceView[];
}

export interface FactGrid {
  docs: Array<{ id: number; title: string; lang: string }>;
  rows: Array<{ factId: number; label: string; counts: number[]; articles: number }>;
}

export type ExportFormat = 'tmx' | 'xliff' | 'moses' | 'tsv' | 'jsonl';

export type XliffVersion = '2.1' | '1.2';

export interface ExportOptions {
  format: ExportFormat;
  pair?: [DocRef, DocRef];
  /**
   * Every original with its translations. TMX writes one multilingual file:
   * one <tu> per group of linked segments, carrying the original and every
   * translation of it (N-way); other formats hold one pair per file and need
   * `split`.
   */
  allTranslations?: boolean;
  /** One file per pair instead of one file (with allTranslations). */
  split?: boolean;
  status?: 'confirmed' | 'all';
  level?: AlignLevel;
  /** Which of the pair's alignments, when it has a parallel and a comparable one; without it, the one changed last. */
  mode?: AlignMode;
  /** XLIFF version written; 2.1 by default. 1.2 is what most CAT tools and translate-toolkit read. */
  xliffVersion?: XliffVersion;
}

export interface ExportedFile {
  /** The first (often the only) file; Moses and split exports give several. */
  name: string;
  content: string;
  files: Array<{ name: string; content: string }>;
  units: number;
}

/** What the W3C, JSONL and CSV facts exports are called in the API. */
export type FactsExportFormat = 'w3c' | 'jsonl' | 'csv';

/** An annotator whose work is in the project (merged copies bring others'). */
export interface AnnotatorSummary {
  name: string;
  /** The one this window records its work under. */
  current: boolean;
  facts: number;
  mentions: number;
  confirmedLinks: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** How far two annotators agree, as `tandem agreement` reports it. */
export interface AgreementReport {
  annotators: [string, string];
  /** Cohen's kappa over the fact × article grid (null when it is undefined: no variation). */
  factGrid: { kappa: number | null; cells: number; matchedFacts: number; factsA: number; factsB: number; observed: number; expected: number };
  /** Mention spans: exact match and overlap, B measured against A. */
  mentions: { exact: Prf; overlap: Prf; a: number; b: number };
  /** Confirmed alignment links. */
  links: { f1: Prf; a: number; b: number };
}

/** What merging one project into another added, by kind of row. */
export interface MergeReport {
  documentsAdded: number;
  alignmentsAdded: number;
  linksAdded: number;
  factsAdded: number;
  mentionsAdded: number;
  rejectionsAdded: number;
  mtCacheAdded: number;
}

/** What merging another annotator's copy added, and where the project as it was before is kept. */
export interface MergeCopyReport extends MergeReport {
  /** The annotators whose work the copy holds. */
  annotators: string[];
  /** File name (never a path) of the copy of this project taken before the merge; null for a project without a file. */
  backup: string | null;
}

/** What deleting a document takes with it, for the confirmation. */
export interface DeletionImpact {
  /** The document and its translations. */
  documents: Array<{ id: number; title: string; lang: string; translationOf: number | null }>;
  alignments: number;
  links: number;
  confirmedLinks: number;
  mentions: number;
  /** Facts that lose mentions, and those left with none. */
  facts: number;
  factsEmptied: number;
  postEdits: number;
}

export interface DeleteDocumentResult {
  /** Ids of the documents deleted (the document and its translations). */
  deleted: number[];
  description: string;
  canUndo: boolean;
  canRedo: boolean;
  /** The operation's sequence number in the undo log; its 'changed' event carries it. */
  seq: number;
}

/** A story (collection): a group of articles on one event, aligned pair by pair. */
export interface StorySummary {
  name: string;
  /** Originals in the story (their translations go with them). */
  articles: number;
  languages: string[];
}

export interface StoryEditResult {
  stories: StorySummary[];
  description: string;
  canUndo: boolean;
  canRedo: boolean;
  seq: number | null;
}

export interface WorkbenchApi {
  projectInfo(): Promise<ProjectInfo>;
  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(ref: DocRef): Promise<DocumentDetail>;
  importArticles(files: UploadedFile[], opts: ImportArticlesOptions): Promise<ImportReport>;
  /** `kind` says whether a person or a machine made the translation; without it, a provider that names an MT engine means machine. */
  importTranslation(of: DocRef, file: UploadedFile, opts: { lang?: string; provider?: string; kind?: 'human' | 'mt' }): Promise<ImportFileReport>;
  /** Fetches web pages and imports their articles; progress comes as job events (kind "import-urls"). */
  importUrls(urls: string[], opts: ImportArticlesOptions): Promise<ImportReport>;
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
  /** Stops a running job of this session between two steps (URL imports, story alignment, a long parallel alignment); false when there is no such job. */
  cancelJob(jobId: number): Promise<boolean>;

  listAlignments(): Promise<AlignmentSummary[]>;
  /**
   * A long parallel alignment runs as a job on worker threads (kind "align": progress as 'job' events, cancelJob
   * stops it); the view then carries its jobId, and `stopped` when it was stopped (links unchanged).
   */
  align(docA: DocRef, docB: DocRef, opts: AlignOptions): Promise<AlignmentView>;
  /** The stored alignment in that mode; without a mode, the one of either mode changed last. */
  getAlignment(docA: DocRef, docB: DocRef, level: AlignLevel, mode?: AlignMode): Promise<AlignmentView | null>;
  editLinks(alignmentId: number, op: LinkOperation): Promise<LinkEditResult>;
  realign(alignmentId: number): Promise<AlignmentView>;
  /** Links between every pair of articles of a story, as one job (progress as 'job' events; cancelJob stops it). */
  alignStory(target: StoryTarget, options?: AlignStoryOptions): Promise<AlignStorySummary>;
  /** Why the engine links these paragraphs: shared names, numbers, terms with offsets, best sentences. */
  explainLinks(alignmentId: number, linkIds?: LinkId[]): Promise<LinkExplanation[]>;
  /** Shows more or fewer candidates in a comparable alignment, and remembers it. */
  setCandidateControl(alignmentId: number, control: Partial<CandidateControl>): Promise<AlignmentView>;
  storyMap(target?: StoryTarget): Promise<StoryMap>;
  similarityStatus(check?: boolean): Promise<SimilarityStatus>;
  setSimilarityConfig(input: SimilarityConfigInput): Promise<SimilarityStatus>;
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
  /** Tags the suggested sentence (or the span given) as a mention, not the whole paragraph. */
  acceptSuggestion(factId: number, docId: number, paragraph: number, span?: { start: number; end: number }): Promise<Fact>;
  rejectSuggestion(factId: number, docId: number, paragraph: number): Promise<void>;
  factGrid(minArticles?: number): Promise<FactGrid>;

  exportAlignment(opts: ExportOptions): Promise<ExportedFile>;

  /** What deleting a document (with its translations) would take with it. */
  deletionImpact(ref: DocRef): Promise<DeletionImpact>;
  /** Deletes a document with its translations, their alignments, links and mentions; one undo step brings all of it back. */
  deleteDocument(ref: DocRef): Promise<DeleteDocumentResult>;
  /** Every story, empty ones too. */
  listStories(): Promise<StorySummary[]>;
  /** Each story change is one undo step. */
  createStory(name: string): Promise<StoryEditResult>;
  /** Renames a story; into the name of another story only with `merge`, which joins the two. */
  renameStory(name: string, to: string, opts?: { merge?: boolean }): Promise<StoryEditResult>;
  /** Deletes a story; its articles stay, in no story. */
  deleteStory(name: string): Promise<StoryEditResult>;
  /** Moves originals (translations go with them) into a story, or out of every story with null. */
  moveToStory(docs: DocRef[], story: string | null): Promise<StoryEditResult>;

  /** The facts as W3C Web Annotations (JSON-LD), JSON Lines, or the coverage grid as CSV. */
  exportFacts(format: FactsExportFormat): Promise<ExportedFile>;
  listAnnotators(): Promise<AnnotatorSummary[]>;
  agreement(a: string, b: string): Promise<AgreementReport>;
  /**
   * Merges another annotator's copy of this project (a .tandem file) into this one: what this
   * project lacks is added, both annotators' work kept side by side. A copy of the project as it
   * was is kept beside it first, and the merge is one transaction.
   */
  mergeCopy(file: UploadedFile): Promise<MergeCopyReport>;
}

export type WorkbenchMethod = keyof WorkbenchApi;

/** Pushed to the UI: job progress and "something changed, refresh". */
export type WorkbenchEvent =
  | { type: 'job'; job: JobInfo }
  /**
   * `seq` is the undo log's sequence number of the operation that made the
   * change, when one did: a window that made the change itself knows the
   * number from the call's result and need not reload.
   */
  | {
    type: 'changed';
    what: 'documents' | 'alignment' | 'facts' | 'all';
    seq?: number;
    /** With 'alignment': the alignments whose links changed, when known (absent: any may have). */
    alignments?: number[];
  }
  /** Another project is open now: everything shown belongs to the old one. */
  | { type: 'project'; name: string };

export const WORKBENCH_METHODS: readonly WorkbenchMethod[] = [
  'projectInfo', 'listDocuments', 'getDocument', 'importArticles', 'importTranslation', 'importUrls', 'setLanguage', 'acceptDetectedLanguage', 'setTitle', 'search',
  'mtStatus', 'setMtKey', 'translate', 'listJobs', 'cancelJob',
  'listAlignments', 'align', 'getAlignment', 'editLinks', 'realign', 'undo', 'redo',
  'alignStory', 'explainLinks', 'setCandidateControl', 'storyMap', 'similarityStatus', 'setSimilarityConfig',
  'saveParagraphEdit', 'editSegmentation',
  'listFacts', 'createFact', 'updateFact', 'deleteFact', 'mergeFacts', 'splitFact', 'addMention', 'removeMention',
  'suggestMentions', 'acceptSuggestion', 'rejectSuggestion', 'factGrid',
  'exportAlignment',
  'deletionImpact', 'deleteDocument', 'listStories', 'createStory', 'renameStory', 'deleteStory', 'moveToStory',
  'exportFacts', 'listAnnotators', 'agreement', 'mergeCopy',
];

/** A project the UI can open: in the browser, one of the served folder; in the desktop app, a recent one. */
export interface ProjectEntry {
  /** What the UI passes back to open it: a file name in the served folder, or a recent project's number. */
  id: string;
  /** The file name, without its folder. */
  name: string;
  current: boolean;
  sizeBytes: number | null;
  modifiedAt: string | null;
}

export interface ProjectList {
  /**
   * 'folder': the projects of the folder the served project is in, by name (tandem serve); the
   * browser never sees a path. 'desktop': recent projects; new ones and others come from the system's dialogs.
   */
  kind: 'folder' | 'desktop';
  /** The folder's own name, for the heading; never a path. */
  folder: string | null;
  projects: ProjectEntry[];
}

/**
 * Opening and creating projects, beside WorkbenchApi (which works on the open one). `tandem serve`
 * carries it over HTTP; the desktop app answers with its native dialogs. After a switch the server
 * sends a 'project' event and every window loads again.
 */
export interface ProjectsApi {
  listProjects(): Promise<ProjectList>;
  /** Creates an empty project (`name`.tandem in the folder) and opens it. */
  createProject(name: string): Promise<ProjectEntry>;
  /** Opens a project of the list by its id. */
  openProject(id: string): Promise<ProjectEntry>;
}

export type ProjectsMethod = keyof ProjectsApi;

export const PROJECTS_METHODS: readonly ProjectsMethod[] = ['listProjects', 'createProject', 'openProject'];
