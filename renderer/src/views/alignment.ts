import type { AlignmentSummary, LinkDelta, LinkOperation } from '../../../common/api';
import type { AlignLevel, AlignMode, AlignmentView as AlignmentData, DocumentDetail, Link } from '../../../common/types';
import { monaco, isRtl, proseOptions, wrapOptions } from '../monaco';
import { App, factColourIndex, type OpenAt, type View } from '../app';
import { clear, fmtInt, h, toast } from '../ui';
import { applyLinkDeltas, inReadingOrder } from '../links';
import { baseLang } from '../../../common/languages';

type Side = 'a' | 'b';

/**
 * How a translation pane's lines (one per paragraph) stand beside its
 * original's segments, from their stored paragraph alignment.
 */
interface TrMap {
  orig: Pane;
  /** Rows that start at one height, flattened: original segment, translation line, …; increasing in both. */
  rows: Int32Array;
  /** Per original paragraph: the first and last translation line aligned with it, or -1. */
  trLo: Int32Array;
  trHi: Int32Array;
  /** Per translation line: the first and last original paragraph aligned with it, or -1. */
  origLo: Int32Array;
  origHi: Int32Array;
  /** First segment of each original paragraph; one more entry than paragraphs. */
  segStart: Int32Array;
  /** Per original segment that ends a row: the translation line that ends the same row, or -1. */
  endBeside: Int32Array;
  /** Where the rows come from: the stored links, or the order of the paragraphs when nothing is stored. */
  source: 'links' | 'order' | 'none';
}

/** What a translation pane needs, fetched beside the pair. */
interface TrFetch {
  side: Side;
  doc: DocumentDetail;
  align: AlignmentData | null;
}

const TR_KEY = 'tandem.showTranslations';

/** One side of the alignment: a document cut into segments, one segment per editor line. */
interface Pane {
  side: Side;
  /** a and b hold the aligned documents; ta and tb the translations shown beside them. */
  name: 'a' | 'b' | 'ta' | 'tb';
  host: HTMLElement;
  header: HTMLElement;
  editor: monaco.editor.IStandaloneCodeEditor;
  model: monaco.editor.ITextModel | null;
  doc: DocumentDetail | null;
  /** Paragraph index of each segment, and the segment's offset inside the paragraph. */
  paragraphOf: Int32Array;
  offsetOf: Int32Array;
  labels: string[];
  /** Index in `links` of the (first) link holding each segment, or -1. */
  linkOf: Int32Array;
  /** Height of each segment's wrapped text, without view zones; prefix[i] = sum of heights of segments < i. */
  prefix: Float64Array;
  /** Our padding zones: afterLine -> {zone id, height}. */
  zones: Map<number, { id: string; height: number }>;
  /** Per line: the decoration key currently applied, and its decoration id. */
  decoKeys: string[];
  decoIds: string[];
  mentionDecos: monaco.editor.IEditorDecorationsCollection;
  selected: Set<number>;
  /** Translation panes only: the rows beside the original, and the current and selected rows mirrored from it. */
  tr: TrMap | null;
  mirrorDecos: monaco.editor.IEditorDecorationsCollection | null;
}

const STATUS_COLOUR: Record<string, string> = { suggested: '#d99a00', confirmed: '#2e9b4f', rejected: '#d2453b' };

/** The language comparable mode compares articles through (the server's pivot). */
const PIVOT = 'en';

const NO_ROWS = new Int32Array(0);

function readShowTranslations(): boolean {
  try {
    return localStorage.getItem(TR_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Which rows of a translation (one line per paragraph) start beside which
 * segments of its original, from their paragraph links; with none stored, a
 * translation with as many paragraphs as the original is paired in order.
 */
function trMap(orig: Pane, lines: number, align: AlignmentData | null): TrMap {
  const paragraphs = orig.doc!.paragraphList.length;
  const segs = orig.paragraphOf.length;
  const segStart = new Int32Array(paragraphs + 1).fill(segs);
  for (let s = segs - 1; s >= 0; s--) segStart[orig.paragraphOf[s]] = s;
  for (let p = paragraphs - 1; p >= 0; p--) segStart[p] = Math.min(segStart[p], segStart[p + 1]);
  let links = (align?.links ?? []).filter((l) => l.status !== 'rejected' && l.a.length && l.b.length);
  let source: TrMap['source'] = 'links';
  if (!links.length) {
    source = lines === paragraphs ? 'order' : 'none';
    links = source === 'order' ? Array.from({ length: lines }, (_, i) => ({ a: [i], b: [i] }) as Link) : [];
  }
  const trLo = new Int32Array(paragraphs).fill(-1);
  const trHi = new Int32Array(paragraphs).fill(-1);
  const origLo = new Int32Array(lines).fill(-1);
  const origHi = new Int32Array(lines).fill(-1);
  const rows: number[] = [];
  let lastO = -1;
  let lastT = -1;
  for (const l of inReadingOrder(links)) {
    const a0 = l.a[0];
    const a1 = l.a[l.a.length - 1];
    const b0 = l.b[0];
    const b1 = l.b[l.b.length - 1];
    if (a1 >= paragraphs || b1 >= lines) continue;
    for (const p of l.a) {
      trLo[p] = trLo[p] < 0 ? b0 : Math.min(trLo[p], b0);
      trHi[p] = Math.max(trHi[p], b1);
    }
    for (const t of l.b) {
      origLo[t] = origLo[t] < 0 ? a0 : Math.min(origLo[t], a0);
      origHi[t] = Math.max(origHi[t], a1);
    }
    const o0 = segStart[a0];
    if (o0 > lastO && b0 > lastT && o0 < segs) {
      rows.push(o0, b0);
      lastO = segStart[a1 + 1] - 1;
      lastT = b1;
    }
  }
  // Each row ends where the next begins, in both panes.
  const endBeside = new Int32Array(segs).fill(-1);
  for (let k = 0; k < rows.length; k += 2) {
    const oEnd = k + 2 < rows.length ? rows[k + 2] - 1 : segs - 1;
    const tEnd = k + 2 < rows.length ? rows[k + 3] - 1 : lines - 1;
    if (oEnd >= 0) endBeside[oEnd] = tEnd;
  }
  return { orig, rows: Int32Array.from(rows), trLo, trHi, origLo, origHi, segStart, endBeside, source };
}

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

/** What an operation brings back: a whole alignment (open, re-align) or the link changes to apply. */
type Outcome = AlignmentData | LinkDelta[];

export interface OpTiming {
  op: string;
  total: number;
  api: number;
  render: number;
}

/**
 * The alignment view. Both editors are built once per document pair; an
 * operation only touches decorations, the view zones that changed and the
 * visible part of the link overlay, so it stays fast on long documents.
 */
export class AlignmentPanel implements View {
  readonly id = 'alignment' as const;
  readonly title = 'Alignment';
  readonly el: HTMLElement;
  private a!: Pane;
  private b!: Pane;
  /** The English translations of a and b, shown beside them when asked for (T). */
  private ta!: Pane;
  private tb!: Pane;
  private showTr = readShowTranslations();
  private trToggle!: HTMLButtonElement;
  /** Characters of the largest pane loaded, which picks the font every pane shares. */
  private chars = 0;
  /** The pane whose editor was focused last, translations included (for F). */
  private lastPane: Pane | null = null;
  private svg!: SVGSVGElement;
  private gutter!: HTMLElement;
  private info!: HTMLElement;
  private pickA!: HTMLSelectElement;
  private pickB!: HTMLSelectElement;
  private pickLevel!: HTMLSelectElement;
  private pickMode!: HTMLSelectElement;
  private modeBadge!: HTMLElement;
  private view: AlignmentData | null = null;
  private links: Link[] = [];
  private cur = -1;
  private focusSide: Side = 'a';
  private syncing = false;
  private overlayQueued = false;
  private busy = false;
  private lastLocalChange = 0;
  private built = false;
  private placeholder!: HTMLElement;
  private notice!: HTMLElement;
  private storyBar!: HTMLElement;
  private storyPick!: HTMLSelectElement;
  private storyGo!: HTMLButtonElement;
  private storyProgress!: HTMLElement;
  private storySummary!: HTMLElement;
  private pairPick!: HTMLSelectElement;
  private pairPrev!: HTMLButtonElement;
  private pairNext!: HTMLButtonElement;
  private story: string | null = null;
  private pairs: StoryPair[] = [];
  private pairIdx = -1;
  private storyRunning = false;
  /** The last whole-story run, for tests and the status line. */
  lastStoryRun: StoryRun | null = null;
  lastTiming: OpTiming | null = null;
  /** Resolves when a pair is loaded and drawn; tests and the benchmark wait on it. */
  loaded = 0;
  loadTimes: Record<string, number> = {};

  constructor(private readonly app: App) {
    this.el = h('section', { class: 'view view-alignment' });
    app.on('docs', () => {
      this.fillPickers();
      this.fillStories();
    });
    app.on('facts', () => this.renderMentions());
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    this.pickA = h('select', { class: 'doc-pick', id: 'align-doc-a', title: 'First document (left pane)', 'aria-label': 'Document A (left pane)', onchange: () => this.suggestPartner() });
    this.pickB = h('select', { class: 'doc-pick', id: 'align-doc-b', title: 'Second document (right pane)', 'aria-label': 'Document B (right pane)' });
    this.pickLevel = h('select', { title: 'Level', 'aria-label': 'Level' }, h('option', { value: 'paragraph' }, 'Paragraphs'), h('option', { value: 'sentence' }, 'Sentences'));
    this.pickMode = h('select', { title: 'Mode: parallel for a text and its translation, comparable for two articles on the same story', 'aria-label': 'Mode' },
      h('option', { value: '' }, 'Mode: auto'), h('option', { value: 'parallel' }, 'Parallel'), h('option', { value: 'comparable' }, 'Comparable'));
    const btn = (label: string, title: string, fn: () => void, cls = '') => h('button', { class: `tb ${cls}`, title, onclick: () => fn(), dataset: { op: label } }, label);
    this.modeBadge = h('span', { class: 'badge' });
    this.trToggle = h('button', {
      class: 'toggle', dataset: { op: 'translations' }, 'aria-pressed': String(this.showTr), 'aria-keyshortcuts': 'T',
      title: 'Show the English translation of each original beside it, row by row (T)', onclick: () => void this.setShowTranslations(!this.showTr),
    }, 'Translations');
    const bar1 = h('div', { class: 'toolbar' },
      h('label', { class: 'tl', for: 'align-doc-a' }, 'A'), this.pickA,
      h('button', { class: 'icon', title: 'Swap documents', 'aria-label': 'Swap documents', onclick: () => this.swap() }, '⇄'),
      h('label', { class: 'tl', for: 'align-doc-b' }, 'B'), this.pickB,
      this.pickLevel, this.pickMode,
      h('button', { class: 'primary', title: 'Open the saved alignment of these two documents', onclick: () => void this.openSelected(false), dataset: { op: 'open' } }, 'Open'),
      h('button', { title: 'Compute (or recompute) the suggested links; confirmed links are kept', onclick: () => void this.openSelected(true), dataset: { op: 'align' } }, 'Align'),
      this.trToggle,
      this.modeBadge,
    );
    const bar2 = h('div', { class: 'toolbar ops' },
      btn('Confirm', 'Confirm the current link (Enter or C)', () => void this.confirm(), 'ok'),
      btn('Reject', 'Reject the current link (R or Delete)', () => void this.reject(), 'bad'),
      h('span', { class: 'sep' }),
      btn('Merge', 'Merge with the next link (M)', () => void this.merge()),
      btn('Split', 'Split an n:m link into 1:1 links (S)', () => void this.split()),
      btn('Boundary ↑', 'Take the next segment into this link on the focused side (Alt+Up)', () => void this.moveBoundary('up')),
      btn('Boundary ↓', 'Give this link’s last segment to the next link on the focused side (Alt+Down)', () => void this.moveBoundary('down')),
      h('span', { class: 'sep' }),
      btn('Link', 'Link the selected segments of both panes (L); click selects, Shift+click adds', () => void this.linkSelected()),
      btn('Unlink', 'Remove the current link (U)', () => void this.unlink()),
      h('span', { class: 'sep' }),
      btn('◀ Prev', 'Previous unconfirmed link (P)', () => this.jump(-1, (l) => l.status === 'suggested')),
      btn('Next ▶', 'Next unconfirmed link (N)', () => this.jump(1, (l) => l.status === 'suggested')),
      btn('Next n:m', 'Next link that is not 1:1 (Shift+N)', () => this.jump(1, (l) => l.a.length !== 1 || l.b.length !== 1)),
      h('span', { class: 'sep' }),
      btn('Re-align', 'Re-align the suggestions between confirmed anchors (A)', () => void this.realign()),
      btn('Undo', 'Undo (Ctrl+Z)', () => void this.app.undo()),
      btn('Redo', 'Redo (Ctrl+Shift+Z or Ctrl+Y)', () => void this.app.redo()),
      h('span', { class: 'grow' }),
      h('button', { class: 'tb', title: 'Export this alignment (Ctrl+E)', onclick: () => this.app.exportDialog(this.pair()) }, 'Export…'),
    );
    this.storyPick = h('select', { id: 'align-story', 'aria-label': 'Story', title: 'A story: the original articles that report one event' });
    this.storyPick.addEventListener('change', () => void this.selectStory(this.storyPick.value || null));
    this.storyGo = h('button', { class: 'primary', title: 'Align every pair of original articles in this story, comparable mode, paragraph level', dataset: { op: 'align-story' }, onclick: () => void this.alignStory() }, 'Align all pairs');
    this.storyProgress = h('div', { class: 'progress story-progress', role: 'progressbar', 'aria-label': 'Aligning the story', 'aria-valuemin': '0', hidden: true });
    this.storySummary = h('span', { class: 'story-summary', 'aria-live': 'polite' });
    this.pairPick = h('select', { class: 'pair-pick', 'aria-label': 'Pair of articles', title: 'Step through the pairs of the story ([ and ])' });
    this.pairPick.addEventListener('change', () => {
      if (this.pairPick.value !== '') void this.openPair(Number(this.pairPick.value));
    });
    this.pairPrev = h('button', { class: 'tb', title: 'Previous pair ([)', 'aria-label': 'Previous pair', dataset: { op: 'pair-prev' }, onclick: () => void this.stepPair(-1) }, '◀');
    this.pairNext = h('button', { class: 'tb', title: 'Next pair (])', 'aria-label': 'Next pair', dataset: { op: 'pair-next' }, onclick: () => void this.stepPair(1) }, '▶');
    this.storyBar = h('div', { class: 'toolbar story-bar', role: 'group', 'aria-label': 'Story pairs' },
      h('label', { class: 'tl', for: 'align-story' }, 'Story'), this.storyPick, this.storyGo,
      this.storyProgress,
      h('span', { class: 'pair-step' }, this.pairPrev, this.pairPick, this.pairNext),
      this.storySummary,
    );
    this.notice = h('div', { class: 'align-notice', role: 'status', hidden: true });
    this.info = h('div', { class: 'link-info' });
    this.a = this.makePane('a', 'a');
    this.b = this.makePane('b', 'b');
    this.ta = this.makePane('a', 'ta');
    this.tb = this.makePane('b', 'tb');
    this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.svg.classList.add('links-svg');
    this.gutter = h('div', { class: 'align-gutter' });
    this.gutter.append(this.svg);
    this.placeholder = h('div', { class: 'placeholder' }, 'Choose two documents above and press Open (or Align to compute links).');
    // A-original | A-translation ‖ links ‖ B-translation | B-original: the links join the two inner panes.
    const panes = h('div', { class: 'align-panes' }, this.a.host.parentElement!, this.ta.host.parentElement!, this.gutter, this.tb.host.parentElement!, this.b.host.parentElement!, this.placeholder);
    this.el.append(bar1, bar2, this.storyBar, this.info, this.notice, panes);
    this.fillPickers();
    this.fillStories();
    for (const p of this.allPanes()) this.wireScroll(p);
    this.gutter.addEventListener('wheel', (e) => {
      this.a.editor.setScrollTop(this.a.editor.getScrollTop() + e.deltaY);
      e.preventDefault();
    }, { passive: false });
    this.svg.addEventListener('click', (e) => {
      const idx = Number((e.target as Element).getAttribute('data-link'));
      if (Number.isInteger(idx) && (e.target as Element).hasAttribute('data-link')) this.setCurrent(idx, false);
    });
    let layoutTimer = 0;
    const relayout = () => {
      clearTimeout(layoutTimer);
      layoutTimer = window.setTimeout(() => this.remeasure(), 120);
    };
    for (const p of this.allPanes()) p.editor.onDidLayoutChange(relayout);
  }

  private makePane(side: Side, name: Pane['name']): Pane {
    const translation = name === 'ta' || name === 'tb';
    const host = h('div', { class: 'pane-editor pane-readonly' });
    const header = h('div', { class: 'pane-head' });
    const wrap = h('div', { class: translation ? `pane pane-tr pane-tr-${side}` : `pane pane-${side}` }, header, host);
    if (translation) {
      wrap.hidden = true;
      wrap.setAttribute('aria-label', `English translation of document ${side.toUpperCase()} (read-only)`);
    }
    const editor = monaco.editor.create(host, proseOptions({ readOnly: true, domReadOnly: true, model: null, lineNumbers: (n) => String(n), cursorStyle: 'line-thin', cursorBlinking: 'solid' }));
    const pane: Pane = {
      side, name, host, header, editor, model: null, doc: null,
      paragraphOf: new Int32Array(0), offsetOf: new Int32Array(0), labels: [], linkOf: new Int32Array(0), prefix: new Float64Array(1),
      zones: new Map(), decoKeys: [], decoIds: [], mentionDecos: editor.createDecorationsCollection(), selected: new Set(),
      tr: null, mirrorDecos: translation ? editor.createDecorationsCollection() : null,
    };
    editor.onDidFocusEditorText(() => {
      this.lastPane = pane;
      this.setFocusSide(side);
    });
    editor.onMouseUp((e) => {
      const line = e.target.position?.lineNumber;
      if (!line || !pane.model) return;
      const sel = editor.getSelection();
      const extend = e.event.shiftKey || e.event.ctrlKey || e.event.metaKey;
      // A drag keeps its text selection (for attaching a fact); a click, or a Shift/Ctrl+click, picks segments.
      if (sel && !sel.isEmpty() && !extend) return;
      if (extend) editor.setSelection(new monaco.Selection(line, 1, line, 1));
      if (!translation) {
        this.clickSegment(pane, line - 1, line - 1, e.event.shiftKey, e.event.ctrlKey || e.event.metaKey);
        return;
      }
      // A click in a translation picks the original's segments of that paragraph: links join originals.
      const segs = this.originalSegments(pane, line - 1);
      if (segs) this.clickSegment(segs.pane, segs.first, segs.last, e.event.shiftKey, e.event.ctrlKey || e.event.metaKey);
    });
    return pane;
  }

  /** The aligned panes and the translation panes, shown or not. */
  private allPanes(): Pane[] {
    return [this.a, this.b, this.ta, this.tb];
  }

  /** The panes holding a document now. */
  private loadedPanes(): Pane[] {
    return this.allPanes().filter((p) => p.model);
  }

  /** The translation shown beside an aligned pane, if any. */
  private beside(p: Pane): Pane | null {
    const t = p === this.a ? this.ta : p === this.b ? this.tb : null;
    return t && t.model && t.tr ? t : null;
  }

  /** The original segments a translation line stands beside. */
  private originalSegments(t: Pane, line: number): { pane: Pane; first: number; last: number } | null {
    const m = t.tr;
    if (!m) return null;
    const lo = m.origLo[line];
    const hi = m.origHi[line];
    if (lo < 0) return null;
    const first = m.segStart[lo];
    const last = m.segStart[hi + 1] - 1;
    return last >= first ? { pane: m.orig, first, last } : null;
  }

  private setFocusSide(side: Side): void {
    this.focusSide = side;
    this.a.host.parentElement!.classList.toggle('focused', side === 'a');
    this.b.host.parentElement!.classList.toggle('focused', side === 'b');
  }

  private wireScroll(from: Pane): void {
    from.editor.onDidScrollChange((e) => {
      if (!e.scrollTopChanged || !from.model) return;
      if (!this.syncing) {
        // Aligned rows sit at the same height in every pane (view zones), so one scrollTop serves all.
        this.syncing = true;
        for (const to of this.allPanes()) if (to !== from && to.model) to.editor.setScrollTop(e.scrollTop);
        this.syncing = false;
      }
      this.queueOverlay();
    });
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
    return this.view ? [this.view.docA, this.view.docB] : undefined;
  }

  private async openSelected(compute: boolean): Promise<void> {
    const docA = Number(this.pickA.value);
    const docB = Number(this.pickB.value);
    if (!docA || !docB) {
      this.app.error('Choose two documents first.');
      return;
    }
    const level = this.pickLevel.value as AlignLevel;
    const mode = (this.pickMode.value || undefined) as AlignMode | undefined;
    await this.open({ docA, docB, level }, compute, mode);
  }

  /** Loads a pair; with `compute`, runs the aligner first. */
  async open(at: OpenAt, compute = false, mode?: AlignMode): Promise<boolean> {
    this.build();
    const level = at.level ?? 'paragraph';
    let docB = at.docB;
    if (docB === undefined) {
      const found = await this.app.attempt('Finding an alignment', () => this.app.api.listAlignments());
      const hit = found?.find((s) => s.level === level && (s.docA === at.docA || s.docB === at.docA));
      if (!hit) {
        const d = this.app.doc(at.docA);
        const partner = d?.translations[0] ?? d?.translationOf ?? undefined;
        if (partner === undefined || partner === null) {
          this.app.error(`${this.app.docLabel(at.docA)} is not aligned with anything yet.`);
          return false;
        }
        docB = partner;
      } else {
        docB = hit.docA === at.docA ? hit.docB : hit.docA;
        if (hit.docB === at.docA) {
          // The document is on side b of that alignment: open it in its place.
          return this.open({ docA: hit.docA, docB: at.docA, level, paragraph: undefined }, false).then((ok) => {
            if (ok && at.paragraph !== undefined) this.revealParagraph('b', at.paragraph);
            return ok;
          });
        }
      }
    }
    const t0 = performance.now();
    this.lastLocalChange = Date.now();
    const result = await this.app.attempt(compute ? 'Aligning' : 'Opening the alignment', async () => {
      const [view, da, db, trs] = await Promise.all([
        compute ? this.app.api.align(at.docA, docB!, { level, mode }) : this.app.api.getAlignment(at.docA, docB!, level),
        this.app.api.getDocument(at.docA),
        this.app.api.getDocument(docB!),
        this.fetchTranslations(at.docA, docB!),
      ]);
      return { view, da, db, trs };
    });
    if (!result) return false;
    const tFetched = performance.now();
    if (!result.view) {
      this.app.error(`${this.app.docLabel(at.docA)} and ${this.app.docLabel(docB)} have no ${level} alignment yet: press Align.`);
      this.pickA.value = String(at.docA);
      this.pickB.value = String(docB);
      return false;
    }
    this.pickA.value = String(at.docA);
    this.pickB.value = String(docB);
    this.pickLevel.value = level;
    const sameDocs = false;
    if (!sameDocs) {
      // Every pane shares one font, so that their rows line up and look alike.
      const chars = Math.max(result.da.characters, result.db.characters, ...result.trs.map((t) => t.doc.characters));
      this.chars = chars;
      // The translation panes take their place first, so that each editor wraps at its final width.
      this.placeTranslations(result.trs);
      this.loadPane(this.a, result.da, level, chars);
      this.loadPane(this.b, result.db, level, chars);
      for (const t of result.trs) this.loadTranslation(t, chars);
    }
    const tPanes = performance.now();
    this.placeholder.style.display = 'none';
    this.setView(result.view, true);
    if (!sameDocs) this.cur = this.links.findIndex((l) => l.status === 'suggested');
    if (this.cur < 0 && this.links.length) this.cur = 0;
    this.updateDecorations();
    this.renderMentions();
    if (at.paragraph !== undefined) this.revealParagraph('a', at.paragraph);
    else if (!sameDocs) this.reveal();
    this.drawOverlayNow();
    this.updateInfo();
    try {
      localStorage.setItem('tandem.alignment', JSON.stringify({ docA: at.docA, docB, level }));
    } catch {
      /* storage may be disabled; reopening is a convenience */
    }
    const tEnd = performance.now();
    this.loaded = tEnd - t0;
    this.loadTimes = { ...this.loadTimes, fetch: tFetched - t0, panes: tPanes - tFetched, links: tEnd - tPanes };
    this.el.dataset.ready = String(result.view.id);
    this.syncPair(result.view);
    return true;
  }

  private loadPane(p: Pane, doc: DocumentDetail, level: AlignLevel, chars: number): void {
    const texts: string[] = [];
    const para: number[] = [];
    const offs: number[] = [];
    const labels: string[] = [];
    const translated = doc.translationOf !== null;
    for (const pg of doc.paragraphList) {
      const text = translated ? (pg.edited ?? pg.text) : pg.text;
      if (level === 'paragraph') {
        texts.push(text);
        para.push(pg.index);
        offs.push(0);
        labels.push(String(pg.index + 1));
      } else {
        const spans = pg.sentences.length ? pg.sentences : [[0, pg.text.length] as [number, number]];
        spans.forEach(([s, e], k) => {
          texts.push(pg.text.slice(s, e));
          para.push(pg.index);
          offs.push(s);
          labels.push(`${pg.index + 1}.${k + 1}`);
        });
      }
    }
    p.doc = doc;
    p.paragraphOf = Int32Array.from(para);
    p.offsetOf = Int32Array.from(offs);
    p.labels = labels;
    p.selected.clear();
    const old = p.model;
    // A line per segment: line breaks inside a segment would shift every later line.
    p.model = monaco.editor.createModel(texts.map((t) => t.replace(/[\r\n\u2028\u2029]+/g, ' ')).join('\n'), 'plaintext');
    p.zones.clear();
    p.decoKeys = new Array(texts.length).fill('');
    p.decoIds = new Array(texts.length).fill('');
    const rtl = isRtl(doc.lang);
    p.host.parentElement!.classList.toggle('rtl', rtl);
    p.editor.updateOptions({ ...wrapOptions(chars), lineNumbers: (n: number) => labels[n - 1] ?? '', lineNumbersMinChars: level === 'sentence' ? 6 : Math.max(3, String(texts.length).length + 1) });
    const tm0 = performance.now();
    p.editor.setModel(p.model);
    (this.loadTimes as Record<string, number>)[`setModel${p.name}`] = performance.now() - tm0;
    p.mentionDecos = p.editor.createDecorationsCollection();
    old?.dispose();
    clear(p.header,
      h('span', { class: 'pane-title', dir: 'auto' }, doc.title),
      h('span', { class: 'lang' }, doc.lang),
      h('span', { class: 'prov' }, doc.provenance.kind === 'mt' ? `MT ${doc.provenance.provider ?? ''}` : doc.translationOf !== null ? 'translation' : 'original'),
      h('span', { class: 'muted' }, `${texts.length} ${level === 'paragraph' ? '¶' : 'sentences'}`),
    );
    p.header.setAttribute('dir', rtl ? 'rtl' : 'ltr');
    const tm1 = performance.now();
    this.measure(p);
    (this.loadTimes as Record<string, number>)[`measure${p.name}`] = performance.now() - tm1;
  }

  /** Heights of the wrapped segments, without our zones: they change only with the text or the width. */
  private measure(p: Pane): void {
    const n = p.model?.getLineCount() ?? 0;
    const prefix = new Float64Array(n + 1);
    for (let line = 1; line <= n; line++) {
      prefix[line] = prefix[line - 1] + (p.editor.getBottomForLineNumber(line) - p.editor.getTopForLineNumber(line));
    }
    p.prefix = prefix;
  }

  private remeasure(): void {
    if (!this.view || !this.a.model || !this.b.model) return;
    for (const p of this.loadedPanes()) this.measure(p);
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
      jobs.push(Promise.all([this.app.api.getDocument(tr), this.app.api.getAlignment(id, tr, 'paragraph')])
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
      const wrap = t.host.parentElement!;
      if (wrap.hidden === want) {
        wrap.hidden = !want;
        moved = true;
      }
      if (!want && t.model) {
        t.editor.setModel(null);
        t.model.dispose();
        t.model = null;
        t.doc = null;
        t.tr = null;
        t.zones.clear();
        t.prefix = new Float64Array(1);
        if (this.lastPane === t) this.lastPane = null;
      }
    }
    this.el.dataset.translations = trs.map((t) => t.side).sort().join('');
    this.el.classList.toggle('with-translations', trs.length > 0);
    // automaticLayout would notice only on the next frame, after the texts were wrapped at the old width.
    if (moved) for (const p of this.allPanes()) if (!p.host.parentElement!.hidden) p.editor.layout();
  }

  /** Loads a translation beside its original (already loaded) and works out which rows start together. */
  private loadTranslation(t: TrFetch, chars: number): void {
    const pane = t.side === 'a' ? this.ta : this.tb;
    const orig = t.side === 'a' ? this.a : this.b;
    this.loadPane(pane, t.doc, 'paragraph', chars);
    pane.tr = trMap(orig, pane.model!.getLineCount(), t.align);
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
    const v = this.view;
    if (!v || !this.a.model || !this.b.model) return;
    // Keep the row at the top of the panes where it is.
    const topLine = this.a.editor.getVisibleRanges()[0]?.startLineNumber ?? 1;
    const trs = on ? await this.app.attempt('Loading the translations', () => this.fetchTranslations(v.docA, v.docB)) ?? [] : [];
    if (this.view !== v || this.showTr !== on) return;
    const chars = Math.max(this.chars, ...trs.map((t) => t.doc.characters));
    this.placeTranslations(trs);
    this.measure(this.a);
    this.measure(this.b);
    for (const t of trs) this.loadTranslation(t, chars);
    this.updateZones();
    this.updateDecorations();
    this.renderMentions();
    this.a.editor.setScrollTop(this.a.editor.getTopForLineNumber(topLine));
    this.drawOverlayNow();
    if (on && !trs.length) toast('Neither document is an original with an English translation to show beside it.', 'info');
  }

  get translationsShown(): boolean {
    return this.showTr;
  }

  // ---------------------------------------------------------------- rendering

  private setView(view: AlignmentData, fresh = false): void {
    const keep = !fresh && this.cur >= 0 ? this.links[this.cur] : undefined;
    // Patched and freshly loaded links are put in one order, so the cursor and N/P behave the same after either.
    this.links = inReadingOrder(view.links);
    this.view = { ...view, links: this.links };
    this.el.dataset.rev = String(Number(this.el.dataset.rev ?? 0) + 1);
    this.modeBadge.textContent = `${view.level} · ${view.mode}`;
    this.pickMode.value = view.mode;
    for (const p of [this.a, this.b]) {
      const n = p.model?.getLineCount() ?? 0;
      if (p.linkOf.length !== n) p.linkOf = new Int32Array(n);
      p.linkOf.fill(-1);
    }
    this.links.forEach((l, i) => {
      for (const x of l.a) if (x < this.a.linkOf.length && this.a.linkOf[x] < 0) this.a.linkOf[x] = i;
      for (const x of l.b) if (x < this.b.linkOf.length && this.b.linkOf[x] < 0) this.b.linkOf[x] = i;
    });
    if (keep) {
      // Operations replace links (new ids), so the cursor follows the segments it was on.
      const same = this.links.findIndex((l) => l.id === keep.id);
      let idx = same;
      if (idx < 0 && keep.a.length) idx = this.a.linkOf[keep.a[0]] ?? -1;
      if (idx < 0 && keep.b.length) idx = this.b.linkOf[keep.b[0]] ?? -1;
      if (idx < 0) idx = Math.min(this.cur, this.links.length - 1);
      this.cur = idx;
    }
    if (this.cur >= this.links.length) this.cur = this.links.length - 1;
    this.updateZones();
  }

  /** Anchors: links that start rows; they must go down both documents together. */
  private anchors(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let lastA = -1;
    let lastB = -1;
    for (const l of this.links) {
      if (!l.a.length || !l.b.length || l.status === 'rejected') continue;
      const a0 = l.a[0];
      const b0 = l.b[0];
      if (a0 > lastA && b0 > lastB) {
        out.push([a0, b0]);
        lastA = l.a[l.a.length - 1];
        lastB = l.b[l.b.length - 1];
      }
    }
    return out;
  }

  /**
   * Pads with blank view zones so that each row starts at one height in every
   * pane: an anchor's segments in A and B, and beside each original the
   * translation paragraph it is aligned with. Rows are taken in document
   * order; at each one, the panes that are higher up are padded down to the
   * lowest, and at the end every pane is made as tall as the tallest.
   */
  private updateZones(): void {
    const A = this.a;
    const B = this.b;
    if (!A.model || !B.model) return;
    const TA = this.beside(A);
    const TB = this.beside(B);
    const panes: Pane[] = [A, B];
    const iTA = TA ? panes.push(TA) - 1 : -1;
    const iTB = TB ? panes.push(TB) - 1 : -1;
    const want = panes.map(() => new Map<number, number>());
    const off = panes.map(() => 0);
    // The row being built: which panes, and the segment (0-based line) each starts it with.
    const idx: number[] = [];
    const lines: number[] = [];
    const row = () => {
      let top = -Infinity;
      for (let k = 0; k < idx.length; k++) top = Math.max(top, panes[idx[k]].prefix[lines[k]] + off[idx[k]]);
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k];
        const d = Math.round(top - (panes[i].prefix[lines[k]] + off[i]));
        if (d > 0) {
          // A zone after line n (1-based) sits just above segment n (0-based).
          want[i].set(lines[k], (want[i].get(lines[k]) ?? 0) + d);
          off[i] += d;
        }
      }
      idx.length = 0;
      lines.length = 0;
    };
    const ra = TA?.tr?.rows ?? NO_ROWS;
    const rb = TB?.tr?.rows ?? NO_ROWS;
    let ia = 0;
    let ib = 0;
    // Rows of one side only (an original and its translation) up to the next anchor; the other side is not involved.
    const sideRows = (limitA: number, limitB: number) => {
      for (; ia < ra.length && ra[ia] < limitA; ia += 2) {
        idx.push(0, iTA);
        lines.push(ra[ia], ra[ia + 1]);
        row();
      }
      for (; ib < rb.length && rb[ib] < limitB; ib += 2) {
        idx.push(1, iTB);
        lines.push(rb[ib], rb[ib + 1]);
        row();
      }
    };
    for (const [la, lb] of this.anchors()) {
      if (ra.length || rb.length) sideRows(la, lb);
      idx.push(0, 1);
      lines.push(la, lb);
      if (ia < ra.length && ra[ia] === la) {
        idx.push(iTA);
        lines.push(ra[ia + 1]);
        ia += 2;
      }
      if (ib < rb.length && rb[ib] === lb) {
        idx.push(iTB);
        lines.push(rb[ib + 1]);
        ib += 2;
      }
      row();
    }
    sideRows(Infinity, Infinity);
    panes.forEach((p, i) => {
      idx.push(i);
      lines.push(p.prefix.length - 1);
    });
    row();
    panes.forEach((p, i) => this.applyZones(p, want[i]));
  }

  private applyZones(p: Pane, want: Map<number, number>): void {
    const remove: string[] = [];
    const add: Array<[number, number]> = [];
    for (const [after, z] of p.zones) {
      if (want.get(after) !== z.height) remove.push(after + '');
    }
    for (const [after, height] of want) {
      const z = p.zones.get(after);
      if (!z || z.height !== height) add.push([after, height]);
    }
    if (!remove.length && !add.length) return;
    p.editor.changeViewZones((acc) => {
      for (const key of remove) {
        const after = Number(key);
        acc.removeZone(p.zones.get(after)!.id);
        p.zones.delete(after);
      }
      for (const [after, height] of add) {
        const domNode = document.createElement('div');
        domNode.className = 'pad-zone';
        const id = acc.addZone({ afterLineNumber: after, heightInPx: height, domNode, suppressMouseDown: true });
        p.zones.set(after, { id, height });
      }
    });
  }

  /** Status colours and the cursor, as line decorations; only lines whose look changed are touched. */
  private updateDecorations(): void {
    const cur = this.cur >= 0 ? this.links[this.cur] : undefined;
    for (const p of [this.a, this.b]) {
      if (!p.model) continue;
      const n = p.linkOf.length;
      const curSet = new Set(cur ? cur[p.side] : []);
      const oldIds: string[] = [];
      const changed: number[] = [];
      const decos: monaco.editor.IModelDeltaDecoration[] = [];
      for (let i = 0; i < n; i++) {
        const li = p.linkOf[i];
        const status = li < 0 ? 'none' : this.links[li].status;
        const multi = li >= 0 && (this.links[li].a.length !== 1 || this.links[li].b.length !== 1) ? 'm' : '';
        const key = `${status}${multi}${curSet.has(i) ? 'c' : ''}${p.selected.has(i) ? 's' : ''}`;
        if (key === p.decoKeys[i]) continue;
        p.decoKeys[i] = key;
        if (p.decoIds[i]) oldIds.push(p.decoIds[i]);
        changed.push(i);
        decos.push({
          range: new monaco.Range(i + 1, 1, i + 1, 1),
          options: {
            isWholeLine: true,
            className: `${curSet.has(i) ? 'seg-cur' : ''}${p.selected.has(i) ? ' seg-sel' : ''}` || null,
            linesDecorationsClassName: `st st-${status}${multi ? ' st-multi' : ''}`,
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        });
      }
      if (!changed.length) continue;
      const ids = p.model.deltaDecorations(oldIds, decos);
      changed.forEach((i, k) => (p.decoIds[i] = ids[k]));
    }
    for (const p of [this.a, this.b]) {
      const t = this.beside(p);
      if (t) this.mirrorRows(t, cur ? cur[p.side] : []);
    }
  }

  /** Tints the translation rows beside the current link and the selected segments of the original. */
  private mirrorRows(t: Pane, cur: number[]): void {
    const m = t.tr!;
    const keys = new Map<number, string>();
    const mark = (segs: Iterable<number>, cls: string) => {
      for (const seg of segs) {
        const para = m.orig.paragraphOf[seg];
        if (para === undefined || para >= m.trLo.length || m.trLo[para] < 0) continue;
        for (let line = m.trLo[para]; line <= m.trHi[para]; line++) keys.set(line, `${keys.get(line) ?? ''} ${cls}`.trim());
      }
    };
    mark(cur, 'seg-cur');
    mark(m.orig.selected, 'seg-sel');
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    for (const [line, cls] of keys) decos.push({ range: new monaco.Range(line + 1, 1, line + 1, 1), options: { isWholeLine: true, className: cls } });
    t.mirrorDecos!.set(decos);
  }

  /**
   * Fact mentions as coloured highlights, one colour per fact. A translation
   * pane shows its own mentions, and tints the whole paragraphs beside an
   * original paragraph that has a mention of a fact it does not mark itself.
   */
  private renderMentions(): void {
    if (!this.built) return;
    for (const p of this.allPanes()) {
      if (!p.model || !p.doc) continue;
      const decos: monaco.editor.IModelDeltaDecoration[] = [];
      const origId = p.tr?.orig.doc?.id;
      for (const f of this.app.facts) {
        const colour = factColourIndex(f.id);
        let own: Set<number> | null = null;
        for (const m of f.mentions) {
          if (m.docId !== p.doc.id) continue;
          const range = this.mentionRange(p, m.paragraph, m.start, m.end);
          if (range) decos.push({ range, options: { inlineClassName: `fact-hl fact-c${colour}`, hoverMessage: { value: f.label } } });
          (own ??= new Set()).add(m.paragraph);
        }
        if (origId === undefined) continue;
        const map = p.tr!;
        const carried = new Set<number>();
        for (const m of f.mentions) {
          if (m.docId !== origId || m.paragraph >= map.trLo.length || map.trLo[m.paragraph] < 0) continue;
          for (let line = map.trLo[m.paragraph]; line <= map.trHi[m.paragraph]; line++) {
            if (own?.has(p.paragraphOf[line]) || carried.has(line)) continue;
            carried.add(line);
            const len = p.model.getLineLength(line + 1);
            decos.push({ range: new monaco.Range(line + 1, 1, line + 1, len + 1), options: { inlineClassName: `fact-carried fact-t${colour}`, hoverMessage: { value: `${f.label} (marked in the original, paragraph ${m.paragraph + 1})` } } });
          }
        }
      }
      p.mentionDecos.set(decos);
    }
  }

  private mentionRange(p: Pane, paragraph: number, start: number, end: number): monaco.Range | null {
    // Segments of one paragraph are consecutive; find the first, then the one holding `start`.
    let lo = 0;
    let hi = p.paragraphOf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p.paragraphOf[mid] < paragraph) lo = mid + 1;
      else hi = mid;
    }
    if (p.paragraphOf[lo] !== paragraph) return null;
    let line = lo;
    while (line + 1 < p.paragraphOf.length && p.paragraphOf[line + 1] === paragraph && p.offsetOf[line + 1] <= start) line++;
    const base = p.offsetOf[line];
    const len = p.model!.getLineLength(line + 1);
    const s = Math.max(0, start - base);
    const e = Math.min(len, Math.max(s, end - base));
    if (start === end && start === 0) return new monaco.Range(line + 1, 1, line + 1, len + 1);
    return new monaco.Range(line + 1, s + 1, line + 1, e + 1);
  }

  private queueOverlay(): void {
    if (this.overlayQueued) return;
    this.overlayQueued = true;
    requestAnimationFrame(() => {
      this.overlayQueued = false;
      this.drawOverlayNow();
    });
  }

  /** Draws only the links with a segment on screen in either pane. */
  drawOverlayNow(): void {
    const svg = this.svg;
    const width = this.gutter.clientWidth;
    const height = this.gutter.clientHeight;
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    if (!this.view || !this.a.model || !this.b.model) {
      svg.replaceChildren();
      return;
    }
    const visible = new Set<number>();
    for (const p of [this.a, this.b]) {
      for (const r of p.editor.getVisibleRanges()) {
        for (let line = r.startLineNumber; line <= r.endLineNumber; line++) {
          const li = p.linkOf[line - 1];
          if (li >= 0) visible.add(li);
        }
      }
    }
    if (this.cur >= 0) visible.add(this.cur);
    const headA = this.a.header.offsetHeight;
    const topOf = (p: Pane, seg: number) => p.editor.getTopForLineNumber(seg + 1) - p.editor.getScrollTop() + headA;
    const besideA = this.beside(this.a);
    const besideB = this.beside(this.b);
    const bottomOf = (p: Pane, seg: number) => {
      const y = p.editor.getBottomForLineNumber(seg + 1) - p.editor.getScrollTop() + headA;
      // The gutter touches the translation beside the original: a link ending a row spans that row there.
      const t = p === this.a ? besideA : p === this.b ? besideB : null;
      const line = t ? t.tr!.endBeside[seg] : -1;
      return line >= 0 ? Math.max(y, t!.editor.getBottomForLineNumber(line + 1) - t!.editor.getScrollTop() + headA) : y;
    };
    const parts: string[] = [];
    const ns = 'http://www.w3.org/2000/svg';
    const frag = document.createDocumentFragment();
    for (const li of visible) {
      const l = this.links[li];
      if (!l) continue;
      const isCur = li === this.cur;
      const colour = STATUS_COLOUR[l.status] ?? '#888';
      const opacity = l.status === 'rejected' ? 0.55 : 0.25 + 0.75 * Math.max(0, Math.min(1, l.confidence));
      if (l.a.length && l.b.length) {
        const a0 = topOf(this.a, l.a[0]) + 2;
        const a1 = bottomOf(this.a, l.a[l.a.length - 1]) - 2;
        const b0 = topOf(this.b, l.b[0]) + 2;
        const b1 = bottomOf(this.b, l.b[l.b.length - 1]) - 2;
        if (Math.max(a1, b1) < -50 || Math.min(a0, b0) > height + 50) continue;
        const x0 = 3;
        const x1 = width - 3;
        const mid = width / 2;
        const path = document.createElementNS(ns, 'path');
        path.setAttribute('d', `M${x0},${a0} C${mid},${a0} ${mid},${b0} ${x1},${b0} L${x1},${b1} C${mid},${b1} ${mid},${a1} ${x0},${a1} Z`);
        path.setAttribute('fill', colour);
        path.setAttribute('fill-opacity', String(isCur ? Math.min(0.6, opacity * 0.6) : opacity * 0.28));
        path.setAttribute('stroke', colour);
        path.setAttribute('stroke-opacity', String(opacity));
        path.setAttribute('stroke-width', isCur ? '2.5' : String(0.8 + l.confidence * 1.2));
        if (l.status === 'rejected') path.setAttribute('stroke-dasharray', '4 3');
        path.setAttribute('data-link', String(li));
        path.setAttribute('class', `lk lk-${l.status}${isCur ? ' lk-cur' : ''}`);
        const title = document.createElementNS(ns, 'title');
        title.textContent = `${l.status} · confidence ${l.confidence.toFixed(2)} · ${l.a.length}:${l.b.length} · ${l.origin}`;
        path.append(title);
        frag.append(path);
      } else {
        // A segment with no partner: a short tick on its own side.
        const p = l.a.length ? this.a : this.b;
        const segs = l[p.side];
        const y0 = topOf(p, segs[0]) + 2;
        const y1 = bottomOf(p, segs[segs.length - 1]) - 2;
        const rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', p.side === 'a' ? '2' : String(width - 12));
        rect.setAttribute('y', String(y0));
        rect.setAttribute('width', '10');
        rect.setAttribute('height', String(Math.max(4, y1 - y0)));
        rect.setAttribute('fill', colour);
        rect.setAttribute('fill-opacity', '0.5');
        rect.setAttribute('data-link', String(li));
        frag.append(rect);
      }
    }
    parts.length = 0;
    svg.replaceChildren(frag);
  }

  private updateInfo(): void {
    if (!this.view) {
      this.info.textContent = '';
      return;
    }
    const total = this.links.length;
    let confirmed = 0;
    let rejected = 0;
    for (const l of this.links) {
      if (l.status === 'confirmed') confirmed++;
      else if (l.status === 'rejected') rejected++;
    }
    const l = this.cur >= 0 ? this.links[this.cur] : undefined;
    const seg = (side: Side, xs: number[]) => {
      const p = side === 'a' ? this.a : this.b;
      if (!xs.length) return '∅';
      return xs.length === 1 ? p.labels[xs[0]] : `${p.labels[xs[0]]}–${p.labels[xs[xs.length - 1]]}`;
    };
    const sel = this.a.selected.size || this.b.selected.size ? ` · selected ${this.a.selected.size}:${this.b.selected.size} (L links them)` : '';
    clear(this.info,
      h('span', { class: 'pill' }, `${confirmed}/${total} confirmed`),
      rejected ? h('span', { class: 'pill pill-bad' }, `${rejected} rejected`) : null,
      l
        ? h('span', { class: 'cur-desc' },
          h('b', null, `Link ${this.cur + 1}/${total}`), ` · A ${seg('a', l.a)} ↔ B ${seg('b', l.b)} · ${l.a.length}:${l.b.length} · `,
          h('span', { class: `st-text st-text-${l.status}` }, l.status), ` · confidence ${l.confidence.toFixed(2)} · ${l.origin}${l.annotator ? ` · ${l.annotator}` : ''}`)
        : h('span', { class: 'muted' }, total ? 'no link selected' : 'No links yet: click a segment in each pane (Shift+click for more) and press L, or press Align.'),
      h('span', { class: 'muted' }, sel),
      h('span', { class: 'grow' }),
      h('span', { class: 'muted' }, `Focused side: ${this.focusSide.toUpperCase()} (Alt+↑/↓ moves its boundary)`),
    );
    this.updateNotice();
    this.el.dataset.cur = String(this.cur);
    this.el.dataset.links = String(total);
    this.el.dataset.confirmed = String(confirmed);
  }

  // ---------------------------------------------------------------- cursor & selection

  private setCurrent(idx: number, reveal = true): void {
    if (idx < 0 || idx >= this.links.length) return;
    this.cur = idx;
    this.updateDecorations();
    if (reveal) this.reveal();
    this.drawOverlayNow();
    this.updateInfo();
  }

  private reveal(): void {
    const l = this.links[this.cur];
    if (!l) return;
    const p = l.a.length ? this.a : this.b;
    const seg = l[p.side][0];
    const top = p.editor.getTopForLineNumber(seg + 1);
    const st = p.editor.getScrollTop();
    const hgt = p.editor.getLayoutInfo().height;
    const bottom = p.editor.getBottomForLineNumber(l[p.side][l[p.side].length - 1] + 1);
    if (top < st + 20 || bottom > st + hgt - 20) p.editor.setScrollTop(Math.max(0, top - hgt / 3));
  }

  revealParagraph(side: Side, paragraph: number): void {
    const p = side === 'a' ? this.a : this.b;
    const seg = p.paragraphOf.indexOf(paragraph);
    if (seg < 0) return;
    const li = p.linkOf[seg];
    if (li >= 0) this.cur = li;
    p.selected.clear();
    p.selected.add(seg);
    p.editor.setScrollTop(Math.max(0, p.editor.getTopForLineNumber(seg + 1) - p.editor.getLayoutInfo().height / 3));
    this.updateDecorations();
    this.drawOverlayNow();
    this.updateInfo();
  }

  /** Selects segments first..last of an aligned pane (one segment, or those beside a translation paragraph). */
  private clickSegment(p: Pane, seg: number, last: number, shift: boolean, toggle: boolean): void {
    this.setFocusSide(p.side);
    if (shift && p.selected.size) {
      const anchor = [...p.selected].pop()!;
      const [lo, hi] = anchor < seg ? [anchor, last] : [seg, anchor];
      for (let i = lo; i <= hi; i++) p.selected.add(i);
    } else if (toggle) {
      let all = true;
      for (let i = seg; i <= last; i++) all &&= p.selected.has(i);
      for (let i = seg; i <= last; i++) {
        if (all) p.selected.delete(i);
        else p.selected.add(i);
      }
    } else {
      p.selected.clear();
      for (let i = seg; i <= last; i++) p.selected.add(i);
    }
    const li = p.linkOf[seg];
    if (li >= 0) this.cur = li;
    this.updateDecorations();
    this.drawOverlayNow();
    this.updateInfo();
  }

  private jump(dir: 1 | -1, pred: (l: Link) => boolean): void {
    const n = this.links.length;
    if (!n) return;
    for (let k = 1; k <= n; k++) {
      const i = (((this.cur + dir * k) % n) + n) % n;
      if (pred(this.links[i])) {
        this.setCurrent(i);
        return;
      }
    }
    toast('No such link left.', 'info');
  }

  // ---------------------------------------------------------------- operations

  private current(): Link | undefined {
    const l = this.cur >= 0 ? this.links[this.cur] : undefined;
    if (!l) this.app.error('No current link: click a segment or press N.');
    return l;
  }

  /**
   * Sends one operation and re-renders from what it returns, a whole view or
   * link deltas; resolves after the re-render. Operations go through the app's
   * queue, so deltas are applied in the order the server made them.
   */
  async run(name: string, call: () => Promise<Outcome>, after?: () => void): Promise<OpTiming | undefined> {
    if (!this.view || this.busy) return undefined;
    this.busy = true;
    this.lastLocalChange = Date.now();
    this.el.classList.add('busy');
    try {
      return await this.app.serial(async () => {
        const t0 = performance.now();
        try {
          const outcome = await call();
          const t1 = performance.now();
          this.lastLocalChange = Date.now();
          if (Array.isArray(outcome)) this.patch(outcome);
          else {
            this.setView(outcome);
            // A whole view comes from re-align or a reload, which return no undo state of their own.
            void this.app.refreshInfo().catch(() => undefined);
          }
          after?.();
          this.updateDecorations();
          this.drawOverlayNow();
          this.updateInfo();
          const t2 = performance.now();
          this.lastTiming = { op: name, total: t2 - t0, api: t1 - t0, render: t2 - t1 };
          return this.lastTiming;
        } catch (err) {
          this.app.error(`${name}: ${(err as Error).message}`);
          return undefined;
        }
      });
    } finally {
      this.busy = false;
      this.el.classList.remove('busy');
    }
  }

  private edit(name: string, op: LinkOperation, after?: () => void): Promise<OpTiming | undefined> {
    const id = this.view!.id;
    return this.run(name, async () => {
      const r = await this.app.api.editLinks(id, op);
      this.app.setHistoryState(r);
      return [r.delta];
    }, after);
  }

  /** Marks a change this window is about to make, so that the server's "changed" echo does not reload the view. */
  expectChange(): void {
    this.lastLocalChange = Date.now();
  }

  /**
   * Applies link deltas from undo or redo and re-renders; returns the time it
   * took, or null when none concerned the open alignment. Another alignment
   * needs nothing here: opening it always fetches it afresh.
   */
  applyDeltas(deltas: LinkDelta[]): number | null {
    if (!this.view || !deltas.some((d) => d.alignmentId === this.view!.id)) return null;
    const t0 = performance.now();
    this.lastLocalChange = Date.now();
    this.patch(deltas);
    this.updateDecorations();
    this.drawOverlayNow();
    this.updateInfo();
    return performance.now() - t0;
  }

  /** Takes the deltas for the open alignment into the local links, in order. */
  private patch(deltas: LinkDelta[]): void {
    const view = this.view!;
    this.setView({ ...view, links: applyLinkDeltas(this.links, view.id, deltas) });
  }

  async confirm(): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    const next = () => {
      // Confirming moves on, as in a CAT tool: to the next link still waiting for a decision.
      const n = this.links.length;
      for (let k = 1; k < n; k++) {
        const i = (this.cur + k) % n;
        if (this.links[i].status === 'suggested') {
          this.cur = i;
          this.reveal();
          return;
        }
      }
    };
    return this.edit('confirm', { op: 'confirm', linkIds: [l.id] }, next);
  }

  async reject(): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    return this.edit('reject', { op: 'reject', linkIds: [l.id] });
  }

  async merge(): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    return this.edit('merge', { op: 'merge', linkId: l.id });
  }

  async split(): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    return this.edit('split', { op: 'split', linkId: l.id });
  }

  async moveBoundary(direction: 'up' | 'down', side: Side = this.focusSide): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    return this.edit(`move-boundary-${direction}`, { op: 'move-boundary', linkId: l.id, side, direction });
  }

  async linkSelected(): Promise<OpTiming | undefined> {
    const a = [...this.a.selected].sort((x, y) => x - y);
    const b = [...this.b.selected].sort((x, y) => x - y);
    if (!a.length || !b.length) {
      this.app.error('Select a segment in each pane first (click; Shift+click for several), then press L.');
      return;
    }
    return this.edit('link', { op: 'link', a, b }, () => {
      this.a.selected.clear();
      this.b.selected.clear();
      const li = this.a.linkOf[a[0]];
      if (li >= 0) this.cur = li;
    });
  }

  async unlink(): Promise<OpTiming | undefined> {
    const l = this.current();
    if (!l) return;
    return this.edit('unlink', { op: 'unlink', linkId: l.id });
  }

  async realign(): Promise<OpTiming | undefined> {
    if (!this.view) return;
    const id = this.view.id;
    return this.run('realign', () => this.app.api.realign(id));
  }

  /** After undo/redo elsewhere: reload the links of the open pair. */
  async reload(): Promise<OpTiming | undefined> {
    if (!this.view) return;
    const { docA, docB, level } = this.view;
    return this.run('reload', async () => {
      const v = await this.app.api.getAlignment(docA, docB, level);
      if (!v) throw new Error('The alignment is gone.');
      return v;
    });
  }

  /** The text selected in a pane, as a paragraph-relative span, for attaching a fact. */
  selectionTarget(): { docId: number; paragraph: number; start: number; end: number; quote: string } | null {
    const order = [this.focusSide === 'a' ? this.a : this.b, this.focusSide === 'a' ? this.b : this.a];
    // Text chosen in a translation is a mention there (the server also carries it to the original paragraph).
    if (this.lastPane?.tr && this.lastPane.model) order.unshift(this.lastPane);
    for (const p of order) {
      if (!p.model || !p.doc) continue;
      const sel = p.editor.getSelection();
      if (!sel) continue;
      const line = sel.startLineNumber;
      const seg = line - 1;
      const len = p.model.getLineLength(line);
      let s = sel.startColumn - 1;
      let e = sel.endLineNumber === line ? sel.endColumn - 1 : len;
      if (sel.isEmpty()) {
        if (!p.selected.size) continue;
        const only = [...p.selected][0];
        const base = p.offsetOf[only];
        return { docId: p.doc.id, paragraph: p.paragraphOf[only], start: base, end: base + p.model.getLineLength(only + 1), quote: p.model.getLineContent(only + 1) };
      }
      const base = p.offsetOf[seg];
      const quote = p.model.getValueInRange(new monaco.Range(line, s + 1, line, e + 1));
      s += base;
      e += base;
      return { docId: p.doc.id, paragraph: p.paragraphOf[seg], start: s, end: e, quote };
    }
    return null;
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
    const v = this.view;
    const empty = !!v && v.mode === 'comparable' && !this.links.some((l) => l.status !== 'rejected');
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

  // ---------------------------------------------------------------- stories

  /** The original articles of a story, oldest first (the order the server pairs them in). */
  private originalsOf(story: string): number[] {
    return this.app.docs.filter((d) => d.translationOf === null && (d.collection ?? '') === story).map((d) => d.id).sort((x, y) => x - y);
  }

  private fillStories(): void {
    if (!this.built) return;
    const stories = new Map<string, number>();
    for (const d of this.app.docs) {
      if (d.translationOf !== null || d.collection === null) continue;
      stories.set(d.collection, (stories.get(d.collection) ?? 0) + 1);
    }
    const usable = [...stories].filter(([, n]) => n >= 2).sort((x, y) => x[0].localeCompare(y[0]));
    this.storyBar.hidden = !usable.length;
    clear(this.storyPick, h('option', { value: '' }, '— story —'), usable.map(([name, n]) => h('option', { value: name }, `${name} · ${n} articles · ${(n * (n - 1)) / 2} pair${n === 2 ? '' : 's'}`)));
    if (this.story && usable.some(([name]) => name === this.story)) {
      this.storyPick.value = this.story;
      const n = this.originalsOf(this.story).length;
      // An article came or went: list the pairs again.
      if ((n * (n - 1)) / 2 !== this.pairs.length && !this.storyRunning) void this.selectStory(this.story);
    } else if (usable.length === 1 && !this.story) void this.selectStory(usable[0][0]);
    else if (this.story) void this.selectStory(null);
    this.renderStory();
  }

  /** Chooses a story: lists its pairs with what is stored for each, without computing anything. */
  async selectStory(story: string | null): Promise<void> {
    this.build();
    // A summary belongs to the story it was made for.
    if (story !== this.story) clear(this.storySummary);
    this.story = story;
    this.storyPick.value = story ?? '';
    if (!story) {
      this.pairs = [];
      this.pairIdx = -1;
      this.renderStory();
      return;
    }
    const ids = this.originalsOf(story);
    const pairs: StoryPair[] = [];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push({ docA: ids[i], docB: ids[j], links: null });
    const stored = await this.app.attempt('Listing alignments', () => this.app.api.listAlignments()) ?? [];
    for (const p of pairs) this.takeStored(p, stored);
    if (this.story !== story) return;
    this.pairs = pairs;
    this.pairIdx = this.view ? pairs.findIndex((p) => (p.docA === this.view!.docA && p.docB === this.view!.docB) || (p.docA === this.view!.docB && p.docB === this.view!.docA)) : -1;
    this.renderStory();
  }

  private takeStored(p: StoryPair, stored: AlignmentSummary[]): void {
    const hit = stored.find((s) => s.level === 'paragraph' && s.docA === p.docA && s.docB === p.docB)
      ?? stored.find((s) => s.level === 'paragraph' && s.docA === p.docB && s.docB === p.docA);
    if (!hit) return;
    p.alignmentId = hit.id;
    // The summary counts every link; rejected ones are few, and a run recounts them exactly.
    p.links = hit.links;
  }

  private renderStory(): void {
    if (!this.built) return;
    const has = this.pairs.length > 0;
    this.storyGo.disabled = !this.story || this.storyRunning;
    this.pairPick.disabled = !has || this.storyRunning;
    this.pairPrev.disabled = !has || this.storyRunning;
    this.pairNext.disabled = !has || this.storyRunning;
    clear(this.pairPick, has
      ? [h('option', { value: '', disabled: true, hidden: true }, `— ${this.pairs.length} pair${this.pairs.length === 1 ? '' : 's'}: choose one —`), ...this.pairs.map((p, i) => h('option', { value: String(i) },
        `${i + 1}/${this.pairs.length} · ${this.pairName(p)} · ${p.error ? 'failed' : p.links === null ? 'not aligned' : `${fmtInt(p.links)} link${p.links === 1 ? '' : 's'}${p.links === 0 ? ' ⚠' : ''}`}`))]
      : h('option', { value: '' }, this.story ? 'no pairs' : 'choose a story'));
    this.pairPick.value = this.pairIdx >= 0 ? String(this.pairIdx) : '';
    this.storyBar.dataset.pairs = String(this.pairs.length);
    this.storyBar.dataset.pair = String(this.pairIdx);
  }

  private pairName(p: StoryPair): string {
    const short = (id: number) => {
      const d = this.app.doc(id);
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
  async alignStory(story: string | null = this.story): Promise<StoryRun | undefined> {
    this.build();
    if (this.storyRunning) return undefined;
    if (!story) {
      this.app.error('Choose a story first.');
      return undefined;
    }
    if (story !== this.story || !this.pairs.length) await this.selectStory(story);
    const pairs = this.pairs;
    if (!pairs.length) {
      this.app.error(`“${story}” has fewer than two original articles.`);
      return undefined;
    }
    this.storyRunning = true;
    this.storyBar.classList.add('running');
    this.renderStory();
    this.storyProgress.hidden = false;
    this.storyProgress.setAttribute('aria-valuemax', String(pairs.length));
    clear(this.storySummary);
    let links = 0;
    let failed = 0;
    const bar = h('div', { class: 'bar', style: 'width:0%' });
    const text = h('span', { class: 'ptext' });
    clear(this.storyProgress, bar, text);
    try {
      for (const [k, p] of pairs.entries()) {
        bar.style.width = `${(100 * k) / pairs.length}%`;
        text.textContent = `Aligning pair ${k + 1} of ${pairs.length}: ${this.pairName(p)}`;
        this.storyProgress.setAttribute('aria-valuenow', String(k));
        this.storyProgress.setAttribute('aria-valuetext', text.textContent);
        this.lastLocalChange = Date.now();
        try {
          const v = await this.app.api.align(p.docA, p.docB, { mode: 'comparable', level: 'paragraph' });
          p.alignmentId = v.id;
          p.links = v.links.filter((l) => l.status !== 'rejected').length;
          p.error = undefined;
          links += p.links;
        } catch (err) {
          p.error = (err as Error).message;
          failed++;
        }
        this.lastLocalChange = Date.now();
      }
      bar.style.width = '100%';
      this.storyProgress.setAttribute('aria-valuenow', String(pairs.length));
    } finally {
      this.storyRunning = false;
      this.storyBar.classList.remove('running');
      this.storyProgress.hidden = true;
    }
    const run: StoryRun = { story, pairs: pairs.length, links, failed };
    this.lastStoryRun = run;
    const empty = pairs.filter((p) => p.links === 0);
    const missing = [...new Set(pairs.flatMap((p) => [p.docA, p.docB]))].filter((d) => !this.hasPivot(d));
    clear(this.storySummary,
      h('b', { dataset: { storySummary: '1' } }, `${fmtInt(links)} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}`),
      failed ? h('span', { class: 'bad-text' }, ` · ${failed} failed: ${pairs.find((p) => p.error)?.error ?? ''}`) : null,
      empty.length ? h('span', { class: 'muted' }, ` · ${empty.length} with none`) : null,
      missing.length ? h('span', { class: 'warn-text' }, ` · no English translation yet: ${missing.map((d) => this.app.doc(d)?.lang ?? '#' + d).join(', ')}`) : null,
      missing.length ? h('button', { class: 'link', dataset: { op: 'translate-missing' }, onclick: () => this.app.prepareTranslate(missing) }, 'translate them') : null,
    );
    this.storyBar.dataset.links = String(links);
    toast(`${story}: ${links} link${links === 1 ? '' : 's'} across ${pairs.length} pair${pairs.length === 1 ? '' : 's'}.`, failed ? 'error' : 'ok');
    void this.app.refreshInfo().catch(() => undefined);
    const first = pairs.findIndex((p) => !!p.links);
    await this.openPair(first >= 0 ? first : 0);
    return run;
  }

  /** Opens the stored alignment of the story's pair `i` (paragraph level). */
  async openPair(i: number): Promise<boolean> {
    const p = this.pairs[i];
    if (!p) return false;
    this.pairIdx = i;
    this.renderStory();
    if (p.links === null && !p.error) {
      // Not aligned yet: put the pair in the pickers, ready for Align.
      this.pickA.value = String(p.docA);
      this.pickB.value = String(p.docB);
      this.pickMode.value = 'comparable';
      toast(`${this.pairName(p)} is not aligned yet: press Align, or Align all pairs.`, 'info');
      return false;
    }
    const stored = await this.app.attempt('Finding the alignment', () => this.app.api.getAlignment(p.docA, p.docB, 'paragraph'));
    const ok = stored ? await this.open({ docA: p.docA, docB: p.docB, level: 'paragraph' }) : await this.open({ docA: p.docB, docB: p.docA, level: 'paragraph' });
    this.pairIdx = i;
    this.renderStory();
    return ok;
  }

  /** Keeps the pair stepper on the pair shown, and its count up to date. */
  private syncPair(v: AlignmentData): void {
    const i = this.pairs.findIndex((p) => (p.docA === v.docA && p.docB === v.docB) || (p.docA === v.docB && p.docB === v.docA));
    if (i >= 0 && v.level === 'paragraph') {
      this.pairs[i].links = v.links.filter((l) => l.status !== 'rejected').length;
      this.pairs[i].alignmentId = v.id;
    }
    this.pairIdx = v.level === 'paragraph' ? i : -1;
    this.renderStory();
  }

  async stepPair(dir: 1 | -1): Promise<void> {
    if (!this.pairs.length || this.storyRunning) return;
    const i = this.pairIdx < 0 ? (dir > 0 ? 0 : this.pairs.length - 1) : (this.pairIdx + dir + this.pairs.length) % this.pairs.length;
    await this.openPair(i);
  }

  /** The pairs of the chosen story, for tests. */
  storyPairs(): readonly StoryPair[] {
    return this.pairs;
  }

  // ---------------------------------------------------------------- view plumbing

  show(): void {
    this.build();
    if (!this.view) {
      let saved: OpenAt | null = null;
      try {
        saved = JSON.parse(localStorage.getItem('tandem.alignment') ?? 'null') as OpenAt | null;
      } catch {
        saved = null;
      }
      if (saved && this.app.doc(saved.docA) && saved.docB !== undefined && this.app.doc(saved.docB)) void this.open(saved);
    }
    requestAnimationFrame(() => {
      for (const p of this.allPanes()) if (!p.host.parentElement!.hidden) p.editor.layout();
      this.drawOverlayNow();
    });
  }

  changed(what: string): void {
    if (!this.view || (what !== 'alignment' && what !== 'all')) return;
    // Our own operations already re-rendered; only changes made elsewhere need a reload.
    if (Date.now() - this.lastLocalChange < 1500) return;
    void this.reload();
  }

  /** For the benchmark and tests: scrolls to a segment and draws synchronously. */
  scrollToSegment(seg: number): number {
    const t0 = performance.now();
    this.a.editor.setScrollTop(this.a.editor.getTopForLineNumber(seg + 1));
    this.drawOverlayNow();
    return performance.now() - t0;
  }

  /** The scroll position of each pane holding a document (a, b, ta, tb), for tests. */
  scrollTops(): Record<string, number> {
    return Object.fromEntries(this.loadedPanes().map((p) => [p.name, p.editor.getScrollTop()]));
  }

  /** Selects text in a segment, as a drag would (tests use it; offsets are into the segment). */
  selectText(side: Side, seg: number, start: number, end: number): void {
    const p = side === 'a' ? this.a : this.b;
    this.setFocusSide(side);
    p.editor.focus();
    p.editor.setSelection(new monaco.Selection(seg + 1, start + 1, seg + 1, end + 1));
  }

  selectSegments(a: number[], b: number[]): void {
    this.a.selected = new Set(a);
    this.b.selected = new Set(b);
    this.updateDecorations();
    this.updateInfo();
  }

  setCursor(idx: number): void {
    this.setCurrent(idx);
  }

  cursorOfSegment(seg: number, side: Side = 'a'): number {
    return (side === 'a' ? this.a : this.b).linkOf[seg] ?? -1;
  }

  /** The links as this view holds them, in its order; tests compare them with the stored alignment. */
  shownLinks(): readonly Link[] {
    return this.links;
  }

  get linkCount(): number {
    return this.links.length;
  }

  onKey(e: KeyboardEvent, typing: boolean): boolean {
    if (typing) return false;
    const k = e.key;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (plain && (k === 't' || k === 'T')) {
      void this.setShowTranslations(!this.showTr);
      return true;
    }
    if (!this.view) return false;
    if (e.altKey && !e.ctrlKey && (k === 'ArrowUp' || k === 'ArrowDown')) {
      void this.moveBoundary(k === 'ArrowUp' ? 'up' : 'down');
      return true;
    }
    if (!plain) return false;
    switch (k) {
      case 'Enter':
      case 'c':
      case 'C':
        void this.confirm();
        return true;
      case 'r':
      case 'R':
      case 'Delete':
        void this.reject();
        return true;
      case 'm':
      case 'M':
        void this.merge();
        return true;
      case 's':
      case 'S':
        void this.split();
        return true;
      case 'l':
      case 'L':
        void this.linkSelected();
        return true;
      case 'u':
      case 'U':
        void this.unlink();
        return true;
      case 'n':
        this.jump(1, (l) => l.status === 'suggested');
        return true;
      case 'N':
        this.jump(1, (l) => l.a.length !== 1 || l.b.length !== 1);
        return true;
      case 'p':
        this.jump(-1, (l) => l.status === 'suggested');
        return true;
      case 'P':
        this.jump(-1, (l) => l.a.length !== 1 || l.b.length !== 1);
        return true;
      case 'a':
      case 'A':
        void this.realign();
        return true;
      case 'ArrowDown':
      case 'j':
        this.setCurrent(Math.min(this.links.length - 1, this.cur + 1));
        return true;
      case 'ArrowUp':
      case 'k':
        this.setCurrent(Math.max(0, this.cur - 1));
        return true;
      case '[':
        void this.stepPair(-1);
        return true;
      case ']':
        void this.stepPair(1);
        return true;
      case 'Tab':
        this.setFocusSide(this.focusSide === 'a' ? 'b' : 'a');
        this.updateInfo();
        return true;
      case 'Escape':
        this.a.selected.clear();
        this.b.selected.clear();
        this.updateDecorations();
        this.updateInfo();
        return true;
      default:
        return false;
    }
  }
}
