import type { AlignmentSummary, AlignStorySummary, StoryTarget } from '../../../common/api';
import type { AlignmentView, JobInfo } from '../../../common/types';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import type { App } from '../app';
import { clear, fmtInt, h, toast } from '../ui';
import { listen } from './gutter';

/** One pair of originals of a story, and what its comparable alignment holds. */
export interface StoryPair {
  docA: number;
  docB: number;
  /** Links that are not rejected; null while the pair has no stored paragraph alignment. */
  links: number | null;
  alignmentId?: number;
  error?: string;
}

export interface StoryRun {
  story: string;
  pairs: number;
  links: number;
  failed: number;
  /** The job that aligned the story, and whether it was stopped before it wrote anything. */
  jobId: number | null;
  stopped: boolean;
  /** The job's progress messages as they came, for tests and the status line. */
  messages: string[];
}

/** What the story bar needs from the alignment view it sits in. */
export interface StoryBarHost {
  app: App;
  /** Opens the stored comparable paragraph alignment of a pair, whichever way round it is stored. */
  openPair(docA: number, docB: number): Promise<boolean>;
  /** Puts a pair in the document pickers, ready for Align. */
  preparePair(docA: number, docB: number): void;
  /** Whether a document can be compared through English (it is English, or has an English translation that lines up). */
  hasPivot(docId: number): boolean;
}

/**
 * The story bar of the alignment view: choose a story, align every pair of
 * its original articles in comparable mode (the server's story job, with its
 * progress and a Cancel button), and step through the pairs ([ and ]).
 */
export class StoryBar implements Disposable {
  readonly el: HTMLElement;
  private readonly pick: HTMLSelectElement;
  private readonly go: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly pairPick: HTMLSelectElement;
  private readonly mapBtn: HTMLButtonElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private story: string | null = null;
  private pairs: StoryPair[] = [];
  private pairIdx = -1;
  private running = false;
  /** Listens for the last events of a job that answered before they came. */
  private late: DisposableStore | null = null;
  /** Stops the running job (Cancel); null while nothing runs. */
  private stop: (() => void) | null = null;
  /** The last whole-story run, for tests and the status line. */
  lastRun: StoryRun | null = null;
  private readonly store = new DisposableStore();

  constructor(private readonly host: StoryBarHost) {
    this.pick = h('select', { id: 'align-story', 'aria-label': 'Story', title: 'A story: the original articles that report one event' });
    this.go = h('button', { class: 'primary', title: 'Align every pair of original articles in this story, comparable mode, paragraph level', dataset: { op: 'align-story' } }, 'Align all pairs');
    this.cancel = h('button', { class: 'tb', title: 'Stop aligning the story; nothing is written', dataset: { op: 'cancel-story' }, hidden: true }, 'Cancel');
    this.progress = h('div', { class: 'progress story-progress', role: 'progressbar', 'aria-label': 'Aligning the story', 'aria-valuemin': '0', hidden: true });
    this.summary = h('span', { class: 'story-summary', 'aria-live': 'polite' });
    this.pairPick = h('select', { class: 'pair-pick', 'aria-label': 'Pair of articles', title: 'Step through the pairs of the story ([ and ])' });
    this.prev = h('button', { class: 'tb', title: 'Previous pair ([)', 'aria-label': 'Previous pair', dataset: { op: 'pair-prev' } }, '◀');
    this.next = h('button', { class: 'tb', title: 'Next pair (])', 'aria-label': 'Next pair', dataset: { op: 'pair-next' } }, '▶');
    this.mapBtn = h('button', { class: 'tb', title: 'The story map: every article of the story side by side, with the links between them (Ctrl+6)', dataset: { op: 'story-map' } }, 'Story map');
    this.el = h('div', { class: 'toolbar story-bar', role: 'group', 'aria-label': 'Story pairs' },
      h('label', { class: 'tl', for: 'align-story' }, 'Story'), this.pick, this.go,
      this.progress, this.cancel,
      h('span', { class: 'pair-step' }, this.prev, this.pairPick, this.next),
      this.summary,
      h('span', { class: 'grow' }),
      this.mapBtn,
    );
    this.store.add(listen(this.pick, 'change', () => void this.select(this.pick.value || null)));
    this.store.add(listen(this.go, 'click', () => void this.alignAll()));
    this.store.add(listen(this.cancel, 'click', () => this.stop?.()));
    this.store.add(listen(this.mapBtn, 'click', () => void this.host.app.openStoryMap(this.story)));
    this.store.add(listen(this.pairPick, 'change', () => {
      if (this.pairPick.value !== '') void this.openPair(Number(this.pairPick.value));
    }));
    this.store.add(listen(this.prev, 'click', () => void this.step(-1)));
    this.store.add(listen(this.next, 'click', () => void this.step(1)));
  }

  get pairList(): readonly StoryPair[] {
    return this.pairs;
  }

  /** The original articles of a story, oldest first (the order the server pairs them in). */
  private originalsOf(story: string): number[] {
    return this.host.app.docs.filter((d) => d.translationOf === null && (d.collection ?? '') === story).map((d) => d.id).sort((x, y) => x - y);
  }

  /** The story of two original articles, when both belong to the same one. */
  private storyOf(docA: number, docB: number): string | null {
    const a = this.host.app.doc(docA);
    const b = this.host.app.doc(docB);
    if (!a || !b || a.translationOf !== null || b.translationOf !== null || a.collection === null) return null;
    return a.collection === b.collection ? a.collection : null;
  }

  /** Lists the stories with two originals or more; keeps the chosen one. */
  fill(): void {
    const stories = new Map<string, number>();
    for (const d of this.host.app.docs) {
      if (d.translationOf !== null || d.collection === null) continue;
      stories.set(d.collection, (stories.get(d.collection) ?? 0) + 1);
    }
    const usable = [...stories].filter(([, n]) => n >= 2).sort((x, y) => x[0].localeCompare(y[0]));
    this.el.hidden = !usable.length;
    clear(this.pick, h('option', { value: '' }, '— story —'), usable.map(([name, n]) => h('option', { value: name }, `${name} · ${n} articles · ${(n * (n - 1)) / 2} pair${n === 2 ? '' : 's'}`)));
    if (this.story && usable.some(([name]) => name === this.story)) {
      this.pick.value = this.story;
      const n = this.originalsOf(this.story).length;
      // An article came or went: list the pairs again.
      if ((n * (n - 1)) / 2 !== this.pairs.length && !this.running) void this.select(this.story);
    } else if (usable.length === 1 && !this.story) void this.select(usable[0][0]);
    else if (this.story) void this.select(null);
    this.render();
  }

  /** Chooses a story: lists its pairs with what is stored for each, without computing anything. */
  async select(story: string | null, shown: AlignmentView | null = null): Promise<void> {
    // A summary belongs to the story it was made for.
    if (story !== this.story) clear(this.summary);
    this.story = story;
    this.pick.value = story ?? '';
    if (!story) {
      this.pairs = [];
      this.pairIdx = -1;
      this.render();
      return;
    }
    const ids = this.originalsOf(story);
    const pairs: StoryPair[] = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push({ docA: ids[i], docB: ids[j], links: null });
    const stored = await this.host.app.attempt('Listing alignments', () => this.host.app.api.listAlignments()) ?? [];
    for (const p of pairs) takeStored(p, stored);
    if (this.story !== story) return;
    this.pairs = pairs;
    this.pairIdx = shown ? pairs.findIndex((p) => samePair(p, shown)) : -1;
    this.render();
  }

  private render(): void {
    const has = this.pairs.length > 0;
    this.go.disabled = !this.story || this.running;
    this.pick.disabled = this.running;
    this.pairPick.disabled = !has || this.running;
    this.prev.disabled = !has || this.running;
    this.next.disabled = !has || this.running;
    clear(this.pairPick, has
      ? [h('option', { value: '', disabled: true, hidden: true }, `— ${this.pairs.length} pair${this.pairs.length === 1 ? '' : 's'}: choose one —`), ...this.pairs.map((p, i) => h('option', { value: String(i) },
        `${i + 1}/${this.pairs.length} · ${this.pairName(p)} · ${p.error ? 'failed' : p.links === null ? 'not aligned' : `${fmtInt(p.links)} link${p.links === 1 ? '' : 's'}${p.links === 0 ? ' ⚠' : ''}`}`))]
      : h('option', { value: '' }, this.story ? 'no pairs' : 'choose a story'));
    this.pairPick.value = this.pairIdx >= 0 ? String(this.pairIdx) : '';
    this.el.dataset.pairs = String(this.pairs.length);
    this.el.dataset.pair = String(this.pairIdx);
  }

  private pairName(p: StoryPair): string {
    const short = (id: number) => {
      const d = this.host.app.doc(id);
      if (!d) return `#${id}`;
      const t = d.title.length > 28 ? d.title.slice(0, 27) + '…' : d.title;
      return `${t} [${d.lang}]`;
    };
    return `${short(p.docA)} ↔ ${short(p.docB)}`;
  }

  /**
   * Aligns every pair of originals in the story in comparable mode as one job
   * on the server (alignStory): the bar shows the job's progress as its
   * events come, Cancel stops it (nothing is written then). Then it sums up
   * and opens the first pair that found links.
   */
  async alignAll(story: string | null = this.story): Promise<StoryRun | undefined> {
    const app = this.host.app;
    if (this.running) return undefined;
    if (!story) {
      app.error('Choose a story first.');
      return undefined;
    }
    if (story !== this.story || !this.pairs.length) await this.select(story);
    const pairs = this.pairs;
    if (!pairs.length) {
      app.error(`“${story}” has fewer than two original articles.`);
      return undefined;
    }
    this.running = true;
    this.el.classList.add('running');
    this.render();
    clear(this.summary);
    const bar = h('div', { class: 'bar', style: 'width:0%' });
    const text = h('span', { class: 'ptext' }, `Starting: ${pairs.length} pair${pairs.length === 1 ? '' : 's'}…`);
    clear(this.progress, bar, text);
    this.progress.hidden = false;
    this.progress.setAttribute('aria-valuemax', '100');
    this.progress.setAttribute('aria-valuenow', '0');
    this.progress.setAttribute('aria-valuetext', text.textContent ?? '');
    delete this.progress.dataset.job;
    this.cancel.hidden = false;
    this.cancel.disabled = false;
    const messages: string[] = [];
    let jobId: number | null = null;
    let cancelWanted = false;
    const askCancel = () => {
      if (jobId !== null) void app.attempt('Cancelling', () => app.api.cancelJob(jobId!));
    };
    this.stop = () => {
      if (cancelWanted) return;
      cancelWanted = true;
      this.cancel.disabled = true;
      text.textContent = 'Stopping…';
      askCancel();
    };
    let finished = false;
    const show = (job: JobInfo) => {
      const message = job.message ?? '';
      if (message && messages[messages.length - 1] !== message) messages.push(message);
      if (job.status !== 'running') finished = true;
      // A short job can answer before its events arrive: they are kept (messages), the bar is gone.
      if (!this.running) return;
      const pct = job.total ? Math.round((100 * job.done) / job.total) : 0;
      bar.style.width = `${pct}%`;
      if (!cancelWanted) text.textContent = `Aligning ${pairs.length} pair${pairs.length === 1 ? '' : 's'}: ${pct} % · ${message}`;
      this.progress.setAttribute('aria-valuenow', String(pct));
      this.progress.setAttribute('aria-valuetext', text.textContent ?? '');
      this.progress.dataset.job = String(job.id);
    };
    // Progress comes as the job's events; the first one of this story's job names its id.
    const listening = app.on('job', () => {
      const job = app.lastJob;
      if (!job || job.kind !== 'align-story') return;
      if (jobId === null) {
        const target = job.params.target as StoryTarget | undefined;
        if (!this.running || job.status !== 'running' || (target?.collection ?? null) !== story) return;
        jobId = job.id;
        if (cancelWanted) askCancel();
      }
      if (job.id === jobId) show(job);
    });
    let summary: AlignStorySummary | undefined;
    let failure: string | null = null;
    try {
      summary = await app.echoes.around(() => app.api.alignStory({ collection: story }));
    } catch (err) {
      failure = (err as Error).message;
    } finally {
      // The job's last events may still be on their way: listen for them a little longer.
      if (jobId === null && summary && summary.jobId !== null) jobId = summary.jobId;
      this.late?.dispose();
      this.late = null;
      if (finished || jobId === null) listening.dispose();
      else {
        const late = new DisposableStore();
        late.add(listening);
        const until = setTimeout(() => late.dispose(), 3000);
        late.add(toDisposable(() => clearTimeout(until)));
        late.add(app.on('job', () => {
          if (finished) late.dispose();
        }));
        this.late = late;
      }
      this.stop = null;
      this.running = false;
      this.el.classList.remove('running');
      this.progress.hidden = true;
      this.cancel.hidden = true;
      this.render();
    }
    const stopped = !!summary?.stopped;
    let links = 0;
    if (summary && !stopped) {
      const done = summary.stories.find((s) => s.collection === story)?.pairs ?? [];
      for (const p of pairs) {
        const hit = done.find((d) => samePair(p, d));
        if (!hit) continue;
        p.alignmentId = hit.alignmentId;
        p.links = hit.links;
        p.error = undefined;
      }
      links = summary.links;
    }
    const run: StoryRun = { story, pairs: pairs.length, links, failed: failure ? pairs.length : 0, jobId: summary?.jobId ?? jobId, stopped, messages };
    this.lastRun = run;
    this.el.dataset.job = String(run.jobId ?? '');
    if (failure !== null) {
      clear(this.summary, h('span', { class: 'bad-text', dataset: { storySummary: 'failed' } }, `Aligning the story failed: ${failure}`));
      app.error(`Aligning “${story}”: ${failure}`, { view: 'alignment' });
      this.render();
      return run;
    }
    if (stopped) {
      clear(this.summary, h('b', { dataset: { storySummary: 'stopped' } }, 'Stopped; nothing was written.'), h('span', { class: 'muted' }, ' Press Align all pairs to run it again.'));
      toast(`${story}: stopped; nothing was written.`, 'info');
      this.render();
      return run;
    }
    const empty = pairs.filter((p) => p.links === 0);
    const missing = [...new Set(pairs.flatMap((p) => [p.docA, p.docB]))].filter((d) => !this.host.hasPivot(d));
    const notes = summary?.notes ?? [];
    clear(this.summary,
      h('b', { dataset: { storySummary: '1' } }, `${fmtInt(links)} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}`),
      empty.length ? h('span', { class: 'muted' }, ` · ${empty.length} with none`) : null,
      missing.length ? h('span', { class: 'warn-text' }, ` · no English translation yet: ${missing.map((d) => app.doc(d)?.lang ?? '#' + d).join(', ')}`) : null,
      missing.length ? h('button', { class: 'link', dataset: { op: 'translate-missing' }, onclick: () => app.prepareTranslate(missing) }, 'translate them') : null,
      notes.length ? h('span', { class: 'muted story-notes', tabindex: '0', title: notes.join('\n') }, ` · ${notes.length} note${notes.length === 1 ? '' : 's'}`) : null,
    );
    this.el.dataset.links = String(links);
    toast(`${story}: ${links} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}.`, 'ok');
    app.ok('alignment');
    void app.refreshInfo().catch(() => undefined);
    const first = pairs.findIndex((p) => !!p.links);
    await this.openPair(first >= 0 ? first : 0);
    return run;
  }

  /** Opens the stored alignment of the story's pair `i` (paragraph level). */
  async openPair(i: number): Promise<boolean> {
    const p = this.pairs[i];
    if (!p) return false;
    this.pairIdx = i;
    this.render();
    if (p.links === null && !p.error) {
      this.host.preparePair(p.docA, p.docB);
      toast(`${this.pairName(p)} is not aligned yet: press Align, or Align all pairs.`, 'info');
      return false;
    }
    const ok = await this.host.openPair(p.docA, p.docB);
    this.pairIdx = i;
    this.render();
    return ok;
  }

  /**
   * Keeps the stepper on the pair shown, and its count up to date; a pair of another story (opened
   * from the story map, the facts view or a search) brings its story into the bar.
   */
  sync(v: AlignmentView): void {
    const i = this.pairs.findIndex((p) => samePair(p, v));
    const story = this.storyOf(v.docA, v.docB);
    if (i < 0 && story !== null && story !== this.story && !this.running) {
      void this.select(story, v);
      return;
    }
    if (i >= 0 && v.level === 'paragraph' && v.mode === 'comparable') {
      this.pairs[i].links = v.links.filter((l) => l.status !== 'rejected').length;
      this.pairs[i].alignmentId = v.id;
    }
    this.pairIdx = v.level === 'paragraph' ? i : -1;
    this.render();
  }

  async step(dir: 1 | -1): Promise<void> {
    if (!this.pairs.length || this.running) return;
    const i = this.pairIdx < 0 ? (dir > 0 ? 0 : this.pairs.length - 1) : (this.pairIdx + dir + this.pairs.length) % this.pairs.length;
    await this.openPair(i);
  }

  dispose(): void {
    this.late?.dispose();
    this.store.dispose();
    this.el.remove();
  }
}

function samePair(p: { docA: number; docB: number }, v: { docA: number; docB: number }): boolean {
  return (p.docA === v.docA && p.docB === v.docB) || (p.docA === v.docB && p.docB === v.docA);
}

function takeStored(p: StoryPair, stored: AlignmentSummary[]): void {
  const comparable = (s: AlignmentSummary) => s.level === 'paragraph' && s.mode === 'comparable';
  const hit = stored.find((s) => comparable(s) && s.docA === p.docA && s.docB === p.docB)
    ?? stored.find((s) => comparable(s) && s.docA === p.docB && s.docB === p.docA);
  if (!hit) return;
  p.alignmentId = hit.id;
  // The summary counts every link; rejected ones are few, and a run recounts them exactly.
  p.links = hit.links;
}
