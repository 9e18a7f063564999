import crypto from 'node:crypto';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { MtStatus, TranslateOptions, TranslateSummary } from '../../common/api';
import type { JobInfo } from '../../common/types';
import { DeepLProvider, mtErrorToTandemError, isMtError, runTranslation, toDeepLSource, type MtProvider, type MtStore, type RunItem } from '../mt';
import { getDocumentSummary, getParagraphs, getSetting, listDocuments, setMtDetectedLanguage, setProvenance, setSetting } from '../../db/queries/documents';
import { createJob, getCachedTranslation, getGlossary, getJob, listJobs, markStaleJobs, putCachedTranslation, putGlossary, updateJob } from '../../db/queries/mt';
import { baseLang } from '../text';
import { resolveDoc } from './documents';
import { storeArticle } from './import';
import type { AlignService } from './align';

export interface MtConfig {
  /** Read when needed, so a key entered in the app takes effect at once; never stored in the project. */
  authKey?: () => string | undefined;
  saveAuthKey?: (key: string) => void;
  serverUrl?: string;
  /** For tests and other engines. */
  provider?: MtProvider;
  concurrency?: number;
}

export interface Glossary {
  sourceLang: string;
  entries: Record<string, string>;
}

export interface TranslateRunOptions extends TranslateOptions {
  glossary?: Glossary;
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
}

const LANGUAGE_TTL_MS = 24 * 60 * 60 * 1000;

/** Parses a glossary TSV: one "term<TAB>translation" per line; # starts a comment. */
export function parseGlossaryTsv(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  text.replace(/^\ufeff/, '').split(/\r\n?|\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (cells.length < 2 || !cells[0].trim() || !cells[1].trim()) {
      throw new TandemError('invalid-input', `glossary line ${i + 1}: expected "term<TAB>translation", got ${JSON.stringify(line.slice(0, 60))}`);
    }
    entries[cells[0].trim()] = cells[1].trim();
  });
  if (!Object.keys(entries).length) throw new TandemError('invalid-input', 'the glossary has no entries');
  return entries;
}

export class TranslateService {
  private provider: MtProvider | null = null;
  private providerKey: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: MtConfig,
    private readonly aligner: AlignService,
    private readonly onJob: (job: JobInfo) => void = () => {},
  ) {}

  private getProvider(): MtProvider {
    if (this.config.provider) return this.config.provider;
    const key = this.config.authKey?.();
    if (!key) throw new TandemError('mt-auth', 'No DeepL API key. Set DEEPL_AUTH_KEY (CLI) or enter it in the Project view (app).');
    if (!this.provider || this.providerKey !== key) {
      this.provider = new DeepLProvider({ authKey: key, serverUrl: this.config.serverUrl, appInfo: { appName: 'Tandem', appVersion: '0.1.0' } });
      this.providerKey = key;
    }
    return this.provider;
  }

  async status(): Promise<MtStatus> {
    const configured = Boolean(this.config.provider || this.config.authKey?.());
    const base = { provider: this.config.provider?.name ?? 'deepl', configured, serverUrl: this.config.serverUrl ?? null };
    if (!configured) return { ...base, usage: null, error: null };
    try {
      return { ...base, usage: await this.getProvider().usage(), error: null };
    } catch (err) {
      return { ...base, usage: null, error: isMtError(err) ? mtErrorToTandemError(err).message : (err as Error).message };
    }
  }

  async setKey(key: string): Promise<MtStatus> {
    if (typeof key !== 'string' || !key.trim()) throw new TandemError('invalid-input', 'Enter a DeepL API key.');
    if (!this.config.saveAuthKey) throw new TandemError('unsupported', 'Here the key comes from the DEEPL_AUTH_KEY environment variable.');
    this.config.saveAuthKey(key.trim());
    this.provider = null;
    return this.status();
  }

  jobs(): JobInfo[] {
    markStaleJobs(this.db);
    return listJobs(this.db);
  }

  /** Source languages the API supports, cached in the project for a day. */
  private async sourceLanguageCodes(provider: MtProvider): Promise<string[] | null> {
    const cached = getSetting(this.db, `mt.${provider.name}.sourceLanguages`);
    if (cached) {
      const { at, codes } = JSON.parse(cached) as { at: number; codes: string[] };
      if (Date.now() - at < LANGUAGE_TTL_MS) return codes;
    }
    try {
      const codes = (await provider.sourceLanguages()).map((l) => l.code);
      setSetting(this.db, `mt.${provider.name}.sourceLanguages`, JSON.stringify({ at: Date.now(), codes }));
      return codes;
    } catch {
      return null;
    }
  }

  private async glossaryFor(provider: MtProvider, glossary: Glossary | undefined, target: string): Promise<{ id: string; hash: string; sourceLang: string } | undefined> {
    if (!glossary) return undefined;
    const hash = crypto.createHash('sha256').update(JSON.stringify(Object.entries(glossary.entries).sort())).digest('hex');
    const source = baseLang(glossary.sourceLang);
    const existing = getGlossary(this.db, provider.name, source, target);
    if (existing && existing.contentHash === hash) return { id: existing.remoteId, hash, sourceLang: source };
    if (existing && provider.deleteGlossary) await provider.deleteGlossary(existing.remoteId).catch(() => undefined);
    const id = await provider.ensureGlossary(`tandem-${source}-${target}`, source, target, glossary.entries);
    putGlossary(this.db, provider.name, source, target, hash, id);
    return { id, hash, sourceLang: source };
  }

  async translate(opts: TranslateRunOptions): Promise<TranslateSummary> {
    const target = opts.to ?? 'EN-US';
    const targetBase = baseLang(target);
    markStaleJobs(this.db);
    const originals = (opts.docs?.length ? opts.docs.map((d) => resolveDoc(this.db, d)) : listDocuments(this.db).filter((d) => d.translationOf === null).map((d) => d.id))
      .map((id) => getDocumentSummary(this.db, id)!)
      .filter((d) => {
        if (d.translationOf !== null) throw new TandemError('invalid-input', `Document ${d.id} is a translation; translate its original (${d.translationOf}).`);
        return baseLang(d.lang) !== targetBase;
      });
    const provider = this.getProvider();
    const providerName = provider.name;
    const existingMt = (docId: number) =>
      getDocumentSummary(this.db, docId)!.translations.map((t) => getDocumentSummary(this.db, t)!).find((t) => t.provenance.kind === 'mt' && t.provenance.provider === providerName && (t.provenance.targetLang ?? '').toUpperCase() === target.toUpperCase());
    const todo = originals.filter((d) => !existingMt(d.id));
    const items: RunItem[] = [];
    for (const doc of todo) {
      // An unsure language is not sent: the engine detects it, and what it detected is recorded below.
      const sourceLang = doc.langUnsure ? null : baseLang(doc.lang);
      for (const p of getParagraphs(this.db, doc.id)) items.push({ id: `${doc.id}:${p.index}`, text: p.text, sourceLang });
    }
    const summary: TranslateSummary = {
      jobId: null,
      documents: originals.filter((d) => !todo.includes(d)).map((d) => ({ original: d.id, translation: existingMt(d.id)!.id, paragraphs: d.paragraphs })),
      paragraphs: 0,
      cached: originals.filter((d) => !todo.includes(d)).reduce((n, d) => n + d.paragraphs, 0),
      billedCharacters: 0,
      requests: 0,
      stopped: null,
    };
    if (!items.length) return summary;

    const supported = await this.sourceLanguageCodes(provider);
    for (const item of items) {
      // Languages DeepL does not know are sent without one, and DeepL detects them.
      if (item.sourceLang && !toDeepLSource(item.sourceLang, supported ?? undefined)) item.sourceLang = null;
    }
    const store: MtStore = {
      getCached: (key) => getCachedTranslation(this.db, key),
      putCached: (key, v) => putCachedTranslation(this.db, key, v),
    };
    const glossary = opts.dryRun ? undefined : await this.glossaryFor(provider, opts.glossary, targetBase);
    const jobId = opts.dryRun ? null : createJob(this.db, 'translate', { docs: todo.map((d) => d.id), to: target }, items.length, items.reduce((n, i) => n + i.text.length, 0));
    if (jobId !== null) {
      // The job is known before the first request answers: a UI can show it, and stop it, from the start.
      const job = getJob(this.db, jobId)!;
      this.onJob(job);
      opts.onProgress?.(job);
    }
    let lastWrite = 0;
    const result = await runTranslation(provider, store, items, {
      targetLang: target,
      formality: opts.formality,
      glossaryId: glossary?.id,
      glossaryHash: glossary?.hash,
      glossarySourceLang: glossary?.sourceLang,
      concurrency: this.config.concurrency ?? 2,
      dryRun: opts.dryRun,
      signal: opts.signal,
      onProgress: (p) => {
        if (jobId === null) return;
        const t = Date.now();
        if (t - lastWrite < 100 && p.done < p.total) return;
        lastWrite = t;
        updateJob(this.db, jobId, { done: p.done, chars: p.chars, totalChars: p.totalChars });
        const job = getJob(this.db, jobId)!;
        this.onJob(job);
        opts.onProgress?.(job);
      },
    });
    summary.jobId = jobId;
    summary.paragraphs = result.paragraphs;
    summary.cached += result.cached;
    summary.billedCharacters = result.billedCharacters;
    summary.requests = result.requests;
    if (opts.dryRun) {
      summary.wouldBill = result.billableCharacters;
      summary.cachedCharacters = result.cachedCharacters;
      return summary;
    }
    // Every original whose paragraphs all came back becomes a translation document, linked 1:1.
    const aligner = this.aligner;
    for (const doc of todo) {
      const paragraphs = getParagraphs(this.db, doc.id);
      const out = paragraphs.map((p) => result.translations.get(`${doc.id}:${p.index}`));
      if (out.some((t) => t === undefined)) continue;
      const detected = mostCommon(out.map((t) => t!.detectedSourceLang).filter(Boolean));
      if (doc.langUnsure && detected) setMtDetectedLanguage(this.db, doc.id, baseLang(detected));
      const stored = storeArticle(
        this.db,
        {
          name: doc.source.replace(/(\.[^.]+)?$/, `.${targetBase}$1`),
          title: out[0]!.text.slice(0, 160) || doc.title,
          format: 'text',
          paragraphs: out.map((t) => t!.text.normalize('NFC')),
          lang: targetBase,
          langConfidence: 1,
          warnings: [],
        },
        { collection: doc.collection ?? undefined, translationOf: doc.id, provenance: { kind: 'mt', provider: providerName, targetLang: target } },
      );
      setProvenance(this.db, stored.docId, { kind: 'mt', provider: providerName, targetLang: target, detectedSourceLang: detected ?? undefined, options: opts.formality ? { formality: opts.formality } : undefined });
      aligner.alignTranslation(doc.id, stored.docId);
      summary.documents.push({ original: doc.id, translation: stored.docId, paragraphs: paragraphs.length });
    }
    if (result.stoppedBy) {
      const err = mtErrorToTandemError(result.stoppedBy);
      summary.stopped = err.message;
      updateJob(this.db, jobId!, { status: 'failed', message: `${err.message} — everything translated so far is kept; run translate again to resume` });
    } else if (result.aborted) {
      summary.stopped = 'stopped by the user';
      updateJob(this.db, jobId!, { status: 'interrupted', message: 'stopped; run translate again to resume' });
    } else updateJob(this.db, jobId!, { status: 'done', done: items.length });
    this.onJob(getJob(this.db, jobId!)!);
    return summary;
  }

  async usage() {
    return this.getProvider().usage();
  }
}

function mostCommon(xs: string[]): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  for (const [k, v] of counts) if (best === null || v > counts.get(best)!) best = k;
  return best;
}
