import crypto from 'node:crypto';
import os from 'node:os';
import type { Db } from '../../db/open';
import { TandemError } from '../../common/errors';
import type { MtStatus, TranslateOptions, TranslateSummary } from '../../common/api';
import type { DocumentSummary, JobInfo } from '../../common/types';
import { DeepLProvider, mtErrorToTandemError, isMtError, runTranslation, sleepAbortable, toDeepLSource, type MtProvider, type MtStore, type RunItem } from '../mt';
import { getDocumentSummary, getParagraphs, getSetting, listDocuments, setMtDetectedLanguage, setProvenance, setSetting } from '../../db/queries/documents';
import { createJob, getCachedTranslation, getGlossary, getJob, listJobs, markStaleJobs, putCachedTranslation, putGlossary, updateJob } from '../../db/queries/mt';
import { baseLang } from '../text';
import { resolveDoc } from './documents';
import { storeArticle } from './import';
import { releaseLease, renewLease, tryAcquireLease } from '../../db/queries/leases';
import type { AlignService } from './align';

export interface MtConfig {
  /** Read when needed, so a key entered in the app takes effect at once; never stored in the project. */
  authKey?: () => string | undefined;
  saveAuthKey?: (key: string) => void;
  serverUrl?: string;
  /** For tests and other engines. */
  provider?: MtProvider;
  concurrency?: number;
  /** Longest wait for one answer from DeepL, in ms (default 30 s). */
  requestTimeoutMs?: number;
}

export interface Glossary {
  sourceLang: string;
  entries: Record<string, string>;
}

export interface TranslateRunOptions extends TranslateOptions {
  glossary?: Glossary;
  signal?: AbortSignal;
  onProgress?: (job: JobInfo) => void;
  /** One line for the user: waiting for another run, retrying a request. */
  onNotice?: (message: string) => void;
  /** When another translation of the project is running: wait for it (default), or stop with an error. */
  wait?: boolean;
  /** The job stops when it has run this long, in ms; what was translated is kept. */
  deadlineMs?: number;
}

/** The lease that lets one translation job at a time run on a project. */
export const TRANSLATE_LEASE = 'translate';
/** A holder renews its lease every third of this; a holder killed with -9 frees it after this at the latest. */
export const LEASE_TTL_MS = 60_000;
/** With no answer from the engine for this long, the job stops (each request also has its own timeout). */
export const STALL_MS = 120_000;

type StopReason = { kind: 'deadline' | 'stall' | 'lease-lost'; message: string };

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
  /** Where the running job's notices go (retries of the provider, which is shared between runs). */
  private notice: ((message: string) => void) | null = null;

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
      this.provider = new DeepLProvider({
        authKey: key,
        serverUrl: this.config.serverUrl,
        requestTimeoutMs: this.config.requestTimeoutMs,
        appInfo: { appName: 'Tandem', appVersion: '0.1.0' },
        onRetry: (n) => this.notice?.(`${n.reason}; retrying in ${(n.delayMs / 1000).toFixed(1)} s (attempt ${n.attempt + 1} of ${n.maxAttempts})`),
      });
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

  /**
   * Translates the project's originals. One translation job runs on a
   * project at a time, across every program that has it open: the job holds
   * a lease in the project, renewed while it runs. Another run waits for it
   * (or stops at once with `wait: false`), then finds the work done and bills
   * nothing. A holder killed outright frees the lease at once on this
   * machine (its process is gone) and within a minute anywhere.
   */
  async translate(opts: TranslateRunOptions): Promise<TranslateSummary> {
    if (opts.dryRun) return this.runJob(opts);
    const holder = `${process.pid}.${crypto.randomBytes(6).toString('hex')}`;
    await this.acquireLease(holder, opts);
    const lost = new AbortController();
    let jobId: number | null = null;
    const heartbeat = setInterval(() => {
      try {
        if (!renewLease(this.db, TRANSLATE_LEASE, holder, LEASE_TTL_MS, jobId)) lost.abort();
        else if (jobId !== null) updateJob(this.db, jobId, {});
      } catch {
        // A busy project delays a heartbeat; the lease outlives a few missed ones.
      }
    }, LEASE_TTL_MS / 3);
    heartbeat.unref?.();
    try {
      return await this.runJob(opts, { lost: lost.signal, onJob: (id) => (jobId = id) });
    } finally {
      clearInterval(heartbeat);
      releaseLease(this.db, TRANSLATE_LEASE, holder);
    }
  }

  private async acquireLease(holder: string, opts: TranslateRunOptions): Promise<void> {
    let told = false;
    for (;;) {
      const got = tryAcquireLease(this.db, TRANSLATE_LEASE, holder, LEASE_TTL_MS);
      if (got.acquired) return;
      const by = got.by;
      const where = by.host === os.hostname() ? `process ${by.pid}` : `process ${by.pid} on ${by.host}`;
      const what = `another translation of this project is running (${where}, since ${by.acquired_at.slice(11, 19)} UTC${by.job_id ? `, job ${by.job_id}` : ''})`;
      if (opts.wait === false) throw new TandemError('conflict', `${what}; run translate again when it has finished`);
      if (!told) {
        opts.onNotice?.(`${what}; waiting for it to finish`);
        told = true;
      }
      try {
        await sleepAbortable(1000, opts.signal);
      } catch {
        throw new TandemError('conflict', `stopped while waiting for ${what.replace(/^another/, 'the other')}`);
      }
    }
  }

  private async runJob(opts: TranslateRunOptions, lease?: { lost: AbortSignal; onJob: (id: number) => void }): Promise<TranslateSummary> {
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
      lease?.onJob(jobId);
      // The job is known before the first request answers: a UI can show it, and stop it, from the start.
      const job = getJob(this.db, jobId)!;
      this.onJob(job);
      opts.onProgress?.(job);
    }
    try {
      return await this.runItems(opts, { provider, providerName, target, targetBase, todo, items, store, glossary, jobId, summary }, lease?.lost);
    } catch (err) {
      // Whatever went wrong, the job does not stay "running".
      if (jobId !== null) {
        const message = err instanceof TandemError ? err.message : isMtError(err) ? mtErrorToTandemError(err).message : `unexpected error: ${(err as Error).message}`;
        updateJob(this.db, jobId, { status: 'failed', message: `${message} — everything translated so far is kept; run translate again to resume` });
        this.onJob(getJob(this.db, jobId)!);
      }
      throw err;
    }
  }

  private async runItems(
    opts: TranslateRunOptions,
    run: {
      provider: MtProvider;
      providerName: string;
      target: string;
      targetBase: string;
      todo: DocumentSummary[];
      items: RunItem[];
      store: MtStore;
      glossary: { id: string; hash: string; sourceLang: string } | undefined;
      jobId: number | null;
      summary: TranslateSummary;
    },
    leaseLost?: AbortSignal,
  ): Promise<TranslateSummary> {
    const { provider, providerName, target, targetBase, todo, items, store, glossary, jobId, summary } = run;
    // The run stops on the user's signal, at the deadline, when the engine stays silent, or when the lease is lost.
    const stop = new AbortController();
    let stopped: StopReason | null = null;
    const halt = (reason: StopReason) => {
      if (stop.signal.aborted) return;
      stopped = reason;
      stop.abort();
    };
    const onUser = () => stop.abort();
    opts.signal?.addEventListener('abort', onUser, { once: true });
    if (opts.signal?.aborted) stop.abort();
    leaseLost?.addEventListener('abort', () => halt({ kind: 'lease-lost', message: 'another program took over the translation lease (this run had stopped renewing it)' }), { once: true });
    const started = Date.now();
    let lastAnswer = Date.now();
    let answered = 0;
    const watch = setInterval(() => {
      if (opts.deadlineMs !== undefined && Date.now() - started > opts.deadlineMs) halt({ kind: 'deadline', message: `the job deadline of ${Math.round(opts.deadlineMs / 1000)} s passed` });
      else if (Date.now() - lastAnswer > STALL_MS) halt({ kind: 'stall', message: `the translation engine has not answered for ${Math.round(STALL_MS / 1000)} s` });
    }, Math.min(500, Math.max(50, (opts.deadlineMs ?? 1000) / 4)));
    watch.unref?.();
    this.notice = (message) => {
      if (jobId !== null) {
        updateJob(this.db, jobId, { message: `retrying: ${message}` });
        this.onJob(getJob(this.db, jobId)!);
      }
      opts.onNotice?.(message);
    };
    let lastWrite = 0;
    let result: Awaited<ReturnType<typeof runTranslation>>;
    try {
      result = await runTranslation(provider, store, items, {
        targetLang: target,
        formality: opts.formality,
        glossaryId: glossary?.id,
        glossaryHash: glossary?.hash,
        glossarySourceLang: glossary?.sourceLang,
        concurrency: this.config.concurrency ?? 2,
        dryRun: opts.dryRun,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.requests > answered) {
            answered = p.requests;
            lastAnswer = Date.now();
          }
          if (jobId === null) return;
          const t = Date.now();
          if (t - lastWrite < 100 && p.done < p.total) return;
          lastWrite = t;
          updateJob(this.db, jobId, { done: p.done, chars: p.chars, totalChars: p.totalChars, message: null });
          const job = getJob(this.db, jobId)!;
          this.onJob(job);
          opts.onProgress?.(job);
        },
      });
    } finally {
      clearInterval(watch);
      opts.signal?.removeEventListener('abort', onUser);
      this.notice = null;
    }
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
    // What was stored: every paragraph that came back (or was cached, or empty) before the stop.
    const progress = { done: result.translations.size, chars: result.translatedCharacters };
    const why = stopped as StopReason | null;
    if (result.stoppedBy) {
      const err = mtErrorToTandemError(result.stoppedBy);
      summary.stopped = err.message;
      updateJob(this.db, jobId!, { ...progress, status: 'failed', message: `${err.message} — everything translated so far is kept; run translate again to resume` });
    } else if (why) {
      summary.stopped = `${why.message}; everything translated so far is kept; run translate again to resume`;
      updateJob(this.db, jobId!, { ...progress, status: 'failed', message: summary.stopped });
    } else if (result.aborted) {
      summary.stopped = 'stopped by the user';
      updateJob(this.db, jobId!, { ...progress, status: 'interrupted', message: 'stopped; run translate again to resume' });
    } else updateJob(this.db, jobId!, { status: 'done', done: items.length, chars: result.translatedCharacters, message: null });
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
