import type { StoryMap } from '../../../common/api';
import type { CommandId } from '../../../common/commands';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import { App, FACT_COLOURS, factColourIndex, type View } from '../app';
import { clear, fmtInt, h, toast } from '../ui';
import { listen } from '../alignment/gutter';
import { layoutMap, paragraphAt, visibleBlocks, visibleLinks, type MapLayout } from '../storymap/layout';
import { curveWithin, linkCurve, linkStubs, pointAt, strokePieces, type Cubic } from '../storymap/curves';

const STORY_KEY = 'tandem.storyMap';
/** The articles outside any story, as the story picker names them. */
const NO_STORY = '\u0000none';
/** Blocks and links this far above and below the screen are drawn too, so that a short scroll shows no gap. */
/** How near the edge of the drawn slice the view may come before the slice is drawn again. */
const MARGIN = 120;
/**
 * A link between paragraphs further apart than this (in pixels of height) cannot be seen whole: it is
 * drawn as a short stub at each end, bending the way the other end lies, and whole when its paragraph
 * is focused or pointed at.
 */
const LONG = 1000;
const STUB = 150;
const HEADER = 44;
/** Where the map's content starts below the top of the scrolled area: the column heads and a margin. */
const CONTENT_TOP = HEADER + 10;
/** How close to a line the pointer must be to point at it. */
const HIT_WIDTH = 9;
const UNCLUSTERED = '#8a95a1';

type MapLink = StoryMap['links'][number];

/** A link as drawn: its index in the map, its curve, and how it looks. */
interface DrawnLink {
  i: number;
  /** 1: plain; 2: a link of the focused or pointed-at paragraph; 3: the chosen or pointed-at link. */
  rank: number;
  /** The part on the canvas, solid, for pointing at it. */
  path: Path2D;
  curve: Cubic;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dashed: boolean;
}

/**
 * The story map: the articles of a story side by side, as columns of
 * paragraph blocks, with the links between them drawn (confirmed solid,
 * suggested dashed, coloured by the group of linked paragraphs they belong
 * to; tagged facts as coloured dots). Clicking a link opens that pair in the
 * alignment view at that link. Only what is on screen is drawn, so a story of
 * five 1,000-paragraph articles scrolls as lightly as a short one. The
 * keyboard moves a focus between paragraph blocks (arrows, or H J K L), picks
 * one of the paragraph's links (N, P), follows it (G) and opens it (Enter).
 */
export class StoryMapPanel implements View, Disposable {
  readonly id = 'storymap' as const;
  readonly title = 'Story map';
  readonly el: HTMLElement;
  private readonly store = new DisposableStore();
  private built = false;
  private map: StoryMap | null = null;
  private layout: MapLayout | null = null;
  private story: string | null = null;
  private focusCol = 0;
  private focusPara = 0;
  /** Index into the focused paragraph's links (as linksOfFocus orders them). */
  private linkSel = 0;
  private showSuggested = true;
  private showConfirmed = true;
  /** The block under the pointer, whose links are lit. */
  private hoverKey: string | null = null;
  private frame = 0;
  private loading = 0;
  private pick!: HTMLSelectElement;
  private counts!: HTMLElement;
  private suggestedBox!: HTMLInputElement;
  private confirmedBox!: HTMLInputElement;
  private scroller!: HTMLElement;
  private header!: HTMLElement;
  private canvas!: HTMLElement;
  private blocks!: HTMLElement;
  /** The links, drawn on a canvas the size of the screen that moves with the scroll. */
  private linkLayer!: HTMLCanvasElement;
  /** Links drawn on the base layer (plain), and on the overlay (lit, chosen, pointed at). */
  private baseLinks: DrawnLink[] = [];
  private overlayLinks: DrawnLink[] = [];
  private overlay!: HTMLCanvasElement;
  /** The slice must be drawn again (a new map, a new layout, a filter). */
  private sliceDirty = true;
  /** The slice of the map drawn now, in content coordinates: the screen and about a screen above and below. */
  private layerTop = 0;
  private layerHeight = 0;
  /** Holds the drawn slice (link canvas and blocks), so that what the browser paints is never taller than it. */
  private window!: HTMLElement;
  /** The block elements made, by "column:paragraph"; only those near the screen exist. */
  private readonly blockEls = new Map<string, HTMLElement>();
  /** The link under the pointer, drawn on top and named in the tooltip. */
  private hoverLink: number | null = null;
  private side!: HTMLElement;
  private detail!: HTMLElement;
  private groups!: HTMLElement;
  private live!: HTMLElement;
  private placeholder!: HTMLElement;
  /** Timings of the last load and draw, for tests and the benchmark. */
  timings: { fetch: number; layout: number; draw: number; lastDraw: number } = { fetch: 0, layout: 0, draw: 0, lastDraw: 0 };

  constructor(private readonly app: App) {
    this.el = h('section', { class: 'view view-storymap' });
    this.store.add(this.registerCommands());
    this.store.add(app.on('docs', () => this.fillPicker()));
    this.store.add(app.on('facts', () => this.markStale()));
    this.store.add(toDisposable(() => cancelAnimationFrame(this.frame)));
  }

  // ---------------------------------------------------------------- building

  private build(): void {
    if (this.built) return;
    this.built = true;
    const store = this.store;
    this.pick = h('select', { id: 'storymap-story', 'aria-label': 'Story', title: 'The story to map: its original articles' });
    this.counts = h('span', { class: 'sm-counts muted' });
    this.confirmedBox = h('input', { type: 'checkbox', checked: true, id: 'sm-confirmed' });
    this.suggestedBox = h('input', { type: 'checkbox', checked: true, id: 'sm-suggested' });
    const bar = h('div', { class: 'toolbar' },
      h('label', { class: 'tl', for: 'storymap-story' }, 'Story'), this.pick,
      h('button', { title: 'Read the story again', dataset: { op: 'reload-map' }, onclick: () => void this.load(true) }, 'Reload'),
      this.counts,
      h('span', { class: 'grow' }),
      h('label', { class: 'sm-filter', for: 'sm-confirmed' }, this.confirmedBox, h('span', { class: 'sm-key sm-key-confirmed', 'aria-hidden': 'true' }), 'Confirmed'),
      h('label', { class: 'sm-filter', for: 'sm-suggested', title: 'Show / hide suggested links (S)' }, this.suggestedBox, h('span', { class: 'sm-key sm-key-suggested', 'aria-hidden': 'true' }), 'Suggested'),
    );
    this.header = h('div', { class: 'sm-header' });
    this.linkLayer = h('canvas', { class: 'sm-links', 'aria-hidden': 'true' });
    this.blocks = h('div', { class: 'sm-blocks' });
    this.canvas = h('div', {
      class: 'sm-canvas', tabindex: '0', role: 'application',
      'aria-roledescription': 'story map',
      'aria-label': 'Story map. Arrows move between paragraphs and articles; N and P choose a link of the paragraph, G follows it, Enter opens it in the alignment view.',
    });
    this.overlay = h('canvas', { class: 'sm-links sm-overlay', 'aria-hidden': 'true' });
    this.window = h('div', { class: 'sm-window' }, this.linkLayer, this.overlay, this.blocks);
    this.canvas.append(this.window);
    this.scroller = h('div', { class: 'sm-scroller' }, this.header, this.canvas);
    this.placeholder = h('div', { class: 'placeholder sm-placeholder', hidden: true });
    this.detail = h('div', { class: 'card sm-detail' });
    this.groups = h('div', { class: 'sm-groups' });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite' });
    this.side = h('aside', { class: 'sm-side', 'aria-label': 'The focused paragraph and the story' },
      this.detail,
      h('div', { class: 'card sm-legend' },
        h('h3', null, 'Legend'),
        h('div', { class: 'sm-leg-row' }, h('span', { class: 'sm-key sm-key-confirmed' }), 'confirmed link'),
        h('div', { class: 'sm-leg-row' }, h('span', { class: 'sm-key sm-key-suggested' }), 'suggested link (fainter when less confident)'),
        h('div', { class: 'sm-leg-row' }, h('span', { class: 'swatch', style: 'background:#e8a33d' }), 'block colour: a group of linked paragraphs across the articles (a candidate fact)'),
        h('div', { class: 'sm-leg-row' }, h('span', { class: 'sm-dot', style: 'background:#7cc4f0' }), 'dot: a fact tagged in that paragraph'),
      ),
      this.groups,
    );
    const body = h('div', { class: 'sm-body' }, h('div', { class: 'sm-main' }, this.scroller, this.placeholder), this.side);
    this.el.append(bar, body, this.live);
    store.add(listen(this.pick, 'change', () => {
      this.story = this.pick.value || null;
      try {
        localStorage.setItem(STORY_KEY, this.story ?? '');
      } catch {
        /* storage may be disabled: the choice then lasts for this page */
      }
      this.focusCol = 0;
      this.focusPara = 0;
      this.linkSel = 0;
      void this.load(true);
    }));
    store.add(listen(this.confirmedBox, 'change', () => this.setFilter('confirmed', this.confirmedBox.checked)));
    store.add(listen(this.suggestedBox, 'change', () => this.setFilter('suggested', this.suggestedBox.checked)));
    store.add(listen(this.scroller, 'scroll', () => this.schedule(), { passive: true }));
    store.add(listen(this.blocks, 'click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('.sm-block');
      if (!b) return;
      this.setFocus(Number(b.dataset.col), Number(b.dataset.para), false);
      this.canvas.focus({ preventScroll: true });
    }));
    store.add(listen(this.blocks, 'mouseover', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('.sm-block');
      const key = b ? `${b.dataset.col}:${b.dataset.para}` : null;
      if (key !== this.hoverKey) {
        this.hoverKey = key;
        this.schedule();
      }
    }));
    store.add(listen(this.blocks, 'mouseleave', () => {
      this.hoverKey = null;
      this.schedule();
    }));
    store.add(listen(this.overlay, 'click', (e) => {
      const i = this.linkAt(e.clientX, e.clientY);
      if (i !== null) void this.openLink(i);
    }));
    store.add(listen(this.overlay, 'mousemove', (e) => {
      const i = this.linkAt(e.clientX, e.clientY);
      if (i === this.hoverLink) return;
      this.hoverLink = i;
      const link = i === null ? null : this.map?.links[i];
      this.overlay.title = link ? `${this.place(link.docA, link.a)} ↔ ${this.place(link.docB, link.b)} · ${link.status} · confidence ${link.confidence.toFixed(2)} · click to open` : '';
      this.overlay.classList.toggle('pointing', i !== null);
      this.schedule();
    }));
    store.add(listen(this.overlay, 'mouseleave', () => {
      if (this.hoverLink === null) return;
      this.hoverLink = null;
      this.overlay.classList.remove('pointing');
      this.schedule();
    }));
    const resize = new ResizeObserver(() => {
      if (this.map && !this.el.hidden) this.relayout();
    });
    resize.observe(this.scroller);
    store.add(toDisposable(() => resize.disconnect()));
    store.add(toDisposable(() => clear(this.el)));
    this.fillPicker();
  }

  private registerCommands(): Disposable {
    const d = new DisposableStore();
    const on = (id: CommandId, fn: () => unknown) => d.add(this.app.commands.register(id, () => {
      if (!this.built || !this.map || !this.layout) return false;
      fn();
      return true;
    }));
    on('storymap.down', () => this.move(0, 1));
    on('storymap.up', () => this.move(0, -1));
    on('storymap.right', () => this.move(1, 0));
    on('storymap.left', () => this.move(-1, 0));
    on('storymap.nextLink', () => this.chooseLink(1));
    on('storymap.prevLink', () => this.chooseLink(-1));
    on('storymap.follow', () => this.follow());
    on('storymap.open', () => {
      const l = this.linksOfFocus()[this.linkSel];
      if (l === undefined) toast('This paragraph has no link to open; move to one with lines (N picks a link).', 'info');
      else void this.openLink(l);
    });
    on('storymap.toggleSuggested', () => this.setFilter('suggested', !this.showSuggested));
    return d;
  }

  // ---------------------------------------------------------------- stories and loading

  /** The stories with two original articles or more (and the articles outside any story, when there are two). */
  private stories(): Array<{ value: string; label: string }> {
    const count = new Map<string, number>();
    for (const d of this.app.docs) {
      if (d.translationOf !== null) continue;
      const k = d.collection ?? NO_STORY;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    return [...count].filter(([, n]) => n >= 2).sort((x, y) => (x[0] === NO_STORY ? 1 : y[0] === NO_STORY ? -1 : x[0].localeCompare(y[0])))
      .map(([k, n]) => ({ value: k, label: `${k === NO_STORY ? '(articles outside any story)' : k} · ${n} articles` }));
  }

  private fillPicker(): void {
    if (!this.built) return;
    const stories = this.stories();
    if (this.story === null) {
      let saved: string | null = null;
      try {
        saved = localStorage.getItem(STORY_KEY);
      } catch {
        saved = null;
      }
      this.story = stories.find((s) => s.value === saved)?.value ?? stories[0]?.value ?? null;
    } else if (!stories.some((s) => s.value === this.story)) this.story = stories[0]?.value ?? null;
    clear(this.pick, stories.length ? stories.map((s) => h('option', { value: s.value }, s.label)) : h('option', { value: '' }, 'no story with two articles'));
    this.pick.value = this.story ?? '';
    this.pick.disabled = !stories.length;
  }

  /** A story for the map to show (the alignment view's story, say); loads it when the view is on screen. */
  async showStory(story: string | null): Promise<void> {
    this.build();
    if (story !== null && this.stories().some((s) => s.value === story)) {
      this.story = story;
      this.pick.value = story;
    }
    await this.load(true);
  }

  /** Something the map shows changed: read it again if it is on screen (showing it reads it anyway). */
  private markStale(): void {
    if (this.built && !this.el.hidden) void this.load(false);
  }

  /** Reads the story's map; the focus and the scroll position stay where they were when the story is the same. */
  async load(fresh: boolean): Promise<void> {
    this.build();
    const ticket = ++this.loading;
    if (!this.story) {
      this.map = null;
      this.layout = null;
      this.showPlaceholder('No story has two articles yet. Import articles into one story (a collection) in the project view, then align the story.');
      return;
    }
    const collection = this.story === NO_STORY ? null : this.story;
    this.el.classList.add('busy');
    const t0 = performance.now();
    const map = await this.app.attempt('Reading the story map', () => this.app.api.storyMap({ collection }));
    if (ticket !== this.loading) return;
    this.el.classList.remove('busy');
    if (!map) {
      this.showPlaceholder('The story map could not be read (see the status bar).');
      return;
    }
    const t1 = performance.now();
    const sameStory = this.map && this.map.collection === map.collection && !fresh;
    this.map = map;
    if (!sameStory) {
      this.focusCol = Math.min(this.focusCol, Math.max(0, map.articles.length - 1));
      this.focusPara = 0;
      this.linkSel = 0;
      this.scroller.scrollTop = 0;
    }
    this.placeholder.hidden = true;
    this.scroller.hidden = false;
    this.relayout();
    this.app.ok('storymap');
    const t2 = performance.now();
    this.timings = { ...this.timings, fetch: t1 - t0, layout: t2 - t1 };
    this.el.dataset.ready = String(ticket);
  }

  private showPlaceholder(text: string): void {
    this.el.classList.remove('busy');
    this.scroller.hidden = true;
    this.placeholder.hidden = false;
    this.placeholder.textContent = text;
    clear(this.detail);
    clear(this.groups);
    this.counts.textContent = '';
  }

  /** Lays the map out for the current width, then draws. */
  private relayout(): void {
    const map = this.map;
    if (!map) return;
    const width = Math.max(200, this.scroller.clientWidth - 24);
    this.layout = layoutMap(map, { width, fit: Math.max(200, this.scroller.clientHeight - HEADER - 40) });
    // Blocks are made afresh for a new layout (their sizes and colours may have changed).
    this.blockEls.clear();
    this.blocks.replaceChildren();
    this.sliceDirty = true;
    const l = this.layout;
    this.canvas.style.width = `${l.width}px`;
    this.canvas.style.height = `${l.height + 24}px`;
    this.header.style.width = `${l.width}px`;
    clear(this.header, map.articles.map((a, i) => {
      const col = l.columns[i];
      return h('div', { class: 'sm-col-head', style: `left:${col.x}px;width:${col.width}px`, title: `${a.title} (${a.lang}, ${a.paragraphs.length} paragraphs)` },
        h('span', { class: 'lang' }, a.lang), h('span', { class: 'sm-col-title', dir: 'auto' }, a.title), h('span', { class: 'muted small' }, `${a.paragraphs.length} ¶`));
    }));
    const confirmed = map.links.filter((x) => x.status === 'confirmed').length;
    this.counts.textContent = `${map.articles.length} articles · ${fmtInt(map.links.length)} links (${fmtInt(confirmed)} confirmed, ${fmtInt(map.links.length - confirmed)} suggested) · ${fmtInt(map.clusters.length)} groups of linked paragraphs`;
    this.renderGroups();
    this.drawNow();
    this.renderDetail();
  }

  // ---------------------------------------------------------------- drawing

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  private linkShown(l: MapLink): boolean {
    return l.status === 'confirmed' ? this.showConfirmed : this.showSuggested;
  }

  /**
   * Draws what is on screen. The slice drawn reaches a screen's height above
   * and below it, and is drawn again only when the view nears its edge (or
   * what it shows changed): scrolling within it costs nothing. The links of
   * the focused paragraph, the block or link under the pointer and the
   * chosen link are drawn on an overlay, so that moving the focus or the
   * pointer redraws only them.
   */
  drawNow(): void {
    const map = this.map;
    const l = this.layout;
    if (!map || !l || this.el.hidden) return;
    const t0 = performance.now();
    const viewTop = this.scroller.scrollTop - CONTENT_TOP;
    const view = this.scroller.clientHeight;
    const sliceBottom = this.layerTop + this.layerHeight;
    const stale = this.sliceDirty
      || (viewTop < this.layerTop + MARGIN && this.layerTop > 0)
      || (viewTop + view > sliceBottom - MARGIN && sliceBottom < l.height + 24);
    if (stale) this.drawSlice(Math.max(0, viewTop - view), viewTop + 2 * view);
    this.drawOverlay();
    for (const [key, b] of this.blockEls) b.classList.toggle('focus', key === `${this.focusCol}:${this.focusPara}`);
    this.ensureFocusBlock();
    this.canvas.setAttribute('aria-activedescendant', `sm-b-${this.focusCol}-${this.focusPara}`);
    const ms = performance.now() - t0;
    this.timings.lastDraw = ms;
    if (!this.timings.draw) this.timings.draw = ms;
  }

  /** The slice [top, bottom) of the map: its blocks (kept while they stay in it) and its links on the base layer. */
  private drawSlice(top: number, bottom: number): void {
    const map = this.map!;
    const l = this.layout!;
    this.sliceDirty = false;
    this.layerTop = top;
    this.layerHeight = Math.max(1, Math.min(bottom, l.height + 24) - top);
    this.window.style.top = `${top}px`;
    this.window.style.height = `${this.layerHeight}px`;
    this.window.style.width = `${l.width}px`;
    const clusterColours = this.clusterColours();
    // Blocks: those in the slice (and the focused one) are kept, made when they come into it, dropped when they leave.
    this.blocks.style.transform = `translateY(${-top}px)`;
    const want = new Set<string>();
    const add: HTMLElement[] = [];
    l.columns.forEach((col, ci) => {
      const [first, last] = visibleBlocks(col, top, bottom);
      for (let p = first; p <= last; p++) {
        const key = `${ci}:${p}`;
        want.add(key);
        if (!this.blockEls.has(key)) add.push(this.makeBlock(ci, p, clusterColours));
      }
    });
    want.add(`${this.focusCol}:${this.focusPara}`);
    for (const [key, b] of this.blockEls) {
      if (want.has(key)) continue;
      b.remove();
      this.blockEls.delete(key);
    }
    if (add.length) this.blocks.append(...add);
    this.el.dataset.blocks = String(this.blockEls.size);
    // Links on the base layer, each in its plain look; a long one only where an end of it is in the slice.
    const near = (y: number) => y >= top - STUB && y <= bottom + STUB;
    const shown = visibleLinks(l, top, bottom, (i) => {
      if (!this.linkShown(map.links[i])) return false;
      const y0 = l.linkPos[4 * i + 1];
      const y1 = l.linkPos[4 * i + 3];
      return Math.abs(y1 - y0) <= LONG || near(y0) || near(y1);
    });
    this.baseLinks = this.paint(this.linkLayer, shown.map((i) => ({ i, rank: 1 })), clusterColours, false);
    this.el.dataset.links = String(this.baseLinks.length);
  }

  /** The focused block exists even off the slice (it is clipped there), for the screen reader's active descendant. */
  private ensureFocusBlock(): void {
    const key = `${this.focusCol}:${this.focusPara}`;
    if (this.blockEls.has(key) || !this.layout?.columns[this.focusCol]) return;
    const b = this.makeBlock(this.focusCol, this.focusPara, this.clusterColours());
    b.classList.add('focus');
    this.blocks.append(b);
  }

  private clusterColours(): Map<number, string> {
    return new Map(this.map!.clusters.map((c) => [c.id, c.colour]));
  }

  private makeBlock(ci: number, p: number, clusterColours: Map<number, string>): HTMLElement {
    const map = this.map!;
    const l = this.layout!;
    const col = l.columns[ci];
    const art = map.articles[ci];
    const key = `${ci}:${p}`;
    const para = art.paragraphs[p];
    const colour = para.cluster !== null ? clusterColours.get(para.cluster) ?? null : null;
    const height = col.heights[p];
    const b = h('div', {
      class: `sm-block${l.linksAt.has(key) ? ' linked' : ''}${colour ? ' grouped' : ''}`,
      id: `sm-b-${ci}-${p}`,
      style: `top:${col.tops[p]}px;left:${col.x}px;width:${col.width}px;height:${height}px${colour ? `;--c:${colour}` : ''}`,
      title: `${art.title} ¶${p + 1}: ${para.preview}`,
      dataset: { col: String(ci), para: String(p) },
    },
    h('span', { class: 'sm-num' }, String(p + 1)),
    height >= 12 ? h('span', { class: 'sm-prev', dir: 'auto', style: `-webkit-line-clamp:${Math.max(1, Math.floor((height - 2) / 13))}` }, para.preview) : null,
    para.facts.length ? h('span', { class: 'sm-dots' }, para.facts.map((f) => h('span', { class: 'sm-dot', style: `background:${FACT_COLOURS[factColourIndex(f)]}` }))) : null);
    this.blockEls.set(key, b);
    return b;
  }

  /**
   * The overlay: the links of the focused paragraph and of the block under
   * the pointer, stronger; while a block is pointed at, the rest of the links
   * fade behind a veil; the chosen link and the one under the pointer on top.
   */
  private drawOverlay(): void {
    const map = this.map!;
    const l = this.layout!;
    const chosen = this.linksOfFocus()[this.linkSel];
    const ranks = new Map<number, number>();
    for (const key of [this.hoverKey, `${this.focusCol}:${this.focusPara}`]) {
      for (const i of (key && l.linksAt.get(key)) || []) if (this.linkShown(map.links[i])) ranks.set(i, 2);
    }
    if (chosen !== undefined) ranks.set(chosen, 3);
    if (this.hoverLink !== null) ranks.set(this.hoverLink, 3);
    const veil = !!this.hoverKey && (l.linksAt.get(this.hoverKey)?.length ?? 0) > 0;
    const top = this.layerTop;
    const bottom = top + this.layerHeight;
    const items = [...ranks].filter(([i]) => {
      const y0 = l.linkPos[4 * i + 1];
      const y1 = l.linkPos[4 * i + 3];
      return Math.max(y0, y1) >= top && Math.min(y0, y1) <= bottom;
    }).map(([i, rank]) => ({ i, rank }));
    this.overlayLinks = this.paint(this.overlay, items, this.clusterColours(), veil);
  }

  /**
   * Strokes links on a layer of the slice, in batches of one look (colour,
   * opacity, width), lowest rank first; suggested links dashed. Returns them
   * as drawn, topmost last, for pointing.
   */
  private paint(layer: HTMLCanvasElement, items: Array<{ i: number; rank: number }>, clusterColours: Map<number, string>, veil: boolean): DrawnLink[] {
    const map = this.map!;
    const l = this.layout!;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.ceil(l.width);
    const height = this.layerHeight;
    const layerTop = this.layerTop;
    if (layer.width !== Math.round(width * dpr) || layer.height !== Math.round(height * dpr)) {
      layer.width = Math.round(width * dpr);
      layer.height = Math.round(height * dpr);
      layer.style.width = `${width}px`;
      layer.style.height = `${height}px`;
    }
    const ctx = layer.getContext('2d');
    if (!ctx) return [];
    ctx.setTransform(dpr, 0, 0, dpr, 0, -layerTop * dpr);
    ctx.clearRect(0, layerTop, width, height);
    if (veil) {
      ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
      ctx.fillRect(0, layerTop, width, height);
    }
    const batches = new Map<string, { rank: number; colour: string; alpha: number; width: number; path: Path2D }>();
    const drawn: DrawnLink[] = [];
    for (const { i, rank } of items) {
      const link = map.links[i];
      const [x0, y0, x1, y1] = [l.linkPos[4 * i], l.linkPos[4 * i + 1], l.linkPos[4 * i + 2], l.linkPos[4 * i + 3]];
      const far = l.linkCols[2 * i + 1] - l.linkCols[2 * i] > 1;
      const whole = linkCurve(x0, y0, x1, y1);
      const curve = curveWithin(whole, layerTop - 20, layerTop + height + 20);
      if (!curve) continue;
      // A long link in its plain look: the stubs at its ends, within the slice.
      const pieces = rank === 1 && Math.abs(y1 - y0) > LONG
        ? linkStubs(x0, y0, x1, y1, Math.min(40, (x1 - x0) * 0.4)).filter((c) => c[0][1] >= layerTop - STUB && c[0][1] <= layerTop + height + STUB)
        : [curve];
      if (!pieces.length) continue;
      const confidence = Math.max(0, Math.min(1, link.confidence));
      const dashed = link.status !== 'confirmed';
      const colour = (link.cluster !== null ? clusterColours.get(link.cluster) : null) ?? UNCLUSTERED;
      const alpha = rank === 3 ? 1 : rank === 2 ? 0.95 : Math.round((0.3 + 0.65 * confidence) * (far ? 0.55 : 1) * 10) / 10;
      const lineWidth = rank === 3 ? 4 : rank === 2 ? 2.6 : dashed ? 1.6 : 2.4;
      const key = `${rank}|${colour}|${alpha}|${lineWidth}`;
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = { rank, colour, alpha, width: lineWidth, path: new Path2D() }));
      const into = batch.path;
      const path = new Path2D();
      for (const piece of pieces) {
        let lastX = NaN;
        let lastY = NaN;
        strokePieces(piece, dashed ? [5, 4] : null, (ax, ay, bx, by) => {
          if (ax !== lastX || ay !== lastY) into.moveTo(ax, ay);
          into.lineTo(bx, by);
          lastX = bx;
          lastY = by;
        });
        path.moveTo(piece[0][0], piece[0][1]);
        path.bezierCurveTo(piece[1][0], piece[1][1], piece[2][0], piece[2][1], piece[3][0], piece[3][1]);
      }
      drawn.push({ i, rank, path, curve: pieces[0], x0, y0, x1, y1, dashed });
    }
    ctx.lineCap = 'butt';
    ctx.lineJoin = 'round';
    for (const b of [...batches.values()].sort((x, y) => x.rank - y.rank)) {
      ctx.strokeStyle = b.colour;
      ctx.globalAlpha = b.alpha;
      ctx.lineWidth = b.width;
      ctx.stroke(b.path);
    }
    ctx.globalAlpha = 1;
    return drawn.sort((x, y) => x.rank - y.rank);
  }

  /** The link drawn at a point of the page (the one on top), or null. */
  private linkAt(clientX: number, clientY: number): number | null {
    const ctx = this.linkLayer.getContext('2d');
    const all = [...this.baseLinks, ...this.overlayLinks];
    if (!ctx || !all.length) return null;
    const box = this.linkLayer.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const x = (clientX - box.left) * dpr;
    const y = (clientY - box.top) * dpr;
    ctx.save();
    ctx.setTransform(dpr, 0, 0, dpr, 0, -this.layerTop * dpr);
    ctx.lineWidth = HIT_WIDTH;
    let hit: number | null = null;
    for (let k = all.length - 1; k >= 0 && hit === null; k--) {
      if (ctx.isPointInStroke(all[k].path, x, y)) hit = all[k].i;
    }
    ctx.restore();
    return hit;
  }

  /** The links drawn now (each once, in its strongest look), with where they run on the page and how they look (for tests). */
  drawnOnScreen(): Array<{ index: number; linkId: number; status: string; dashed: boolean; lit: boolean; chosen: boolean; from: { x: number; y: number }; to: { x: number; y: number } }> {
    const box = this.linkLayer.getBoundingClientRect();
    const map = this.map;
    if (!map) return [];
    const byLink = new Map<number, DrawnLink>();
    for (const d of [...this.baseLinks, ...this.overlayLinks]) byLink.set(d.i, d);
    const chosen = this.linksOfFocus()[this.linkSel];
    return [...byLink.values()].map((d) => ({
      index: d.i, linkId: map.links[d.i].linkId, status: map.links[d.i].status, dashed: d.dashed, lit: d.rank >= 2, chosen: d.i === chosen,
      from: { x: box.left + d.x0, y: box.top + d.y0 - this.layerTop }, to: { x: box.left + d.x1, y: box.top + d.y1 - this.layerTop },
    }));
  }

  /** A point of the page on a drawn link where it is the one pointed at (for tests), or null. */
  pointOnLink(index: number): { x: number; y: number } | null {
    const d = [...this.overlayLinks, ...this.baseLinks].find((x) => x.i === index);
    if (!d) return null;
    const box = this.linkLayer.getBoundingClientRect();
    for (let t = 0.1; t < 0.95; t += 0.05) {
      const [x, y] = pointAt(d.curve, t);
      const page = { x: box.left + x, y: box.top + y - this.layerTop };
      const over = document.elementFromPoint(page.x, page.y);
      if ((over === this.overlay || over === this.linkLayer) && this.linkAt(page.x, page.y) === index) return page;
    }
    return null;
  }

  /** "Title [fi] ¶10" for a link's end. */
  private place(docId: number, paras: number[]): string {
    const a = this.map?.articles.find((x) => x.docId === docId);
    const where = paras.length > 1 ? `¶${paras[0] + 1}–${paras[paras.length - 1] + 1}` : `¶${paras[0] + 1}`;
    return a ? `${a.title.length > 40 ? a.title.slice(0, 39) + '…' : a.title} [${a.lang}] ${where}` : `#${docId} ${where}`;
  }

  // ---------------------------------------------------------------- focus and links

  /** The focused paragraph's links that are shown: confirmed first, then the most confident. */
  private linksOfFocus(): number[] {
    const map = this.map;
    const l = this.layout;
    if (!map || !l) return [];
    const all = l.linksAt.get(`${this.focusCol}:${this.focusPara}`) ?? [];
    return all.filter((i) => this.linkShown(map.links[i]))
      .sort((x, y) => Number(map.links[y].status === 'confirmed') - Number(map.links[x].status === 'confirmed') || map.links[y].confidence - map.links[x].confidence || x - y);
  }

  private setFocus(col: number, para: number, scroll = true, link = 0): void {
    const map = this.map;
    const l = this.layout;
    if (!map || !l || !l.columns[col]) return;
    const n = map.articles[col].paragraphs.length;
    if (!n) return;
    this.focusCol = col;
    this.focusPara = Math.max(0, Math.min(n - 1, para));
    this.linkSel = link;
    if (scroll) this.reveal();
    this.drawNow();
    this.renderDetail();
    const a = map.articles[col];
    const count = this.linksOfFocus().length;
    this.live.textContent = `${a.title}, paragraph ${this.focusPara + 1}: ${count} link${count === 1 ? '' : 's'}.`;
  }

  /** Scrolls the focused block into view. */
  private reveal(): void {
    const l = this.layout;
    if (!l) return;
    const col = l.columns[this.focusCol];
    const y = col.tops[this.focusPara] + HEADER;
    const hgt = col.heights[this.focusPara];
    const st = this.scroller.scrollTop;
    const view = this.scroller.clientHeight;
    if (y < st + HEADER + 6 || y + hgt > st + view - 6) this.scroller.scrollTop = Math.max(0, y - HEADER - view / 3);
    const x = col.x;
    if (x < this.scroller.scrollLeft || x + col.width > this.scroller.scrollLeft + this.scroller.clientWidth) this.scroller.scrollLeft = Math.max(0, x - 20);
  }

  private move(dc: number, dp: number): void {
    const map = this.map!;
    const l = this.layout!;
    if (dp) {
      const n = map.articles[this.focusCol].paragraphs.length;
      const next = this.focusPara + dp;
      if (next < 0 || next >= n) {
        toast(next < 0 ? 'This is the first paragraph.' : 'This is the last paragraph.', 'info');
        return;
      }
      this.setFocus(this.focusCol, next);
      return;
    }
    const col = this.focusCol + dc;
    if (col < 0 || col >= l.columns.length) {
      toast(dc < 0 ? 'This is the leftmost article.' : 'This is the rightmost article.', 'info');
      return;
    }
    // The paragraph of that article linked with this one (the strongest link), or the one at the same height.
    const target = map.articles[col].docId;
    let best: { para: number; link: number; conf: number } | null = null;
    for (const i of this.linksOfFocus()) {
      const link = map.links[i];
      const paras = link.docA === target ? link.a : link.docB === target ? link.b : null;
      if (paras && (!best || link.confidence > best.conf)) best = { para: paras[0], link: i, conf: link.confidence };
    }
    if (best) {
      this.setFocus(col, best.para);
      const k = this.linksOfFocus().indexOf(best.link);
      if (k >= 0) this.chooseAt(k);
      return;
    }
    const src = l.columns[this.focusCol];
    this.setFocus(col, paragraphAt(l.columns[col], src.tops[this.focusPara] + src.heights[this.focusPara] / 2));
  }

  private chooseAt(k: number): void {
    this.linkSel = k;
    this.drawNow();
    this.renderDetail();
  }

  private chooseLink(dir: 1 | -1): void {
    const links = this.linksOfFocus();
    if (!links.length) {
      toast('This paragraph has no links shown.', 'info');
      return;
    }
    this.chooseAt((this.linkSel + dir + links.length) % links.length);
    const link = this.map!.links[links[this.linkSel]];
    this.live.textContent = `Link ${this.linkSel + 1} of ${links.length}: ${this.place(link.docA, link.a)} ↔ ${this.place(link.docB, link.b)}, ${link.status}.`;
  }

  /** Moves the focus to the other end of the chosen link. */
  private follow(): void {
    const i = this.linksOfFocus()[this.linkSel];
    if (i === undefined) {
      toast('This paragraph has no link to follow.', 'info');
      return;
    }
    const map = this.map!;
    const link = map.links[i];
    const here = map.articles[this.focusCol].docId;
    const [doc, paras] = link.docA === here && link.a.includes(this.focusPara) ? [link.docB, link.b] : [link.docA, link.a];
    const col = this.layout!.columnOf.get(doc);
    if (col === undefined) return;
    this.setFocus(col, paras[0]);
    const k = this.linksOfFocus().indexOf(i);
    if (k >= 0) this.chooseAt(k);
  }

  private setFilter(which: 'confirmed' | 'suggested', on: boolean): void {
    if (which === 'confirmed') this.showConfirmed = on;
    else this.showSuggested = on;
    this.confirmedBox.checked = this.showConfirmed;
    this.suggestedBox.checked = this.showSuggested;
    this.linkSel = 0;
    this.sliceDirty = true;
    this.drawNow();
    this.renderDetail();
  }

  /** Opens the pair of a link in the alignment view, with the cursor on that link. */
  async openLink(i: number): Promise<void> {
    const link = this.map?.links[i];
    if (!link) return;
    await this.app.openInAlignment({ docA: link.docA, docB: link.docB, level: 'paragraph', mode: 'comparable', linkId: link.linkId });
  }

  // ---------------------------------------------------------------- side panel

  private renderDetail(): void {
    const map = this.map;
    if (!map || !map.articles.length) {
      clear(this.detail);
      return;
    }
    const art = map.articles[this.focusCol];
    const para = art?.paragraphs[this.focusPara];
    if (!para) {
      clear(this.detail, h('p', { class: 'muted' }, 'This article has no paragraphs.'));
      return;
    }
    const links = this.linksOfFocus();
    const cluster = para.cluster !== null ? map.clusters.find((c) => c.id === para.cluster) : undefined;
    const facts = para.facts.map((f) => map.facts.find((x) => x.factId === f)).filter((f): f is StoryMap['facts'][number] => !!f);
    clear(this.detail,
      h('h3', null, h('span', { class: 'lang' }, art.lang), ' ', art.title, ` · ¶${this.focusPara + 1}`),
      h('p', { class: 'sm-preview', dir: 'auto' }, para.preview),
      cluster ? h('div', { class: 'sm-leg-row' }, h('span', { class: 'swatch', style: `background:${cluster.colour}` }), `group: ${cluster.label} (${cluster.members.length} paragraphs)`) : null,
      facts.map((f) => h('div', { class: 'sm-leg-row' }, h('span', { class: 'sm-dot', style: `background:${FACT_COLOURS[factColourIndex(f.factId)]}` }), `fact: ${f.label}`)),
      h('h4', null, links.length ? `Links (${links.length}) — N / P choose, Enter opens` : 'No links shown for this paragraph'),
      h('div', { class: 'sm-link-list' }, links.map((i, k) => {
        const link = map.links[i];
        const here = art.docId;
        const [doc, paras] = link.docA === here && link.a.includes(this.focusPara) ? [link.docB, link.b] : [link.docA, link.a];
        const other = map.articles.find((a) => a.docId === doc);
        const where = paras.length > 1 ? `¶${paras[0] + 1}–${paras[paras.length - 1] + 1}` : `¶${paras[0] + 1}`;
        return h('button', {
          class: `sm-link-btn${k === this.linkSel ? ' chosen' : ''}`, dataset: { link: String(i) },
          title: `Open this pair in the alignment view at this link: ${this.place(doc, paras)}, ${link.status}, confidence ${link.confidence.toFixed(2)}`,
          onclick: () => void this.openLink(i),
        }, h('span', { class: `sm-key sm-key-${link.status}` }), h('span', { class: 'lang' }, other?.lang ?? '?'), h('b', null, where),
        h('span', { class: 'sm-group-label', dir: 'auto' }, other?.paragraphs[paras[0]]?.preview ?? ''),
        h('span', { class: 'muted nowrap' }, `${link.status === 'confirmed' ? 'confirmed' : 'sugg.'} ${link.confidence.toFixed(2)}`));
      })),
    );
  }

  private renderGroups(): void {
    const map = this.map!;
    const clusters = [...map.clusters].sort((x, y) => y.members.length - x.members.length || x.id - y.id).slice(0, 30);
    clear(this.groups,
      map.notes.length ? h('div', { class: 'card sm-notes' }, h('h3', null, 'Notes'), h('ul', null, map.notes.map((n) => h('li', null, n)))) : null,
      h('div', { class: 'card' },
        h('h3', null, `Groups of linked paragraphs (${map.clusters.length})`),
        clusters.length ? h('div', { class: 'sm-list' }, clusters.map((c) => h('button', {
          class: 'sm-group-btn', title: 'Go to the first paragraph of this group',
          onclick: () => {
            const m = c.members[0];
            const col = this.layout?.columnOf.get(m.docId);
            if (col !== undefined) this.setFocus(col, m.paragraph);
            this.canvas.focus({ preventScroll: true });
          },
        }, h('span', { class: 'swatch', style: `background:${c.colour}` }), h('span', { class: 'sm-group-label' }, c.label), h('span', { class: 'muted' }, ` ${c.members.length}`))))
          : h('p', { class: 'muted' }, 'None yet: align the story (alignment view, Align all pairs) to link its articles.'),
      ),
      map.facts.length ? h('div', { class: 'card' }, h('h3', null, `Facts tagged (${map.facts.length})`), h('div', { class: 'sm-list' }, map.facts.map((f) => h('button', {
        class: 'sm-group-btn', title: 'Go to the first mention of this fact',
        onclick: () => {
          const m = f.mentions[0];
          const col = m ? this.layout?.columnOf.get(m.docId) : undefined;
          if (m && col !== undefined) this.setFocus(col, m.paragraph);
          this.canvas.focus({ preventScroll: true });
        },
      }, h('span', { class: 'sm-dot', style: `background:${FACT_COLOURS[factColourIndex(f.factId)]}` }), h('span', { class: 'sm-group-label' }, f.label), h('span', { class: 'muted' }, ` ${f.mentions.length}`))))) : null,
    );
  }

  // ---------------------------------------------------------------- view plumbing

  show(): void {
    this.build();
    this.fillPicker();
    // The links may have changed in the alignment view since: read the map again, keeping the place.
    void this.load(false);
    requestAnimationFrame(() => {
      if (!this.el.hidden) this.canvas.focus({ preventScroll: true });
    });
  }

  changed(what: 'documents' | 'alignment' | 'facts' | 'all'): void {
    if (what === 'documents' || what === 'all') this.fillPicker();
    this.markStale();
  }

  /** For tests: scrolls to a height of the map and draws at once; returns the draw time. */
  scrollTo(y: number): number {
    this.scroller.scrollTop = y;
    this.drawNow();
    return this.timings.lastDraw;
  }

  /** The focused paragraph and chosen link, for tests. */
  get focus(): { docId: number | null; paragraph: number; link: number | null } {
    const map = this.map;
    const i = this.linksOfFocus()[this.linkSel];
    return { docId: map?.articles[this.focusCol]?.docId ?? null, paragraph: this.focusPara, link: i === undefined ? null : map!.links[i].linkId };
  }

  dispose(): void {
    this.loading++;
    this.store.dispose();
    this.built = false;
  }
}
