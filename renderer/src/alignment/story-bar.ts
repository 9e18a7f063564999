import type { AlignmentSummary } from '../../../common/api';
import type { AlignmentView } from '../../../common/types';
import { DisposableStore, type Disposable } from '../../../common/disposable';
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
 * its original articles in comparable mode with a progress bar, and step
 * through the pairs ([ and ]).
 */
export class StoryBar implements Disposable {
  readonly el: HTMLElement;
  private readonly pick: HTMLSelectElement;
  private readonly go: HTMLButtonElement;
  private readonly progress: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly pairPick: HTMLSelectElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private story: string | null = null;
  private pairs: StoryPair[] = [];
  private pairIdx = -1;
  private running = false;
  /** The last whole-story run, for tests and the status line. */
  lastRun: StoryRun | null = null;
  private readonly store = new DisposableStore();

  constructor(private readonly host: StoryBarHost) {
    this.pick = h('select', { id: 'align-story', 'aria-label': 'Story', title: 'A story: the original articles that report one event' });
    this.go = h('button', { class: 'primary', title: 'Align every pair of original articles in this story, comparable mode, paragraph level', dataset: { op: 'align-story' } }, 'Align all pairs');
    this.progress = h('div', { class: 'progress story-progress', role: 'progressbar', 'aria-label': 'Aligning the story', 'aria-valuemin': '0', hidden: true });
    this.summary = h('span', { class: 'story-summary', 'aria-live': 'polite' });
    this.pairPick = h('select', { class: 'pair-pick', 'aria-label': 'Pair of articles', title: 'Step through the pairs of the story ([ and ])' });
    this.prev = h('button', { class: 'tb', title: 'Previous pair ([)', 'aria-label': 'Previous pair', dataset: { op: 'pair-prev' } }, '◀');
    this.next = h('button', { class: 'tb', title: 'Next pair (])', 'aria-label': 'Next pair', dataset: { op: 'pair-next' } }, '▶');
    this.el = h('div', { class: 'toolbar story-bar', role: 'group', 'aria-label': 'Story pairs' },
      h('label', { class: 'tl', for: 'align-story' }, 'Story'), this.pick, this.go,
      this.progress,
      h('span', { class: 'pair-step' }, this.prev, this.pairPick, this.next),
      this.summary,
    );
    this.store.add(listen(this.pick, 'change', () => void this.select(this.pick.value || null)));
    this.store.add(listen(this.go, 'click', () => void this.alignAll()));
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
   * Aligns every pair of originals in the story in comparable mode, one
   * request after another, with a progress bar; then sums up and opens the
   * first pair that found links.
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
    this.progress.hidden = false;
    this.progress.setAttribute('aria-valuemax', String(pairs.length));
    clear(this.summary);
    let links = 0;
    let failed = 0;
    const bar = h('div', { class: 'bar', style: 'width:0%' });
    const text = h('span', { class: 'ptext' });
    clear(this.progress, bar, text);
    try {
      for (const [k, p] of pairs.entries()) {
        bar.style.width = `${(100 * k) / pairs.length}%`;
        text.textContent = `Aligning pair ${k + 1} of ${pairs.length}: ${this.pairName(p)}`;
        this.progress.setAttribute('aria-valuenow', String(k));
        this.progress.setAttribute('aria-valuetext', text.textContent);
        try {
          const v = await app.echoes.around(async () => {
            const view = await app.api.align(p.docA, p.docB, { mode: 'comparable', level: 'paragraph' });
            app.echoes.own(view.seq);
            return view;
          });
          p.alignmentId = v.id;
          p.links = v.links.filter((l) => l.status !== 'rejected').length;
          p.error = undefined;
          links += p.links;
        } catch (err) {
          p.error = (err as Error).message;
          failed++;
        }
      }
      bar.style.width = '100%';
      this.progress.setAttribute('aria-valuenow', String(pairs.length));
    } finally {
      this.running = false;
      this.el.classList.remove('running');
      this.progress.hidden = true;
    }
    const run: StoryRun = { story, pairs: pairs.length, links, failed };
    this.lastRun = run;
    const empty = pairs.filter((p) => p.links === 0);
    const missing = [...new Set(pairs.flatMap((p) => [p.docA, p.docB]))].filter((d) => !this.host.hasPivot(d));
    clear(this.summary,
      h('b', { dataset: { storySummary: '1' } }, `${fmtInt(links)} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}`),
      failed ? h('span', { class: 'bad-text' }, ` · ${failed} failed: ${pairs.find((p) => p.error)?.error ?? ''}`) : null,
      empty.length ? h('span', { class: 'muted' }, ` · ${empty.length} with none`) : null,
      missing.length ? h('span', { class: 'warn-text' }, ` · no English translation yet: ${missing.map((d) => app.doc(d)?.lang ?? '#' + d).join(', ')}`) : null,
      missing.length ? h('button', { class: 'link', dataset: { op: 'translate-missing' }, onclick: () => app.prepareTranslate(missing) }, 'translate them') : null,
    );
    this.el.dataset.links = String(links);
    toast(`${story}: ${links} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}.`, failed ? 'error' : 'ok');
    if (!failed) app.ok('alignment');
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

  /** Keeps the stepper on the pair shown, and its count up to date. */
  sync(v: AlignmentView): void {
    const i = this.pairs.findIndex((p) => samePair(p, v));
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
