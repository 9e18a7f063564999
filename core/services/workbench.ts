import path from 'node:path';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { ImportArticlesOptions, WorkbenchApi, WorkbenchEvent } from '../../common/api';
import type { JobInfo } from '../../common/types';
import { LATEST_VERSION } from '../../db/migrations';
import { getOrCreateAnnotator, listDocuments } from '../../db/queries/documents';
import { findAlignment, listAlignmentRows } from '../../db/queries/alignments';
import { projectCounts } from '../../db/queries/stats';
import { getDocument, resolveDoc } from './documents';
import { acceptDetectedLanguage, setDocumentLanguageUndoable, setDocumentTitle } from './document-labels';
import { importTranslationBytes } from './import';
import { importFilesJob, type ImportJobReport, type ImportSource } from './import-job';
import { importUrls } from './web-import';
import { loadLanguageModel } from '../text';
import { search } from './search';
import { History } from './history';
import { alignmentView, editLinks } from './links';
import { FactService } from './facts';
import { saveParagraphEdit } from './postedit';
import { editSegmentation } from './segmentation';
import { AlignService } from './align';
import { TranslateService, type MtConfig } from './translate';
import { exportJob } from './export-job';
import { SimilarityService, type SimilarityConfig } from './similarity';
import { StoryService } from './story';
import { StoryEditor } from './stories';
import { deleteDocument, deletionImpact } from './document-delete';
import { exportFacts, listAnnotators, mergeCopy } from './collab';
import { agreement } from './agreement';

export interface WorkbenchOptions {
  /** Shown in the UI; never a path. */
  name: string;
  /** The project's file, where there is one: a merge keeps a copy of the project beside it, an export reads it on a thread of its own. Never sent to the UI. */
  file?: string;
  /** The better-sqlite3 addon the app was built with (the Electron one), for connections made on other threads. */
  nativeBinding?: string;
  annotator: string;
  mt?: MtConfig;
  /** The optional embeddings provider (semantic similarity). */
  similarity?: SimilarityConfig;
  emit?: (event: WorkbenchEvent) => void;
  /** When long parallel alignments go to worker threads as a job, and on how many (see AlignServiceOptions). */
  align?: { backgroundFrom?: number; threads?: number };
}

function decodeBase64(data: string): Uint8Array {
  if (typeof data !== 'string') throw new TandemError('invalid-input', 'file data must be base64 text');
  return Buffer.from(data, 'base64');
}

/** The one implementation of WorkbenchApi; Electron IPC and `tandem serve` both carry it. */
/** What the app's own shell may call beyond WorkbenchApi (never the browser). */
export interface WorkbenchInternals {
  history: History;
  /** Imports files the shell read from the disk (the desktop app's File › Import), as the same job as an upload. */
  importSources(sources: ImportSource[], options: ImportArticlesOptions): Promise<ImportJobReport>;
}

export function createWorkbench(db: Db, opts: WorkbenchOptions): WorkbenchApi & WorkbenchInternals {
  const annotatorId = getOrCreateAnnotator(db, opts.annotator);
  const history = new History(db, () => annotatorId);
  const facts = new FactService(db, history, () => annotatorId);
  const similarity = new SimilarityService(db, opts.similarity ?? {});
  const story = new StoryService(db, { history, similarity, onJob: (job) => opts.emit?.({ type: 'job', job }) });
  const aligner = new AlignService(db, history, () => annotatorId, story, { ...opts.align, onJob: (job) => opts.emit?.({ type: 'job', job }) });
  const stories = new StoryEditor(db, history);
  const translator = new TranslateService(db, opts.mt ?? {}, aligner, (job) => opts.emit?.({ type: 'job', job }));
  // Jobs of this session that can be stopped, by job id.
  const cancellable = new Map<number, AbortController>();
  // Long calls under way (imports, translations, story alignments, exports): deleting or merging waits for them.
  const running = new Map<string, number>();
  const long = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    running.set(what, (running.get(what) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const n = (running.get(what) ?? 1) - 1;
      if (n) running.set(what, n);
      else running.delete(what);
    }
  };
  /**
   * A long job that Stop can end (cancelJob): it is known by the id its first progress event
   * carries. Its progress goes to the UI's event stream unless the service sends it itself.
   */
  const stoppable = <T>(what: string, run: (signal: AbortSignal, onProgress: (job: JobInfo) => void) => Promise<T>, announce = true): Promise<T> =>
    long(what, async () => {
      const stop = new AbortController();
      let jobId: number | null = null;
      try {
        return await run(stop.signal, (job) => {
          if (jobId === null) {
            jobId = job.id;
            cancellable.set(job.id, stop);
          }
          if (announce) opts.emit?.({ type: 'job', job });
        });
      } finally {
        if (jobId !== null) cancellable.delete(jobId);
      }
    });
  const refuseWhileRunning = (action: string) => {
    if (running.size) throw new TandemError('conflict', `${[...running.keys()].join(' and ')} is still running on this project; wait for it or stop it, then ${action}.`);
  };
  const changed = (what: 'documents' | 'alignment' | 'facts' | 'all', seq?: number, alignments?: number[]) =>
    opts.emit?.({ type: 'changed', what, ...(seq === undefined ? {} : { seq }), ...(alignments ? { alignments } : {}) });

  const api: WorkbenchApi & WorkbenchInternals = {
    history,
    async projectInfo() {
      const counts = projectCounts(db);
      return { name: path.basename(opts.name), schemaVersion: LATEST_VERSION, annotator: opts.annotator, documents: counts.documents, alignments: counts.alignments, facts: counts.facts, ...history.state() };
    },
    async listDocuments() {
      return listDocuments(db);
    },
    async getDocument(ref) {
      return getDocument(db, ref);
    },
    async importArticles(files, options) {
      if (!Array.isArray(files) || files.length === 0) throw new TandemError('invalid-input', 'Choose at least one file to import.');
      const sources: ImportSource[] = files.map((f) => {
        const bytes = decodeBase64(f?.base64);
        const name = String(f?.name ?? 'file');
        // A file from a chosen folder comes with its path in that folder: the name is its last part, the report shows it whole.
        const base = name.split('/').pop() || name;
        return { name: base, label: base === name ? undefined : name, size: bytes.length, read: () => bytes };
      });
      return api.importSources(sources, options ?? {});
    },
    async importSources(sources, options) {
      return stoppable('An import', async (signal, onProgress) => {
        const report = await importFilesJob(db, sources, { ...options, signal, onProgress });
        changed('documents');
        return report;
      });
    },
    async importTranslation(of, file, options) {
      if (options?.kind !== undefined && options.kind !== 'human' && options.kind !== 'mt') throw new TandemError('invalid-input', 'A translation is made by a person (human) or a machine (mt).');
      await loadLanguageModel();
      const report = importTranslationBytes(db, of, String(file.name), decodeBase64(file.base64), options ?? {});
      if (report.status === 'imported' && report.docId) aligner.alignTranslation(resolveDoc(db, of), report.docId);
      changed('documents');
      return report;
    },
    async importUrls(urls, options) {
      if (!Array.isArray(urls) || !urls.some((u) => typeof u === 'string' && u.trim())) throw new TandemError('invalid-input', 'Enter at least one web address (https://…).');
      const o = options ?? {};
      return stoppable('An import from the web', async (signal, onProgress) => {
        const report = await importUrls(db, urls.map(String).filter((u) => u.trim()), {
          collection: o.collection, lang: o.lang, html: o.html, captions: o.captions, signal, onProgress,
        });
        changed('documents');
        return report;
      });
    },
    async setLanguage(ref, lang) {
      const summary = setDocumentLanguageUndoable(db, history, ref, lang);
      changed('documents');
      return summary;
    },
    async acceptDetectedLanguage(ref) {
      const summary = acceptDetectedLanguage(db, history, ref);
      changed('documents');
      return summary;
    },
    async setTitle(ref, title) {
      const summary = setDocumentTitle(db, history, ref, title);
      changed('documents');
      return summary;
    },
    async search(query, options) {
      return search(db, String(query ?? ''), options ?? {});
    },
    async mtStatus() {
      return translator.status();
    },
    async setMtKey(key) {
      return translator.setKey(key);
    },
    async translate(options) {
      // Stop ends the job between requests: what came back is kept (and cached), and the next run goes on from there.
      return stoppable(
        'A translation',
        async (signal, onProgress) => {
          const result = await translator.translate({ ...(options ?? {}), signal, onProgress });
          changed('documents');
          return result;
        },
        false,
      );
    },
    async cancelJob(jobId) {
      if (story.cancel(Number(jobId)) || aligner.cancel(Number(jobId))) return true;
      const stop = cancellable.get(Number(jobId));
      if (!stop || stop.signal.aborted) return false;
      stop.abort();
      return true;
    },
    async listJobs() {
      return translator.jobs();
    },
    async listAlignments() {
      return listAlignmentRows(db).map((r) => ({ id: r.id, docA: r.doc_a, docB: r.doc_b, level: r.level, mode: r.mode, links: r.links, confirmed: r.confirmed }));
    },
    async align(docA, docB, options) {
      const a = resolveDoc(db, docA);
      const b = resolveDoc(db, docB);
      // Semantic vectors the story lacks are fetched first (nothing happens without a provider).
      if ((options?.mode ?? 'comparable') === 'comparable' && (options?.level ?? 'paragraph') === 'paragraph' && a !== b) await story.prepare(story.contextOf(a, b));
      const view = await aligner.align(a, b, options ?? {});
      const seq = history.lastSeq || undefined;
      changed('alignment', seq, [view.id]);
      return { ...view, seq };
    },
    async alignStory(target, options) {
      return long('A story alignment', async () => {
        const summary = await story.alignStory(target ?? {}, options ?? {});
        if (!summary.stopped) changed('alignment');
        return summary;
      });
    },
    async explainLinks(alignmentId, linkIds) {
      return story.explain(Number(alignmentId), Array.isArray(linkIds) ? linkIds.map(Number) : undefined);
    },
    async setCandidateControl(alignmentId, control) {
      const view = aligner.setControl(Number(alignmentId), control ?? {});
      const seq = history.lastSeq || undefined;
      changed('alignment', seq, [view.id]);
      return { ...view, seq };
    },
    async storyMap(target) {
      return story.storyMap(target ?? {});
    },
    async similarityStatus(check) {
      return similarity.status(Boolean(check));
    },
    async setSimilarityConfig(input) {
      return similarity.configure(input);
    },
    async getAlignment(docA, docB, level, mode) {
      const row = findAlignment(db, resolveDoc(db, docA), resolveDoc(db, docB), level ?? 'paragraph', mode ?? undefined);
      return row ? alignmentView(db, row.id) : null;
    },
    async editLinks(alignmentId, op) {
      const result = editLinks(db, history, annotatorId, alignmentId, op);
      changed('alignment', result.seq, [result.delta.alignmentId]);
      return result;
    },
    async realign(alignmentId) {
      const view = await aligner.realign(alignmentId);
      const seq = history.lastSeq || undefined;
      changed('alignment', seq, [view.id]);
      return { ...view, seq };
    },
    async undo() {
      const { result, linksOnly, alignments } = history.step('undo');
      if (result.done) changed(linksOnly ? 'alignment' : 'all', result.seq ?? undefined, linksOnly ? alignments : undefined);
      return result;
    },
    async redo() {
      const { result, linksOnly, alignments } = history.step('redo');
      if (result.done) changed(linksOnly ? 'alignment' : 'all', result.seq ?? undefined, linksOnly ? alignments : undefined);
      return result;
    },
    async saveParagraphEdit(paragraphId, text, status) {
      return saveParagraphEdit(db, history, paragraphId, text, status);
    },
    async editSegmentation(ref, op) {
      const result = editSegmentation(db, history, ref, op);
      changed('all');
      return result;
    },
    async listFacts() {
      return facts.list();
    },
    async createFact(input) {
      return facts.create(input);
    },
    async updateFact(id, patch) {
      return facts.update(id, patch);
    },
    async deleteFact(id) {
      facts.delete(id);
    },
    async mergeFacts(keepId, dropId) {
      return facts.merge(keepId, dropId);
    },
    async splitFact(id, mentionIds, label) {
      return facts.split(id, mentionIds, label);
    },
    async addMention(input) {
      return facts.addMention(input);
    },
    async removeMention(id) {
      facts.removeMention(id);
    },
    async suggestMentions(factId, topK) {
      await story.prepareLabel(factId);
      return story.suggest(factId, topK ?? 10);
    },
    async acceptSuggestion(factId, docId, paragraph, span) {
      // The suggested sentence becomes the mention, not the whole paragraph.
      const s = span ?? story.suggestedSpan(factId, resolveDoc(db, docId), paragraph) ?? undefined;
      const fact = facts.addMention({ factId, docId: resolveDoc(db, docId), paragraph, start: s?.start, end: s?.end }, 'auto');
      changed('facts');
      return fact;
    },
    async rejectSuggestion(factId, docId, paragraph) {
      facts.rejectSuggestion(factId, docId, paragraph);
    },
    async factGrid(minArticles) {
      return facts.grid(minArticles ?? 0);
    },
    async exportAlignment(options) {
      return stoppable('An export', (signal, onProgress) =>
        exportJob(db, options, { file: opts.file, nativeBinding: opts.nativeBinding, signal, onProgress }),
      );
    },
    async deletionImpact(ref) {
      return deletionImpact(db, ref);
    },
    async deleteDocument(ref) {
      refuseWhileRunning('delete a document');
      const result = deleteDocument(db, history, ref);
      changed('all', result.seq);
      return result;
    },
    async listStories() {
      return stories.list();
    },
    async createStory(name) {
      const result = stories.create(name);
      changed('documents', result.seq ?? undefined);
      return result;
    },
    async renameStory(name, to, options) {
      const result = stories.rename(name, to, options ?? {});
      if (result.seq !== null) changed('documents', result.seq);
      return result;
    },
    async deleteStory(name) {
      const result = stories.remove(name);
      changed('documents', result.seq ?? undefined);
      return result;
    },
    async moveToStory(docs, target) {
      const result = stories.move(docs, target);
      changed('documents', result.seq ?? undefined);
      return result;
    },
    async exportFacts(format) {
      return exportFacts(db, opts.name, format, () => facts.grid(0));
    },
    async listAnnotators() {
      return listAnnotators(db, opts.annotator);
    },
    async agreement(a, b) {
      if (typeof a !== 'string' || typeof b !== 'string' || !a.trim() || !b.trim()) throw new TandemError('invalid-input', 'Choose the two annotators to compare.');
      if (a === b) throw new TandemError('invalid-input', 'Choose two different annotators.');
      return agreement(db, a, b);
    },
    async mergeCopy(file) {
      refuseWhileRunning('merge a copy');
      const report = await mergeCopy(db, opts.file ?? null, file);
      changed('all');
      return report;
    },
  };
  return api;
}
