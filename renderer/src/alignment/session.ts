import type { CandidateControl, LinkDelta, LinkOperation, WorkbenchApi } from '../../../common/api';
import type { AlignmentView, Link } from '../../../common/types';
import { toDisposable, type Disposable } from '../../../common/disposable';
import { applyLinkDeltas, inReadingOrder } from '../links';
import type { Echoes } from './echoes';

export type Side = 'a' | 'b';

/** What changed in one step, so that the view redraws only that. */
export interface SessionChange {
  /** The links were replaced or patched (rows, zones, colours). */
  links: boolean;
  cursor: boolean;
  selection: boolean;
  focus: boolean;
  /** The cursor moved somewhere the panes should scroll to. */
  reveal: boolean;
  /** An operation started or ended. */
  busy: boolean;
}

const NONE: SessionChange = { links: false, cursor: false, selection: false, focus: false, reveal: false, busy: false };

export interface OpTiming {
  op: string;
  total: number;
  api: number;
  render: number;
}

/** What the session needs from the app around it. */
export interface SessionHost {
  api: Pick<WorkbenchApi, 'editLinks' | 'realign' | 'getAlignment' | 'setCandidateControl'>;
  echoes: Echoes;
  /** Runs changes to links one after another (shared with undo and redo), so that deltas apply in the order the server made them. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** The undo state an edit returned. */
  history(state: { canUndo: boolean; canRedo: boolean }): void;
  /** A whole view came back (re-align, reload), which carries no undo state: ask for it. */
  refreshInfo(): void;
  error(message: string): void;
  /** A short note: nothing more to jump to, and the like. */
  note(message: string): void;
  /** Milliseconds from a fixed point, for the timing of operations (performance.now in a page). */
  now(): number;
}

/** Which way the boundary under the current link moves, as the annotator sees it. */
export type BoundaryMove = 'up' | 'down';

/**
 * The state of one open alignment, without any DOM: its links in reading
 * order, the cursor, the selected segments of each side, the focused side,
 * and the edits on their way to the server. Operations send one change and
 * apply what comes back (link deltas, or a whole view); listeners redraw.
 *
 * Extension points: a new link operation is one more method that calls
 * `edit()` with a LinkOperation (or `run()` with any call that answers with
 * deltas or a view); state a view needs to follow is read through the
 * getters and `onDidChange`.
 */
export class AlignmentSession implements Disposable {
  private meta: Omit<AlignmentView, 'links'> | null = null;
  private list: Link[] = [];
  private readonly linkOfSide: Record<Side, Int32Array> = { a: new Int32Array(0), b: new Int32Array(0) };
  private readonly paragraphOfSide: Record<Side, Int32Array> = { a: new Int32Array(0), b: new Int32Array(0) };
  private cursor = -1;
  private focus: Side = 'a';
  readonly selected: Record<Side, Set<number>> = { a: new Set(), b: new Set() };
  private isBusy = false;
  private reloadWanted = false;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  /** Bumped on every change of the links; the page shows it for tests. */
  revision = 0;
  lastTiming: OpTiming | null = null;

  constructor(private readonly host: SessionHost) {}

  onDidChange(listener: (change: SessionChange) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }

  dispose(): void {
    this.listeners.clear();
    this.meta = null;
    this.list = [];
  }

  private emit(change: Partial<SessionChange>): void {
    const full = { ...NONE, ...change };
    for (const l of [...this.listeners]) l(full);
  }

  // ---------------------------------------------------------------- reading

  /** The open alignment with its links in reading order, or null. */
  get view(): AlignmentView | null {
    return this.meta ? { ...this.meta, links: this.list } : null;
  }

  get links(): readonly Link[] {
    return this.list;
  }

  get cur(): number {
    return this.cursor;
  }

  get focusSide(): Side {
    return this.focus;
  }

  get busy(): boolean {
    return this.isBusy;
  }

  /** Index in `links` of the (first) link holding each segment of a side, or -1. */
  linkOf(side: Side): Int32Array {
    return this.linkOfSide[side];
  }

  current(): Link | undefined {
    return this.cursor >= 0 ? this.list[this.cursor] : undefined;
  }

  counts(): { total: number; confirmed: number; rejected: number } {
    let confirmed = 0;
    let rejected = 0;
    for (const l of this.list) {
      if (l.status === 'confirmed') confirmed++;
      else if (l.status === 'rejected') rejected++;
    }
    return { total: this.list.length, confirmed, rejected };
  }

  // ---------------------------------------------------------------- loading

  /**
   * Takes a freshly opened alignment: the paragraph of each segment on both
   * sides, then the links; the cursor goes to the first suggestion and the
   * selection is cleared.
   */
  load(view: AlignmentView, paragraphOf: Record<Side, Int32Array>): void {
    this.paragraphOfSide.a = paragraphOf.a;
    this.paragraphOfSide.b = paragraphOf.b;
    this.selected.a.clear();
    this.selected.b.clear();
    this.setLinks(view, true);
    this.cursor = this.list.findIndex((l) => l.status === 'suggested');
    if (this.cursor < 0 && this.list.length) this.cursor = 0;
    this.emit({ links: true, cursor: true, selection: true, reveal: true });
  }

  /** Closes the alignment (its documents are gone, or another pair is about to open). */
  clear(): void {
    this.meta = null;
    this.list = [];
    this.cursor = -1;
    this.selected.a.clear();
    this.selected.b.clear();
    this.emit({ links: true, cursor: true, selection: true });
  }

  private setLinks(view: AlignmentView, fresh: boolean): void {
    const keep = !fresh ? this.current() : undefined;
    const { links, seq: _seq, ...meta } = view;
    // Patched and freshly loaded links are put in one order, so the cursor and N/P behave the same after either.
    this.list = inReadingOrder(links);
    this.meta = meta;
    this.revision++;
    for (const side of ['a', 'b'] as const) {
      const n = this.paragraphOfSide[side].length;
      if (this.linkOfSide[side].length !== n) this.linkOfSide[side] = new Int32Array(n);
      this.linkOfSide[side].fill(-1);
    }
    const la = this.linkOfSide.a;
    const lb = this.linkOfSide.b;
    this.list.forEach((l, i) => {
      for (const x of l.a) if (x < la.length && la[x] < 0) la[x] = i;
      for (const x of l.b) if (x < lb.length && lb[x] < 0) lb[x] = i;
    });
    if (keep) {
      // Operations replace links (new ids), so the cursor follows the segments it was on.
      let idx = this.list.findIndex((l) => l.id === keep.id);
      if (idx < 0 && keep.a.length) idx = la[keep.a[0]] ?? -1;
      if (idx < 0 && keep.b.length) idx = lb[keep.b[0]] ?? -1;
      if (idx < 0) idx = Math.min(this.cursor, this.list.length - 1);
      this.cursor = idx;
    }
    if (this.cursor >= this.list.length) this.cursor = this.list.length - 1;
  }

  /** Takes link deltas for the open alignment into the local links, in order. */
  private patch(deltas: LinkDelta[]): void {
    const meta = this.meta!;
    this.setLinks({ ...meta, links: applyLinkDeltas(this.list, meta.id, deltas) }, false);
  }

  /**
   * Applies the deltas undo or redo brought; returns false when none concerned
   * the open alignment (another one needs nothing: opening it fetches it afresh).
   */
  applyDeltas(deltas: LinkDelta[]): boolean {
    if (!this.meta || !deltas.some((d) => d.alignmentId === this.meta!.id)) return false;
    this.patch(deltas);
    this.emit({ links: true, cursor: true });
    return true;
  }

  // ---------------------------------------------------------------- cursor, selection, side

  setCursor(idx: number, reveal = true): void {
    if (idx < 0 || idx >= this.list.length) return;
    this.cursor = idx;
    this.emit({ cursor: true, reveal });
  }

  /**
   * Moves to the next (or previous) link that `pred` accepts, wrapping
   * around, never onto the link already current; says so when it wrapped or
   * when there is no other such link. Returns whether the cursor moved.
   */
  jump(dir: 1 | -1, pred: (l: Link) => boolean, what: string): boolean {
    const n = this.list.length;
    if (!n) {
      this.host.note('There are no links yet.');
      return false;
    }
    for (let k = 1; k < n + (this.cursor < 0 ? 1 : 0); k++) {
      const i = (((this.cursor + dir * k) % n) + n) % n;
      if (!pred(this.list[i])) continue;
      const wrapped = this.cursor >= 0 && (dir > 0 ? i < this.cursor : i > this.cursor);
      this.setCursor(i);
      if (wrapped) this.host.note(`Back to the ${dir > 0 ? 'first' : 'last'} ${what}.`);
      return true;
    }
    const here = this.current();
    this.host.note(here && pred(here) ? `This is the only ${what}.` : `No ${what} left.`);
    return false;
  }

  /** Next or previous link in reading order, stopping at the ends. */
  step(dir: 1 | -1): void {
    if (!this.list.length) return;
    this.setCursor(Math.max(0, Math.min(this.list.length - 1, this.cursor + dir)));
  }

  setFocusSide(side: Side): void {
    if (this.focus === side) return;
    this.focus = side;
    this.emit({ focus: true });
  }

  toggleFocusSide(): void {
    this.setFocusSide(this.focus === 'a' ? 'b' : 'a');
  }

  /**
   * Selects segments first..last of a side, as a click does: a plain click
   * replaces the selection, Shift extends it from the last selected segment,
   * Ctrl toggles. The cursor goes to the link holding the segment.
   */
  select(side: Side, first: number, last: number, how: { extend?: boolean; toggle?: boolean } = {}): void {
    const sel = this.selected[side];
    this.focus = side;
    if (how.extend && sel.size) {
      const anchor = [...sel].pop()!;
      const [lo, hi] = anchor < first ? [anchor, last] : [first, anchor];
      for (let i = lo; i <= hi; i++) sel.add(i);
    } else if (how.toggle) {
      let all = true;
      for (let i = first; i <= last; i++) all &&= sel.has(i);
      for (let i = first; i <= last; i++) {
        if (all) sel.delete(i);
        else sel.add(i);
      }
    } else {
      sel.clear();
      for (let i = first; i <= last; i++) sel.add(i);
    }
    const li = this.linkOfSide[side][first];
    if (li !== undefined && li >= 0) this.cursor = li;
    this.emit({ selection: true, cursor: true, focus: true });
  }

  setSelection(a: Iterable<number>, b: Iterable<number>): void {
    this.selected.a.clear();
    this.selected.b.clear();
    for (const x of a) this.selected.a.add(x);
    for (const x of b) this.selected.b.add(x);
    this.emit({ selection: true });
  }

  clearSelection(): void {
    this.setSelection([], []);
  }

  /** Puts the cursor on the link holding a paragraph's first segment and selects that segment; false if the side has no such paragraph. */
  revealParagraph(side: Side, paragraph: number): boolean {
    const seg = this.paragraphOfSide[side].indexOf(paragraph);
    if (seg < 0) return false;
    const li = this.linkOfSide[side][seg];
    if (li >= 0) this.cursor = li;
    this.selected[side].clear();
    this.selected[side].add(seg);
    this.emit({ cursor: true, selection: true });
    return true;
  }

  // ---------------------------------------------------------------- operations

  /**
   * Sends one operation and applies what it returns, a whole view or link
   * deltas; resolves after the listeners have redrawn. An operation asked for
   * while another is on its way is not sent (keys pressed meanwhile are not
   * queued behind a change the annotator has not seen yet).
   */
  async run(name: string, call: () => Promise<AlignmentView | LinkDelta[]>, after?: () => boolean | void): Promise<OpTiming | undefined> {
    if (!this.meta || this.isBusy) return undefined;
    this.isBusy = true;
    this.emit({ busy: true });
    try {
      return await this.host.serial(async () => {
        const t0 = this.host.now();
        const end = this.host.echoes.begin();
        try {
          const outcome = await call();
          const t1 = this.host.now();
          if (!this.meta) return undefined;
          if (Array.isArray(outcome)) this.patch(outcome);
          else {
            this.setLinks(outcome, false);
            this.host.refreshInfo();
          }
          // `after` moves the cursor where the operation leaves it; true asks the panes to scroll there.
          const reveal = after?.() === true;
          this.emit({ links: true, cursor: true, selection: !!after, reveal });
          const t2 = this.host.now();
          this.lastTiming = { op: name, total: t2 - t0, api: t1 - t0, render: t2 - t1 };
          return this.lastTiming;
        } catch (err) {
          this.host.error(`${name}: ${(err as Error).message}`);
          return undefined;
        } finally {
          end();
        }
      });
    } finally {
      this.isBusy = false;
      this.emit({ busy: true });
      if (this.reloadWanted) {
        this.reloadWanted = false;
        void this.reload();
      }
    }
  }

  /** Sends a link operation; its answer is a delta, and its number marks the server's echo as ours. */
  edit(name: string, op: LinkOperation, after?: () => boolean | void): Promise<OpTiming | undefined> {
    const id = this.meta?.id;
    if (id === undefined) return Promise.resolve(undefined);
    return this.run(name, async () => {
      const r = await this.host.api.editLinks(id, op);
      this.host.echoes.own(r.seq);
      this.host.history(r);
      return [r.delta];
    }, after);
  }

  private need(): Link | undefined {
    const l = this.current();
    if (!l) this.host.error('No current link: click a segment or press N.');
    return l;
  }

  async confirm(): Promise<OpTiming | undefined> {
    const l = this.need();
    if (!l) return Promise.resolve(undefined);
    // Confirming moves on, as in a CAT tool: to the next link still waiting for a decision.
    const next = () => {
      const n = this.list.length;
      for (let k = 1; k < n; k++) {
        const i = (this.cursor + k) % n;
        if (this.list[i].status === 'suggested') {
          this.cursor = i;
          return true;
        }
      }
      return false;
    };
    return this.edit('confirm', { op: 'confirm', linkIds: [l.id] }, next);
  }

  reject(): Promise<OpTiming | undefined> {
    const l = this.need();
    return l ? this.edit('reject', { op: 'reject', linkIds: [l.id] }) : Promise.resolve(undefined);
  }

  merge(): Promise<OpTiming | undefined> {
    const l = this.need();
    return l ? this.edit('merge', { op: 'merge', linkId: l.id }) : Promise.resolve(undefined);
  }

  split(): Promise<OpTiming | undefined> {
    const l = this.need();
    return l ? this.edit('split', { op: 'split', linkId: l.id }) : Promise.resolve(undefined);
  }

  /**
   * Moves the boundary under the current link on one side, as the annotator
   * sees it: down takes the next segment into the link, up gives the link's
   * last segment to the next link. (The API names the move by where the
   * segment goes: 'up' is taken from the next link, 'down' is given to it.)
   */
  moveBoundary(move: BoundaryMove, side: Side = this.focus): Promise<OpTiming | undefined> {
    const l = this.need();
    if (!l) return Promise.resolve(undefined);
    return this.edit(`boundary-${move}`, { op: 'move-boundary', linkId: l.id, side, direction: move === 'down' ? 'up' : 'down' });
  }

  linkSelected(): Promise<OpTiming | undefined> {
    const a = [...this.selected.a].sort((x, y) => x - y);
    const b = [...this.selected.b].sort((x, y) => x - y);
    if (!a.length || !b.length) {
      this.host.error('Select a segment in each pane first (click; Shift+click for several), then press L.');
      return Promise.resolve(undefined);
    }
    return this.edit('link', { op: 'link', a, b }, () => {
      this.selected.a.clear();
      this.selected.b.clear();
      const li = this.linkOfSide.a[a[0]];
      if (li >= 0) this.cursor = li;
    });
  }

  unlink(): Promise<OpTiming | undefined> {
    const l = this.need();
    return l ? this.edit('unlink', { op: 'unlink', linkId: l.id }) : Promise.resolve(undefined);
  }

  realign(): Promise<OpTiming | undefined> {
    const id = this.meta?.id;
    if (id === undefined) return Promise.resolve(undefined);
    return this.run('realign', async () => {
      const v = await this.host.api.realign(id);
      this.host.echoes.own(v.seq);
      return v;
    });
  }

  /**
   * Shows more or fewer candidate links in a comparable alignment; the server
   * remembers the setting for the alignment and answers with its links.
   */
  setControl(control: Partial<CandidateControl>): Promise<OpTiming | undefined> {
    const id = this.meta?.id;
    if (id === undefined) return Promise.resolve(undefined);
    return this.run('candidates', async () => {
      const v = await this.host.api.setCandidateControl(id, control);
      this.host.echoes.own(v.seq);
      return v;
    });
  }

  /** Fetches the open alignment again (in its own mode), after a change made elsewhere. */
  reload(): Promise<OpTiming | undefined> {
    if (!this.meta) return Promise.resolve(undefined);
    if (this.isBusy) {
      this.reloadWanted = true;
      return Promise.resolve(undefined);
    }
    const { docA, docB, level, mode } = this.meta;
    return this.run('reload', async () => {
      const v = await this.host.api.getAlignment(docA, docB, level, mode);
      if (!v) throw new Error('The alignment is gone.');
      return v;
    });
  }
}
