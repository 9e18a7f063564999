import type { LinkDelta, SegmentationEditResult } from '../../../common/api';
import type { AlignLevel, AlignMode, AlignmentView as AlignmentData, DocumentDetail, Link } from '../../../common/types';
import { tooltip, type CommandId } from '../../../common/commands';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import { App, factColourIndex, type OpenAt, type View } from '../app';
import { clear, confirmDialog, h, toast } from '../ui';
import { AlignmentSession, type OpTiming, type SessionChange, type Side } from '../alignment/session';
import { PaneController } from '../alignment/pane';
import { Gutter } from '../alignment/gutter';
import { StoryBar, type StoryPair, type StoryRun } from '../alignment/story-bar';
import { anchors, computeZones, originalSegments, translationRows } from '../alignment/rows';
import { EvidenceLine, type EvidencePane } from '../alignment/evidence-line';
import { CandidateControls } from '../alignment/candidates';
import { planSegmentation, type SegmentationAction } from '../alignment/segment-edit';
import { segmentAt } from '../alignment/segments';
import { baseLang } from '../../../common/languages';

export type { OpTiming, StoryPair, StoryRun };

/** What a translation pane needs, fetched beside the pair. */
interface TrFetch {
  side: Side;
  doc: DocumentDetail;
  align: AlignmentData | null;
}

const TR_KEY = 'tandem.showTranslations';
const OPEN_KEY = 'tandem.alignment';

/** The language comparable mode compares articles through (the server's pivot). */
const PIVOT = 'en';

function readShowTranslations(): boolean {
  try {
    return localStorage.getItem(TR_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The alignment view: the toolbar, the story bar, two aligned panes (and the
 * English translation beside each original on request) with the link gutter
 * between them. State lives in an AlignmentSession (DOM-free); each pane is a
 * PaneController and the gutter a Gutter, each owning its listeners. An
 * operation only touches decorations, the zones that changed and the visible
 * part of the gutter, so it stays fast on long documents.
 *
 * Beside the links: the evidence of the current comparable link (EvidenceLine,
 * highlights in every pane), the control of how many candidates a comparable
 * alignment shows (CandidateControls), and fixes of segmentation at the caret
 * (split and merge sentences and paragraphs; the pair is opened again after).
 *
 * Extension points: a command is a row in common/commands.ts plus a handler
 * in registerCommands(); a new kind of decoration goes into PaneController;
 * a new link operation into AlignmentSession.
 */
export class AlignmentPanel implements View, Disposable {
  readonly id = 'alignment' as const;
  readonly title = 'Alignment';
  readonly el: HTMLElement;
  readonly session: AlignmentSession;
  private readonly store = new DisposableStore();
  private built = false;
  private a!: PaneController;
  private b!: PaneController;
  /** The English translations of a and b, shown beside them when asked for (T). */
  private ta!: PaneController;
  private tb!: PaneController;
  private gutter!: Gutter;
  private story!: StoryBar;
  private showTr = readShowTranslations();
  private trToggle!: HTMLButtonElement;
  /** Characters of the largest pane loaded, which picks the font every pane shares. */
  private chars = 0;
  /** The pane whose editor was focused last, translations included (for F). */
  private lastPane: PaneController | null = null;
  private syncing = false;
  private info!: HTMLElement;
  private pickA!: HTMLSelectElement;
  private pickB!: HTMLSelectElement;
  private pickLevel!: HTMLSelectElement;
  private pickMode!: HTMLSelectElement;
  private modeBadge!: HTMLElement;
  private otherMode!: HTMLButtonElement;
  private placeholder!: HTMLElement;
  private notice!: HTMLElement;
  /** What the last fix of segmentation did, with its notes (until the next one, or closed). */
  private segNotice!: HTMLElement;
  private evidence!: EvidenceLine;
  private candidates!: CandidateControls;
  /** An open() on its way: the documents' counts are not compared with the panes meanwhile. */
  private openInFlight = 0;
  /** Bumped by each open: an older open that answers late is dropped. */
  private opening = 0;
  private relayoutTimer = 0;
  /** Shows the busy cursor once an operation has lasted a while (see setBusy). */
  private slowTimer = 0;
  /** Height of a pane's header (fixed by the style): read once, since reading it after a change forces a layout on each draw. */
  private headHeight = 0;
  /** Time the last open took, for tests and the benchmark. */
  loaded = 0;
  loadTimes: Record<string, number> = {};

  constructor(private readonly app: App) {
    this.el = h('section', { class: 'view view-alignment' });
    this.session = this.store.add(new AlignmentSession({
      api: app.api,
      echoes: app.echoes,
      serial: (fn) => app.serial(fn),
      history: (state) => app.setHistoryState(state),
      refreshInfo: () => void app.refreshInfo().catch(() => undefined),
      error: (m) => app.error(m, { view: 'alignment' }),
      note: (m) => toast(m, 'info'),
      now: () => performance.now(),
    }));
    this.store.add(this.session.onDidChange((c) => this.render(c)));
    this.store.add(app.on('docs', () => {
      this.fillPickers();
      if (this.built) this.story.fill();
      this.checkSegmentation();
    }));
    this.store.add(app.on('facts', () => this.renderMentions()));
    this.store.add(this.registerCommands());
  }

  // ---------------------------------------------------------------- building

  private build(): void {
    if (this.built) return;
    this.built = true;
    const store = this.store;
    this.pickA = h('select', { class: 'doc-pick', id: 'align-doc-a', title: 'First document (left pane)', 'aria-label': 'Document A (left pane)', onchange: () => this.suggestPartner() });
    this.pickB = h('select', { class: 'doc-pick', id: 'align-doc-b', title: 'Second document (right pane)', 'aria-label': 'Document B (right pane)' });
    this.pickLevel = h('select', { title: 'Level', 'aria-label': 'Level' }, h('option', { value: 'paragraph' }, 'Paragraphs'), h('option', { value: 'sentence' }, 'Sentences'));
    this.pickMode = h('select', { title: 'Mode: parallel for a text and its translation, comparable for two articles on the same story', 'aria-label': 'Mode' },
      h('option', { value: '' }, 'Mode: auto'), h('option', { value: 'parallel' }, 'Parallel'), h('option', { value: 'comparable' }, 'Comparable'));
    const cmd = (label: string, id: CommandId, fn: () => unknown, cls = '', op = label) =>
      h('button', { class: `tb ${cls}`, title: tooltip(id), onclick: () => void fn(), dataset: { op } }, label);
    this.modeBadge = h('span', { class: 'badge' });
    this.otherMode = h('button', { class: 'link other-mode', hidden: true, dataset: { op: 'other-mode' } });
    this.trToggle = h('button', {
      class: 'toggle', dataset: { op: 'translations' }, 'aria-pressed': String(this.showTr), 'aria-keyshortcuts': 'T',
      title: tooltip('align.translations'), onclick: () => void this.setShowTranslations(!this.showTr),
    }, 'Translations');
    this.candidates = store.add(new CandidateControls(this.session, (m) => toast(m, 'info')));
    const bar1 = h('div', { class: 'toolbar' },
      h('label', { class: 'tl', for: 'align-doc-a' }, 'A'), this.pickA,
      h('button', { class: 'icon', title: 'Swap documents', 'aria-label': 'Swap documents', onclick: () => this.swap() }, '⇄'),
      h('label', { class: 'tl', for: 'align-doc-b' }, 'B'), this.pickB,
      this.pickLevel, this.pickMode,
      h('button', { class: 'primary', title: 'Open the saved alignment of these two documents', onclick: () => void this.openSelected(false), dataset: { op: 'open' } }, 'Open'),
      h('button', { title: 'Compute (or recompute) the suggested links; confirmed links are kept', onclick: () => void this.openSelected(true), dataset: { op: 'align' } }, 'Align'),
      this.trToggle,
      this.modeBadge,
      this.otherMode,
      h('span', { class: 'grow' }),
      h('button', { class: 'tb', title: tooltip('file.export'), onclick: () => this.app.exportDialog() }, 'Export…'),
    );
    const s = this.session;
    const bar2 = h('div', { class: 'toolbar ops' },
      cmd('Confirm', 'align.confirm', () => s.confirm(), 'ok'),
      cmd('Reject', 'align.reject', () => s.reject(), 'bad'),
      h('span', { class: 'sep' }),
      cmd('Merge', 'align.merge', () => s.merge()),
      cmd('Split', 'align.split', () => s.split()),
      cmd('Boundary ↑', 'align.boundaryUp', () => s.moveBoundary('up'), '', 'boundary-up'),
      cmd('Boundary ↓', 'align.boundaryDown', () => s.moveBoundary('down'), '', 'boundary-down'),
      h('span', { class: 'sep' }),
      cmd('Link', 'align.link', () => s.linkSelected()),
      cmd('Unlink', 'align.unlink', () => s.unlink()),
      h('span', { class: 'sep' }),
      cmd('◀ Prev', 'align.prevUnconfirmed', () => this.jumpUnconfirmed(-1)),
      cmd('Next ▶', 'align.nextUnconfirmed', () => this.jumpUnconfirmed(1)),
      cmd('Next n:m', 'align.nextIrregular', () => this.jumpIrregular(1)),
      h('span', { class: 'sep' }),
      cmd('Re-align', 'align.realign', () => s.realign()),
      h('span', { class: 'sep' }),
      h('span', { class: 'seg-group', role: 'group', 'aria-label': 'Fix the segmentation at the caret' },
        h('span', { class: 'tl', title: 'Click in the text where the change should be, then split or merge; links follow, Ctrl+Z undoes' }, 'Segments'),
        cmd('Split sentence', 'align.splitSentence', () => this.fixSegmentation('split-sentence'), '', 'split-sentence'),
        cmd('Merge sentence', 'align.mergeSentences', () => this.fixSegmentation('merge-sentences'), '', 'merge-sentences'),
        cmd('Split ¶', 'align.splitParagraph', () => this.fixSegmentation('split-paragraph'), '', 'split-paragraph'),
        cmd('Join ¶', 'align.mergeParagraphs', () => this.fixSegmentation('merge-paragraphs'), '', 'merge-paragraphs'),
      ),
    );

    this.story = store.add(new StoryBar({
      app: this.app,
      openPair: (docA, docB) => this.openStoryPair(docA, docB),
      preparePair: (docA, docB) => {
        this.pickA.value = String(docA);
        this.pickB.value = String(docB);
        this.pickMode.value = 'comparable';
      },
      hasPivot: (d) => this.hasPivot(d),
    }));
    this.notice = h('div', { class: 'align-notice', role: 'status', hidden: true });
    this.segNotice = h('div', { class: 'seg-notice', role: 'status', hidden: true });
    this.info = h('div', { class: 'link-info' });
    this.evidence = store.add(new EvidenceLine({ api: this.app.api, session: this.session, panes: () => this.evidencePanes() }));
    const events = {
      focus: (p: PaneController) => {
        this.lastPane = p;
        this.session.setFocusSide(p.side);
      },
      click: (p: PaneController, seg: number, how: { extend: boolean; toggle: boolean }) => {
        if (!p.translation) {
          this.session.select(p.side, seg, seg, how);
          return;
        }
        // A click in a translation picks the original's segments of that paragraph: links join originals.
        const segs = p.tr ? originalSegments(p.tr, seg) : null;
        if (segs) this.session.select(p.side, segs.first, segs.last, how);
      },
      scroll: (from: PaneController, top: number) => {
        if (!this.syncing) {
          // Aligned rows sit at the same height in every pane (view zones), so one scrollTop serves all.
          this.syncing = true;
          for (const to of this.panes()) if (to !== from && to.loaded) to.scrollTop = top;
          this.syncing = false;
        }
        this.gutter.schedule(() => this.drawOverlayNow());
      },
      layout: () => {
        clearTimeout(this.relayoutTimer);
        this.relayoutTimer = window.setTimeout(() => this.remeasure(), 120);
      },
    };
    store.add(toDisposable(() => {
      clearTimeout(this.relayoutTimer);
      clearTimeout(this.slowTimer);
    }));
    this.a = store.add(new PaneController('a', 'a', events));
    this.b = store.add(new PaneController('b', 'b', events));
    this.ta = store.add(new PaneController('a', 'ta', events));
    this.tb = store.add(new PaneController('b', 'tb', events));
    this.gutter = store.add(new Gutter({
      pick: (i) => this.session.setCursor(i, false),
      hover: (i) => this.evidence.hover(i === null ? null : this.session.links[i] ?? null),
      wheel: (dy) => {
        this.a.scrollTop = this.a.scrollTop + dy;
      },
      resized: () => this.gutter.schedule(() => this.drawOverlayNow()),
    }));
    this.placeholder = h('div', { class: 'placeholder' }, 'Choose two documents above and press Open (or Align to compute links).');
    // A-original | A-translation ‖ links ‖ B-translation | B-original: the links join the two inner panes.
    const panes = h('div', { class: 'align-panes' }, this.a.wrap, this.ta.wrap, this.gutter.el, this.tb.wrap, this.b.wrap, this.placeholder);
    this.el.append(bar1, bar2, this.story.el, h('div', { class: 'info-row' }, this.info, this.candidates.el), this.evidence.el, this.notice, this.segNotice, panes);
    store.add(toDisposable(() => clear(this.el)));
    this.fillPickers();
    this.story.fill();
    this.setFocusClasses();
  }

  /** The command table's alignment commands, carried out here. */
  private registerCommands(): Disposable {
    const c = this.app.commands;
    const s = this.session;
    const open = () => this.built && !!s.view;
    const d = new DisposableStore();
    const on = (id: CommandId, fn: () => unknown) => d.add(c.register(id, () => {
      if (!open()) return false;
      void fn();
      return true;
    }));
    on('align.confirm', () => s.confirm());
    on('align.reject', () => s.reject());
    on('align.merge', () => s.merge());
    on('align.split', () => s.split());
    on('align.boundaryDown', () => s.moveBoundary('down'));
    on('align.boundaryUp', () => s.moveBoundary('up'));
    on('align.switchSide', () => s.toggleFocusSide());
    on('align.link', () => s.linkSelected());
    on('align.unlink', () => s.unlink());
    on('align.clearSelection', () => s.clearSelection());
    on('align.nextUnconfirmed', () => this.jumpUnconfirmed(1));
    on('align.prevUnconfirmed', () => this.jumpUnconfirmed(-1));
    on('align.nextIrregular', () => this.jumpIrregular(1));
    on('align.prevIrregular', () => this.jumpIrregular(-1));
    on('align.nextLink', () => s.step(1));
    on('align.prevLink', () => s.step(-1));
    on('align.realign', () => s.realign());
    on('align.prevPair', () => this.stepPair(-1));
    on('align.nextPair', () => this.stepPair(1));
    d.add(c.register('align.moreCandidates', () => (open() ? this.candidates.step(-1) : false)));
    d.add(c.register('align.fewerCandidates', () => (open() ? this.candidates.step(1) : false)));
    on('align.splitSentence', () => this.fixSegmentation('split-sentence'));
    on('align.mergeSentences', () => this.fixSegmentation('merge-sentences'));
    on('align.splitParagraph', () => this.fixSegmentation('split-paragraph'));
    on('align.mergeParagraphs', () => this.fixSegmentation('merge-paragraphs'));
    // T works before any pair is open: the choice is kept for the next one.
    d.add(c.register('align.translations', () => void this.setShowTranslations(!this.showTr)));
    return d;
  }

  private jumpUnconfirmed(dir: 1 | -1): void {
    this.session.jump(dir, (l) => l.status === 'suggested', 'unconfirmed link');
  }

  private jumpIrregular(dir: 1 | -1): void {
    this.session.jump(dir, (l) => l.a.length !== 1 || l.b.length !== 1, 'link that is not 1:1');
  }

  /** The aligned panes and the translation panes, shown or not. */
  private panes(): PaneController[] {
    return [this.a, this.b, this.ta, this.tb];
  }

  private pane(side: Side): PaneController {
    return side === 'a' ? this.a : this.b;
  }

  /** The translation shown beside an aligned pane, if any. */
  private beside(p: PaneController): PaneController | null {
    const t = p === this.a ? this.ta : p === this.b ? this.tb : null;
    return t && t.loaded && t.tr ? t : null;
  }

  private setFocusClasses(): void {
    const side = this.session.focusSide;
    this.a.wrap.classList.toggle('focused', side === 'a');
    this.b.wrap.classList.toggle('focused', side === 'b');
  }

  // ---------------------------------------------------------------- pickers

  private fillPickers(): void {
    if (!this.built) return;
    const keepA = this.pickA.value;
    const keepB = this.pickB.value;
    const options = () => {
      const groups = new Map<string, HTMLOptGroupElement>();
      for (const d of this.app.docs) {
        const g = d.collection ?? '(no story)';
        if (!groups.has(g)) groups.set(g, h('optgroup', { label: g }));
        groups.get(g)!.append(h('option', { value: String(d.id) }, `${d.translationOf !== null ? '   ↳ ' : ''}${this.app.docLabel(d.id)} · ${d.paragraphs} ¶`));
      }
      return [h('option', { value: '' }, '— document —'), ...groups.values()];
    };
    clear(this.pickA, options());
    clear(this.pickB, options());
    this.pickA.value = keepA;
    this.pickB.value = keepB;
  }

  private suggestPartner(): void {
    const d = this.app.doc(Number(this.pickA.value));
    if (!d) return;
    if (d.translations.length) this.pickB.value = String(d.translations[0]);
    else if (d.translationOf !== null) this.pickB.value = String(d.translationOf);
  }

  private swap(): void {
    const x = this.pickA.value;
    this.pickA.value = this.pickB.value;
    this.pickB.value = x;
  }

  pair(): [number, number] | undefined {
    const v = this.session.view;
    return v ? [v.docA, v.docB] : undefined;
  }

  /** What the export dialog starts from: the pair on screen, at its level, in its mode. */
  exportDefaults(): { pair?: [number, number]; level?: AlignLevel; mode?: AlignMode } {
    const v = this.session.view;
    return v ? { pair: [v.docA, v.docB], level: v.level, mode: v.mode } : {};
  }

  /** Whether two documents are a text and its translation, or two translations of one text. */
  private translationsOfEachOther(x: number, y: number): boolean {
    const a = this.app.doc(x);
    const b = this.app.doc(y);
    if (!a || !b) return true;
    return a.translationOf === b.id || b.translationOf === a.id || (a.translationOf !== null && a.translationOf === b.translationOf);
  }

  private async openSelected(compute: boolean): Promise<void> {
    const docA = Number(this.pickA.value);
    const docB = Number(this.pickB.value);
    if (!docA || !docB) {
      this.app.error('Choose two documents first.', { view: 'alignment' });
      return;
    }
    const level = this.pickLevel.value as AlignLevel;
    const mode = (this.pickMode.value || undefined) as AlignMode | undefined;
    if (compute && mode === 'parallel' && !this.translationsOfEachOther(docA, docB)) {
      const ok = await confirmDialog({
        title: 'Align in parallel mode?',
        message: `“${this.app.doc(docA)?.title}” and “${this.app.doc(docB)?.title}” are not translations of each other. Parallel mode pairs their ${level}s one after another, as if one were a translation of the other; comparable mode links only what the two report alike. A comparable alignment of these documents is kept either way, and you can open it again with Mode: comparable.`,
        confirmLabel: 'Align in parallel',
      });
      if (!ok) return;
    }
    const ok = await this.open({ docA, docB, level, mode }, compute);
    // Keys go to the view now: Enter confirms a link rather than pressing the button again.
    if (ok && (document.activeElement === document.body || this.el.contains(document.activeElement))) this.el.focus({ preventScroll: true });
  }

  /** Loads a pair; with `compute`, runs the aligner first. Resolves false when nothing was opened. */
  async open(at: OpenAt, compute = false): Promise<boolean> {
    this.openInFlight++;
    try {
      return await this.openNow(at, compute);
    } finally {
      this.openInFlight--;
    }
  }

  private async openNow(at: OpenAt, compute: boolean): Promise<boolean> {
    this.build();
    const ticket = ++this.opening;
    const level = at.level ?? 'paragraph';
    let docB = at.docB;
    if (docB === undefined) {
      const found = await this.app.attempt('Finding an alignment', () => this.app.api.listAlignments());
      if (ticket !== this.opening) return false;
      const hit = found?.find((s) => s.level === level && (s.docA === at.docA || s.docB === at.docA));
      if (!hit) {
        const d = this.app.doc(at.docA);
        const partner = d?.translations[0] ?? d?.translationOf ?? undefined;
        if (partner === undefined || partner === null) {
          this.app.error(`${this.app.docLabel(at.docA)} is not aligned with anything yet.`, { view: 'alignment' });
          return false;
        }
        docB = partner;
      } else if (hit.docB === at.docA) {
        // The document is on side b of that alignment: open it in its place.
        const ok = await this.open({ docA: hit.docA, docB: at.docA, level, mode: hit.mode }, false);
        if (ok && at.paragraph !== undefined && ticket + 1 === this.opening) this.revealParagraph('b', at.paragraph);
        return ok;
      } else {
        docB = hit.docB;
        at = { ...at, mode: at.mode ?? hit.mode };
      }
    }
    const t0 = performance.now();
    // T may be pressed while the pair loads: the panes are then put right once it is open.
    const trShown = this.showTr;
    const result = await this.app.attempt(compute ? 'Aligning' : 'Opening the alignment', async () => {
      const [view, da, db, trs] = await Promise.all([
        compute
          ? this.app.echoes.around(async () => {
            const v = await this.app.api.align(at.docA, docB!, { level, mode: at.mode });
            this.app.echoes.own(v.seq);
            return v;
          })
          : this.app.api.getAlignment(at.docA, docB!, level, at.mode),
        this.app.api.getDocument(at.docA),
        this.app.api.getDocument(docB!),
        this.fetchTranslations(at.docA, docB!),
      ]);
      return { view, da, db, trs };
    });
    if (!result || ticket !== this.opening) return false;
    const tFetched = performance.now();
    this.pickA.value = String(at.docA);
    this.pickB.value = String(docB);
    if (!result.view) {
      this.pickLevel.value = level;
      this.app.error(await this.nothingStored(at.docA, docB, level, at.mode), { view: 'alignment' });
      return false;
    }
    this.pickLevel.value = level;
    // Every pane shares one font, so that their rows line up and look alike.
    const chars = Math.max(result.da.characters, result.db.characters, ...result.trs.map((t) => t.doc.characters));
    this.chars = chars;
    // The translation panes take their place first, so that each editor wraps at its final width.
    this.placeTranslations(result.trs);
    this.a.load(result.da, level, chars, this.loadTimes);
    this.b.load(result.db, level, chars, this.loadTimes);
    for (const t of result.trs) this.loadTranslation(t, chars);
    const tPanes = performance.now();
    this.placeholder.style.display = 'none';
    if (this.segNotice.dataset.alignment !== String(result.view.id)) this.hideSegNotice();
    // The documents were read again: what was explained of the links before may no longer hold.
    this.evidence.reset();
    this.session.load(result.view, { a: this.a.seg.paragraphOf, b: this.b.seg.paragraphOf });
    this.renderMentions();
    if (at.paragraph !== undefined) this.revealParagraph('a', at.paragraph);
    if (at.linkId !== undefined) {
      const i = this.session.links.findIndex((l) => l.id === at.linkId);
      if (i >= 0) this.session.setCursor(i);
      else toast('That link is no longer there; the pair is open at its first suggestion.', 'info');
    }
    this.app.ok('alignment');
    try {
      localStorage.setItem(OPEN_KEY, JSON.stringify({ docA: at.docA, docB, level, mode: result.view.mode }));
    } catch {
      /* storage may be disabled; reopening is a convenience */
    }
    const tEnd = performance.now();
    this.loaded = tEnd - t0;
    this.loadTimes = { ...this.loadTimes, fetch: tFetched - t0, panes: tPanes - tFetched, links: tEnd - tPanes };
    this.el.dataset.ready = String(result.view.id);
    // A new alignment changes the project's counts; the server's own event for it is this window's echo.
    if (compute) void this.app.refreshInfo().catch(() => undefined);
    this.story.sync(result.view);
    void this.showOtherMode(result.view);
    if (this.showTr !== trShown) void this.setShowTranslations(this.showTr);
    return true;
  }

  /** Why Open found nothing, and what to do: press Align, or open the alignment kept in the other mode. */
  private async nothingStored(docA: number, docB: number, level: AlignLevel, mode: AlignMode | undefined): Promise<string> {
    const names = `${this.app.docLabel(docA)} and ${this.app.docLabel(docB)}`;
    if (mode) {
      const all = await this.app.api.listAlignments().catch(() => []);
      const other = all.find((s) => s.level === level && s.mode !== mode && ((s.docA === docA && s.docB === docB) || (s.docA === docB && s.docB === docA)));
      if (other) return `${names} have no ${mode} ${level} alignment yet, only a ${other.mode} one (Mode: ${other.mode} opens it). Press Align to compute a ${mode} one; the ${other.mode} one is kept.`;
    }
    return `${names} have no ${level} alignment yet: press Align.`;
  }

  /** Offers the pair's alignment in the other mode, when there is one. */
  private async showOtherMode(v: AlignmentData): Promise<void> {
    const all = await this.app.api.listAlignments().catch(() => null);
    if (!all || this.session.view?.id !== v.id) return;
    const other = all.find((s) => s.level === v.level && s.mode !== v.mode && s.docA === v.docA && s.docB === v.docB);
    this.otherMode.hidden = !other;
    if (!other) return;
    this.otherMode.textContent = `open the ${other.mode} alignment too (${other.links} links)`;
    this.otherMode.title = `These documents also have a ${other.mode} alignment; both are kept.`;
    this.otherMode.onclick = () => void this.open({ docA: v.docA, docB: v.docB, level: v.level, mode: other.mode });
  }

  private async openStoryPair(docA: number, docB: number): Promise<boolean> {
    const stored = await this.app.attempt('Finding the alignment', () => this.app.api.getAlignment(docA, docB, 'paragraph', 'comparable'));
    return stored
      ? this.open({ docA, docB, level: 'paragraph', mode: 'comparable' })
      : this.open({ docA: docB, docB: docA, level: 'paragraph', mode: 'comparable' });
  }

  private remeasure(): void {
    // A hidden view has no width: its heights would be wrong, and it is measured again when shown.
    if (!this.session.view || !this.a.loaded || !this.b.loaded || this.el.hidden || !this.el.clientWidth) return;
    this.headHeight = 0;
    for (const p of this.panes()) if (p.loaded) p.measure();
    this.updateZones();
    this.drawOverlayNow();
  }

  // ---------------------------------------------------------------- translations beside the originals

  /** The English translation to show beside a document: it must be an original, and the other side must not already be that translation. */
  translationFor(docId: number, other: number): number | null {
    const d = this.app.doc(docId);
    if (!d || d.translationOf !== null || baseLang(d.lang) === PIVOT) return null;
    const candidates = d.translations.map((t) => this.app.doc(t)).filter((t): t is NonNullable<typeof t> => !!t && baseLang(t.lang) === PIVOT);
    if (candidates.some((t) => t.id === other)) return null;
    // One that lines up paragraph for paragraph first, then the oldest.
    candidates.sort((x, y) => Number(y.paragraphs === d.paragraphs) - Number(x.paragraphs === d.paragraphs) || x.id - y.id);
    return candidates[0]?.id ?? null;
  }

  private async fetchTranslations(docA: number, docB: number): Promise<TrFetch[]> {
    if (!this.showTr) return [];
    const jobs: Array<Promise<TrFetch | null>> = [];
    for (const [side, id, other] of [['a', docA, docB], ['b', docB, docA]] as const) {
      const tr = this.translationFor(id, other);
      if (tr === null) continue;
      // A translation that cannot be loaded is left out; the pair itself still opens.
      jobs.push(Promise.all([this.app.api.getDocument(tr), this.app.api.getAlignment(id, tr, 'paragraph', 'parallel')])
        .then(([doc, align]) => ({ side, doc, align }), (err: Error) => {
          toast(`The translation ${this.app.docLabel(tr)} could not be shown: ${err.message}`, 'error');
          return null;
        }));
    }
    return (await Promise.all(jobs)).filter((t): t is TrFetch => t !== null);
  }

  /** Shows the translation panes about to be loaded and hides (and empties) the others; the editors then take their new widths. */
  private placeTranslations(trs: TrFetch[]): void {
    let moved = false;
    for (const t of [this.ta, this.tb]) {
      const want = trs.some((x) => x.side === t.side);
      if (t.setShown(want)) moved = true;
      if (!want) {
        t.unload();
        if (this.lastPane === t) this.lastPane = null;
      }
    }
    this.el.dataset.translations = trs.map((t) => t.side).sort().join('');
    this.el.classList.toggle('with-translations', trs.length > 0);
    // automaticLayout would notice only on the next frame, after the texts were wrapped at the old width.
    if (moved) for (const p of this.panes()) p.layout();
  }

  /** Loads a translation beside its original (already loaded) and works out which rows start together. */
  private loadTranslation(t: TrFetch, chars: number): void {
    const pane = t.side === 'a' ? this.ta : this.tb;
    const orig = this.pane(t.side);
    pane.load(t.doc, 'paragraph', chars, this.loadTimes);
    pane.orig = orig;
    pane.tr = translationRows(orig.doc!.paragraphList.length, orig.seg.paragraphOf, pane.model!.getLineCount(), t.align);
    pane.header.prepend(h('span', { class: 'tr-of', title: `Translation of document ${t.side.toUpperCase()}, read-only; rows follow the original` }, `${t.side.toUpperCase()} · EN`));
    if (pane.tr.source !== 'links') {
      pane.header.append(h('span', { class: 'warn-text', title: 'No stored paragraph alignment with the original' }, pane.tr.source === 'order' ? 'paired in order' : 'not aligned'));
    }
  }

  /** Turns the translation panes on or off (T); the choice is kept for the next session. */
  async setShowTranslations(on: boolean): Promise<void> {
    this.build();
    this.showTr = on;
    this.trToggle.setAttribute('aria-pressed', String(on));
    try {
      localStorage.setItem(TR_KEY, on ? '1' : '0');
    } catch {
      /* storage may be disabled: the choice then lasts for this page */
    }
    const v = this.session.view;
    if (!v || !this.a.loaded || !this.b.loaded) return;
    // Keep the row at the top of the panes where it is.
    const topLine = this.a.topLine();
    const trs = on ? await this.app.attempt('Loading the translations', () => this.fetchTranslations(v.docA, v.docB)) ?? [] : [];
    if (this.session.view?.id !== v.id || this.showTr !== on) return;
    const chars = Math.max(this.chars, ...trs.map((t) => t.doc.characters));
    this.placeTranslations(trs);
    this.a.measure();
    this.b.measure();
    for (const t of trs) this.loadTranslation(t, chars);
    this.updateZones();
    this.updateDecorations();
    this.renderMentions();
    this.evidence.redraw();
    this.a.scrollTop = this.a.editor.getTopForLineNumber(topLine);
    this.drawOverlayNow();
    if (on && !trs.length) toast('Neither document is an original with an English translation to show beside it.', 'info');
  }

  get translationsShown(): boolean {
    return this.showTr;
  }

  // ---------------------------------------------------------------- rendering

  /** Redraws what a change of the session touched. */
  private render(c: SessionChange): void {
    if (!this.built) return;
    if (c.busy) this.setBusy(this.session.busy);
    if (c.focus) this.setFocusClasses();
    if (!c.links && !c.cursor && !c.selection && !c.focus) return;
    const v = this.session.view;
    if (c.links) {
      this.updateZones();
      this.el.dataset.rev = String(this.session.revision);
      if (v) {
        this.modeBadge.textContent = `${v.level} · ${v.mode}`;
        this.pickMode.value = v.mode;
      }
    }
    if (c.links || c.cursor || c.selection) this.updateDecorations();
    if (c.reveal) this.reveal();
    this.drawOverlayNow();
    this.updateInfo();
    if (c.links) this.candidates.sync();
    if (c.links || c.cursor) this.evidence.update();
  }

  /**
   * Marks the view busy while an operation is on its way (`busy`, which no
   * style reads), and shows the busy cursor (`slow`) only when it lasts:
   * the cursor is inherited, so changing it restyles every line of every
   * pane, which costs a quick edit more than the edit itself.
   */
  private setBusy(on: boolean): void {
    this.el.classList.toggle('busy', on);
    clearTimeout(this.slowTimer);
    if (!on) this.el.classList.remove('slow');
    else this.slowTimer = window.setTimeout(() => this.el.classList.toggle('slow', this.session.busy), 250);
  }

  /** The panes evidence is marked in: the aligned ones, and the English translations beside them. */
  private evidencePanes(): EvidencePane[] {
    const out: EvidencePane[] = [{ pane: this.a, side: 'a', text: 'original' }, { pane: this.b, side: 'b', text: 'original' }];
    const ta = this.beside(this.a);
    const tb = this.beside(this.b);
    if (ta) out.push({ pane: ta, side: 'a', text: 'translation' });
    if (tb) out.push({ pane: tb, side: 'b', text: 'translation' });
    return out;
  }

  /** Pads the panes with blank zones so that each row starts at one height in every pane. */
  private updateZones(): void {
    if (!this.a.loaded || !this.b.loaded) return;
    const ta = this.beside(this.a);
    const tb = this.beside(this.b);
    const want = computeZones(this.a, this.b, anchors(this.session.links),
      ta ? { prefix: ta.prefix, rows: ta.tr!.rows } : null,
      tb ? { prefix: tb.prefix, rows: tb.tr!.rows } : null);
    this.a.applyZones(want[0]);
    this.b.applyZones(want[1]);
    let i = 2;
    if (ta) ta.applyZones(want[i++]);
    if (tb) tb.applyZones(want[i++]);
  }

  /** Status colours, the cursor and the selection in both panes, and mirrored in the translations beside them. */
  private updateDecorations(): void {
    const s = this.session;
    const cur = s.current();
    for (const p of [this.a, this.b]) {
      const curSet = new Set(cur ? cur[p.side] : []);
      p.renderStatus(s.linkOf(p.side), s.links, curSet, s.selected[p.side]);
      this.beside(p)?.renderMirror(cur ? cur[p.side] : [], s.selected[p.side]);
    }
  }

  private renderMentions(): void {
    if (!this.built) return;
    for (const p of this.panes()) p.renderMentions(this.app.facts, factColourIndex);
  }

  /** Draws the links with a segment on screen in either pane. */
  drawOverlayNow(): void {
    if (!this.built) return;
    const s = this.session;
    if (!s.view || !this.a.loaded || !this.b.loaded) {
      this.gutter.clear();
      return;
    }
    const visible = new Set<number>();
    for (const p of [this.a, this.b]) {
      const linkOf = s.linkOf(p.side);
      for (const seg of p.visibleSegments()) {
        const li = linkOf[seg];
        if (li >= 0) visible.add(li);
      }
    }
    if (s.cur >= 0) visible.add(s.cur);
    const head = this.headHeight || (this.headHeight = this.a.header.offsetHeight);
    const besideA = this.beside(this.a);
    const besideB = this.beside(this.b);
    this.gutter.draw({
      links: s.links,
      cur: s.cur,
      visible,
      top: (side, seg) => this.pane(side).top(seg) - this.pane(side).scrollTop + head,
      bottom: (side, seg) => {
        const p = this.pane(side);
        const y = p.bottom(seg) - p.scrollTop + head;
        // The gutter touches the translation beside the original: a link ending a row spans that row there.
        const t = side === 'a' ? besideA : besideB;
        const line = t ? t.tr!.endBeside[seg] : -1;
        return t && line >= 0 ? Math.max(y, t.bottom(line) - t.scrollTop + head) : y;
      },
    });
  }

  private updateInfo(): void {
    if (!this.built) return;
    const s = this.session;
    if (!s.view) {
      this.info.textContent = '';
      return;
    }
    const { total, confirmed, rejected } = s.counts();
    const l = s.current();
    const seg = (side: Side, xs: number[]) => {
      const labels = this.pane(side).seg.labels;
      if (!xs.length) return '∅';
      return xs.length === 1 ? labels[xs[0]] : `${labels[xs[0]]}–${labels[xs[xs.length - 1]]}`;
    };
    const na = s.selected.a.size;
    const nb = s.selected.b.size;
    const sel = na || nb ? ` · selected ${na}:${nb} (L links them)` : '';
    clear(this.info,
      h('span', { class: 'pill' }, `${confirmed}/${total} confirmed`),
      rejected ? h('span', { class: 'pill pill-bad' }, `${rejected} rejected`) : null,
      l
        ? h('span', { class: 'cur-desc' },
          h('b', null, `Link ${s.cur + 1}/${total}`), ` · A ${seg('a', l.a)} ↔ B ${seg('b', l.b)} · ${l.a.length}:${l.b.length} · `,
          h('span', { class: `st-text st-text-${l.status}` }, l.status), ` · confidence ${l.confidence.toFixed(2)} · ${l.origin}${l.annotator ? ` · ${l.annotator}` : ''}`)
        : h('span', { class: 'muted' }, total ? 'no link selected' : 'No links yet: click a segment in each pane (Shift+click for more) and press L, or press Align.'),
      h('span', { class: 'muted' }, sel),
      h('span', { class: 'grow' }),
      h('span', { class: 'muted' }, `Focused side: ${s.focusSide.toUpperCase()} (Alt+↑/↓ moves the boundary on it)`),
    );
    this.updateNotice();
    this.el.dataset.cur = String(s.cur);
    this.el.dataset.links = String(total);
    this.el.dataset.confirmed = String(confirmed);
  }

  /** Scrolls the panes to the current link when it is off screen. */
  private reveal(): void {
    const l = this.session.current();
    if (!l) return;
    const p = l.a.length ? this.a : this.b;
    const segs = l[p.side];
    const top = p.top(segs[0]);
    const st = p.scrollTop;
    const hgt = p.height;
    const bottom = p.bottom(segs[segs.length - 1]);
    if (top < st + 20 || bottom > st + hgt - 20) p.scrollTop = Math.max(0, top - hgt / 3);
  }

  /** Puts the cursor on a paragraph of one side, selects it, and scrolls to it. */
  revealParagraph(side: Side, paragraph: number): void {
    if (!this.session.revealParagraph(side, paragraph)) return;
    const p = this.pane(side);
    const seg = [...this.session.selected[side]][0];
    p.scrollTop = Math.max(0, p.top(seg) - p.height / 3);
    this.drawOverlayNow();
  }

  // ---------------------------------------------------------------- comparable notice

  /** Whether a document can be seen in the pivot language: it is in it, or has a translation into it that lines up. */
  private hasPivot(docId: number): boolean {
    const d = this.app.doc(docId);
    if (!d) return true;
    if (baseLang(d.lang) === PIVOT) return true;
    return d.translations.some((t) => {
      const tr = this.app.doc(t);
      return !!tr && baseLang(tr.lang) === PIVOT && tr.paragraphs === d.paragraphs;
    });
  }

  /** Why a comparable alignment may have found nothing, in words an annotator can act on. */
  private emptyReason(docA: number, docB: number, level: AlignLevel): { text: string; missing: number[] } {
    const missing = [docA, docB].filter((d) => !this.hasPivot(d));
    if (missing.length) {
      const names = missing.map((d) => `“${this.app.doc(d)?.title ?? '#' + d}” (${this.app.doc(d)?.lang ?? '?'})`).join(' and ');
      return {
        text: `Comparable mode compares two articles through their English translations, and ${names} ${missing.length === 1 ? 'has' : 'have'} none yet. Translate the articles into English first, then press Align again.`,
        missing,
      };
    }
    if (level === 'sentence') {
      return { text: 'At sentence level, comparable mode compares the texts as they are, without their translations. Try paragraph level, which compares through the English translations.', missing };
    }
    return { text: 'Both articles were compared through English, and no paragraphs were similar enough to link: they may report different parts of the story. You can still link paragraphs by hand (click, Shift+click, then L).', missing };
  }

  private updateNotice(): void {
    const v = this.session.view;
    const empty = !!v && v.mode === 'comparable' && !v.links.some((l) => l.status !== 'rejected');
    if (!empty) {
      if (!this.notice.hidden) {
        this.notice.hidden = true;
        clear(this.notice);
      }
      return;
    }
    const reason = this.emptyReason(v.docA, v.docB, v.level);
    clear(this.notice,
      h('span', { class: 'notice-icon', 'aria-hidden': 'true' }, 'ℹ'),
      h('div', { class: 'notice-text' }, h('b', null, 'No links found. '), reason.text),
      reason.missing.length
        ? h('button', { class: 'primary', dataset: { op: 'translate-missing' }, onclick: () => this.app.prepareTranslate(reason.missing) }, 'Translate…')
        : null,
    );
    this.notice.hidden = false;
  }

  // ---------------------------------------------------------------- segmentation

  /**
   * Splits or merges at the caret of the aligned pane used last (or, for a
   * merge, under the current link), then opens the pair again so that its
   * links, read anew, follow the change. Ctrl+Z undoes it like any change.
   */
  async fixSegmentation(action: SegmentationAction): Promise<boolean> {
    const v = this.session.view;
    if (!this.built || !v || !this.a.loaded || !this.b.loaded) {
      this.app.error('Open a pair of documents first, then click in the text where the change should be.', { view: 'alignment' });
      return false;
    }
    if (this.session.busy) return false;
    if (this.lastPane?.translation) {
      this.app.error('Segmentation is fixed in the aligned panes (A or B); a translation beside its original follows it. Click in pane A or B.', { view: 'alignment' });
      return false;
    }
    const pane = this.lastPane ?? this.pane(this.session.focusSide);
    let caret = pane.caret();
    // A merge needs no exact place: without a caret it acts on the selected segment, or the current link's last one.
    const merging = action === 'merge-paragraphs' || (action === 'merge-sentences' && v.level === 'sentence');
    if (!caret && merging) {
      const sel = [...this.session.selected[pane.side]].sort((x, y) => x - y);
      const l = this.session.current();
      const segs = sel.length ? sel : l ? l[pane.side] : [];
      if (segs.length) caret = { seg: segs[segs.length - 1], offset: 0 };
    }
    if (!caret || !pane.doc) {
      this.app.error(`Click in the text of pane A or B where the change should be, then ${action.startsWith('split') ? 'split' : 'merge'} again.`, { view: 'alignment' });
      return false;
    }
    const plan = planSegmentation(action, pane.doc, pane.seg, caret);
    if ('error' in plan) {
      this.app.error(plan.error, { view: 'alignment' });
      return false;
    }
    const doc = pane.doc;
    const side = pane.side;
    const result = await this.app.serial(() => this.app.attempt('Fixing the segmentation', () => this.app.echoes.around(() => this.app.api.editSegmentation(doc.id, plan.op))));
    if (!result) return false;
    this.app.setHistoryState(result);
    this.showSegNotice(action, plan.where, doc.title, result, v.id);
    await this.reopen({ side, paragraph: action === 'split-paragraph' ? plan.paragraph + 1 : plan.paragraph, at: action === 'split-paragraph' ? 0 : plan.at });
    return true;
  }

  /** Says what a fix of segmentation did, and what happened to the translations, until the next one or until closed. */
  private showSegNotice(action: SegmentationAction, where: string, title: string, result: SegmentationEditResult, alignmentId: number): void {
    const verb = { 'split-sentence': 'Split', 'merge-sentences': 'Merged', 'split-paragraph': 'Split', 'merge-paragraphs': 'Joined' }[action];
    clear(this.segNotice,
      h('span', { class: 'notice-icon', 'aria-hidden': 'true' }, '✂'),
      h('div', { class: 'notice-text' },
        h('b', null, `${verb} ${where} of “${title}”.`), ' Links were read again; Ctrl+Z undoes it.',
        result.notes.length ? h('ul', { class: 'seg-notes' }, result.notes.map((n) => h('li', null, n))) : null),
      h('button', { class: 'icon', title: 'Close', 'aria-label': 'Close this note', onclick: () => this.hideSegNotice() }, '×'),
    );
    this.segNotice.dataset.alignment = String(alignmentId);
    this.segNotice.hidden = false;
    toast(`${verb} ${where}.`, 'ok');
  }

  private hideSegNotice(): void {
    if (this.segNotice.hidden) return;
    this.segNotice.hidden = true;
    clear(this.segNotice);
    delete this.segNotice.dataset.alignment;
  }

  /**
   * Opens the pair on screen again (its documents' segmentation changed),
   * where it was; with `focus`, selects the segment at that place of a side
   * and puts the caret there, else keeps the cursor on the link at the place
   * the current one started.
   */
  async reopen(focus?: { side: Side; paragraph: number; at: number }): Promise<boolean> {
    const v = this.session.view;
    if (!v) return false;
    const top = this.a.scrollTop;
    let keep: { side: Side; paragraph: number; at: number } | null = null;
    const cur = this.session.current();
    if (!focus && cur) {
      const side: Side = cur.a.length ? 'a' : 'b';
      const p = this.pane(side);
      const seg = cur[side][0];
      if (seg < p.seg.paragraphOf.length) keep = { side, paragraph: p.seg.paragraphOf[seg], at: p.seg.offsetOf[seg] };
    }
    const ok = await this.open({ docA: v.docA, docB: v.docB, level: v.level, mode: v.mode });
    if (!ok) return false;
    this.a.scrollTop = top;
    const place = focus ?? keep;
    if (place) {
      const p = this.pane(place.side);
      const seg = segmentAt(p.seg, place.paragraph, place.at);
      if (seg >= 0 && focus) {
        this.session.select(focus.side, seg, seg);
        p.placeCaret(seg, Math.max(0, focus.at - p.seg.offsetOf[seg]));
        const y = p.top(seg);
        if (y < p.scrollTop || y > p.scrollTop + p.height - 40) p.scrollTop = Math.max(0, y - p.height / 3);
      } else if (seg >= 0) {
        const li = this.session.linkOf(place.side)[seg];
        if (li >= 0) this.session.setCursor(li, false);
      }
    }
    this.drawOverlayNow();
    return true;
  }

  /** The documents on screen were segmented differently elsewhere (undo, redo, another window): open the pair again. */
  private checkSegmentation(): void {
    if (!this.built || !this.session.view || this.openInFlight > 0) return;
    const stale = this.panes().some((p) => {
      if (!p.loaded || !p.doc) return false;
      const d = this.app.doc(p.doc.id);
      return !!d && (d.paragraphs !== p.doc.paragraphList.length || d.sentences !== p.doc.sentences);
    });
    if (!stale) return;
    // Undone, redone or changed elsewhere: the note of the last fix no longer says what is on screen.
    this.hideSegNotice();
    void this.reopen();
  }

  // ---------------------------------------------------------------- stories

  async selectStory(story: string | null): Promise<void> {
    this.build();
    await this.story.select(story, this.session.view);
  }

  async alignStory(story?: string | null): Promise<StoryRun | undefined> {
    this.build();
    return this.story.alignAll(story === undefined ? undefined : story);
  }

  async openPair(i: number): Promise<boolean> {
    this.build();
    return this.story.openPair(i);
  }

  async stepPair(dir: 1 | -1): Promise<void> {
    this.build();
    await this.story.step(dir);
  }

  /** The pairs of the chosen story, for tests. */
  storyPairs(): readonly StoryPair[] {
    return this.built ? this.story.pairList : [];
  }

  get lastStoryRun(): StoryRun | null {
    return this.built ? this.story.lastRun : null;
  }

  // ---------------------------------------------------------------- operations (buttons, tests, benchmark)

  async confirm(): Promise<OpTiming | undefined> {
    return this.session.confirm();
  }

  reject(): Promise<OpTiming | undefined> {
    return this.session.reject();
  }

  merge(): Promise<OpTiming | undefined> {
    return this.session.merge();
  }

  split(): Promise<OpTiming | undefined> {
    return this.session.split();
  }

  /** Moves the boundary under the current link: 'down' takes the next segment in, 'up' gives the last one away. */
  moveBoundary(move: 'up' | 'down', side?: Side): Promise<OpTiming | undefined> {
    return this.session.moveBoundary(move, side);
  }

  linkSelected(): Promise<OpTiming | undefined> {
    return this.session.linkSelected();
  }

  unlink(): Promise<OpTiming | undefined> {
    return this.session.unlink();
  }

  realign(): Promise<OpTiming | undefined> {
    return this.session.realign();
  }

  reload(): Promise<OpTiming | undefined> {
    return this.session.reload();
  }

  get lastTiming(): OpTiming | null {
    return this.session.lastTiming;
  }

  /**
   * Applies link deltas from undo or redo; returns the time it took, or null
   * when none concerned the open alignment.
   */
  applyDeltas(deltas: LinkDelta[]): number | null {
    const t0 = performance.now();
    return this.session.applyDeltas(deltas) ? performance.now() - t0 : null;
  }

  /** The text selected in a pane, as a paragraph-relative span, for attaching a fact. */
  selectionTarget(): { docId: number; paragraph: number; start: number; end: number; quote: string } | null {
    if (!this.built) return null;
    const s = this.session;
    const first = this.pane(s.focusSide);
    const order = [first, first === this.a ? this.b : this.a];
    // Text chosen in a translation is a mention there (the server also carries it to the original paragraph).
    if (this.lastPane?.translation && this.lastPane.loaded) order.unshift(this.lastPane);
    for (const p of order) {
      const target = p.selectionTarget(p.translation ? new Set() : s.selected[p.side]);
      if (target) return target;
    }
    return null;
  }

  // ---------------------------------------------------------------- view plumbing

  show(): void {
    this.build();
    if (!this.session.view && this.opening === 0) {
      let saved: OpenAt | null = null;
      try {
        saved = JSON.parse(localStorage.getItem(OPEN_KEY) ?? 'null') as OpenAt | null;
      } catch {
        saved = null;
      }
      if (saved && this.app.doc(saved.docA) && saved.docB !== undefined && this.app.doc(saved.docB)) void this.open(saved);
    }
    requestAnimationFrame(() => {
      if (!this.built) return;
      for (const p of this.panes()) p.layout();
      this.remeasure();
      this.drawOverlayNow();
    });
  }

  /** Another client changed links: fetch the open alignment again. */
  changed(what: string, alignments?: readonly number[]): void {
    if (what !== 'alignment' && what !== 'all') return;
    // Links of other alignments changed: the one on screen (the translations' included) is as it was.
    const v = this.session.view;
    if (what === 'alignment' && alignments && v && !alignments.includes(v.id)) return;
    void this.session.reload();
  }

  /** Releases the editors, their models, the gutter and every listener and command handler. */
  dispose(): void {
    this.opening++;
    this.store.dispose();
    this.built = false;
  }

  // ---------------------------------------------------------------- for tests and the benchmark

  /** Scrolls to a segment and draws synchronously. */
  scrollToSegment(seg: number): number {
    const t0 = performance.now();
    this.a.scrollTop = this.a.top(seg);
    this.drawOverlayNow();
    return performance.now() - t0;
  }

  /** The scroll position of each pane holding a document (a, b, ta, tb). */
  scrollTops(): Record<string, number> {
    return Object.fromEntries(this.panes().filter((p) => p.loaded).map((p) => [p.name, p.scrollTop]));
  }

  /** Selects text in a segment, as a drag would (offsets are into the segment). */
  selectText(side: Side, seg: number, start: number, end: number): void {
    this.session.setFocusSide(side);
    this.pane(side).selectText(seg, start, end);
  }

  /** Puts the caret in a pane's segment at an offset, as a click and the arrow keys would (for the walk and tests). */
  placeCaret(side: Side, seg: number, offset: number): void {
    const p = this.pane(side);
    this.session.setFocusSide(side);
    this.lastPane = p;
    p.editor.focus();
    p.placeCaret(seg, offset);
  }

  selectSegments(a: number[], b: number[]): void {
    this.session.setSelection(a, b);
  }

  setCursor(idx: number): void {
    this.session.setCursor(idx);
  }

  cursorOfSegment(seg: number, side: Side = 'a'): number {
    return this.session.linkOf(side)[seg] ?? -1;
  }

  /** The evidence each pane highlights now (kind and text), by pane: a, b, ta, tb. */
  evidenceShown(): Record<string, Array<{ kind: string; text: string }>> {
    return Object.fromEntries(this.panes().filter((p) => p.loaded).map((p) => [p.name, [...p.evidenceShown]]));
  }

  /** The links as this view holds them, in its order; tests compare them with the stored alignment. */
  shownLinks(): readonly Link[] {
    return this.session.links;
  }

  get linkCount(): number {
    return this.session.links.length;
  }

  /** Listeners and handlers this view holds on to, for the leak test. */
  holdings(): number {
    return this.store.size;
  }
}

