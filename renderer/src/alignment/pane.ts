import type { AlignLevel, DocumentDetail, Fact, Link } from '../../../common/types';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import { monaco, isRtl, proseOptions, wrapOptions } from '../monaco';
import { clear, h } from '../ui';
import { EMPTY_SEGMENTS, segmentAt, segmentDocument, type SegmentMap } from './segments';
import type { TranslationRows } from './rows';
import type { EvidenceMark } from './evidence';

export type Side = 'a' | 'b';
/** a and b hold the aligned documents; ta and tb the translations shown beside them. */
export type PaneName = 'a' | 'b' | 'ta' | 'tb';

export interface PaneEvents {
  /** The pane's text got the focus. */
  focus(pane: PaneController): void;
  /** A click (not a drag that selected text) on segment `seg`, with Shift or Ctrl. */
  click(pane: PaneController, seg: number, how: { extend: boolean; toggle: boolean }): void;
  scroll(pane: PaneController, scrollTop: number): void;
  /** The editor's size changed. */
  layout(): void;
}

/** One colour per fact as CSS classes fact-c0..11 (see app.ts); the pane only needs the index. */
export type FactColour = (factId: number) => number;

/**
 * One pane of the alignment view: a read-only Monaco editor showing a
 * document one segment per line, the blank zones that keep its rows level
 * with the other panes, its status, cursor, selection and fact decorations.
 * It owns the editor, its models and every listener it adds, and releases
 * them all on dispose.
 *
 * Extension point: another kind of decoration (evidence highlights, say) is
 * one more IEditorDecorationsCollection made in the constructor and set from
 * the view, like `mentionDecos`.
 */
export class PaneController implements Disposable {
  readonly translation: boolean;
  readonly wrap: HTMLElement;
  readonly header: HTMLElement;
  readonly host: HTMLElement;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  model: monaco.editor.ITextModel | null = null;
  doc: DocumentDetail | null = null;
  seg: SegmentMap = EMPTY_SEGMENTS;
  /** Height of each segment's wrapped text, without zones; prefix[i] = heights of segments < i. */
  prefix = new Float64Array(1);
  /** Translation panes: the rows beside the original, and the original's pane and document. */
  tr: TranslationRows | null = null;
  orig: PaneController | null = null;
  private readonly zones = new Map<number, { id: string; height: number }>();
  private decoKeys: string[] = [];
  private decoIds: string[] = [];
  private readonly mentionDecos: monaco.editor.IEditorDecorationsCollection;
  private readonly mirrorDecos: monaco.editor.IEditorDecorationsCollection | null;
  /** Why the current (or hovered) link was proposed: shared names, numbers, words and the best sentence. */
  private readonly evidenceDecos: monaco.editor.IEditorDecorationsCollection;
  /** The evidence highlighted now, as the pane's text reads under each mark (for tests). */
  private evidenceTexts: Array<{ kind: string; text: string }> = [];
  /** The annotator put the caret somewhere since the document was loaded (a click, or the arrows). */
  private caretPlaced = false;
  private readonly store = new DisposableStore();
  private disposed = false;

  constructor(readonly side: Side, readonly name: PaneName, events: PaneEvents) {
    this.translation = name === 'ta' || name === 'tb';
    this.host = h('div', { class: 'pane-editor pane-readonly' });
    this.header = h('div', { class: 'pane-head' });
    this.wrap = h('div', { class: this.translation ? `pane pane-tr pane-tr-${side}` : `pane pane-${side}` }, this.header, this.host);
    if (this.translation) {
      this.wrap.hidden = true;
      this.wrap.setAttribute('aria-label', `English translation of document ${side.toUpperCase()} (read-only)`);
    }
    this.editor = monaco.editor.create(this.host, proseOptions({ readOnly: true, domReadOnly: true, model: null, lineNumbers: (n) => String(n), cursorStyle: 'line-thin', cursorBlinking: 'solid' }));
    this.mentionDecos = this.editor.createDecorationsCollection();
    this.mirrorDecos = this.translation ? this.editor.createDecorationsCollection() : null;
    this.evidenceDecos = this.editor.createDecorationsCollection();
    const ed = this.editor;
    this.store.add(ed.onDidChangeCursorPosition((e) => {
      if (e.source === 'mouse' || e.source === 'keyboard') this.caretPlaced = true;
    }));
    this.store.add(ed.onDidFocusEditorText(() => events.focus(this)));
    this.store.add(ed.onMouseUp((e) => {
      const line = e.target.position?.lineNumber;
      if (!line || !this.model) return;
      const sel = ed.getSelection();
      const extend = e.event.shiftKey;
      const toggle = e.event.ctrlKey || e.event.metaKey;
      // A drag keeps its text selection (for attaching a fact); a click, or a Shift/Ctrl+click, picks segments.
      if (sel && !sel.isEmpty() && !extend && !toggle) return;
      if (extend || toggle) ed.setSelection(new monaco.Selection(line, 1, line, 1));
      events.click(this, line - 1, { extend, toggle });
    }));
    this.store.add(ed.onDidScrollChange((e) => {
      if (e.scrollTopChanged && this.model) events.scroll(this, e.scrollTop);
    }));
    this.store.add(ed.onDidLayoutChange(() => events.layout()));
    this.store.add(toDisposable(() => {
      this.mentionDecos.clear();
      this.mirrorDecos?.clear();
      this.evidenceDecos.clear();
      ed.setModel(null);
      this.model?.dispose();
      this.model = null;
      ed.dispose();
    }));
  }

  get loaded(): boolean {
    return this.model !== null;
  }

  get shown(): boolean {
    return !this.wrap.hidden;
  }

  /** Shows a document, one segment per line; every pane of the view shares one font so that their rows look alike. */
  load(doc: DocumentDetail, level: AlignLevel, chars: number, timings?: Record<string, number>): void {
    const map = segmentDocument(doc, level);
    this.doc = doc;
    this.seg = map;
    const old = this.model;
    this.model = monaco.editor.createModel(map.texts.join('\n'), 'plaintext');
    this.zones.clear();
    this.decoKeys = new Array(map.texts.length).fill('');
    this.decoIds = new Array(map.texts.length).fill('');
    const rtl = isRtl(doc.lang);
    this.wrap.classList.toggle('rtl', rtl);
    const labels = map.labels;
    this.editor.updateOptions({ ...wrapOptions(chars), lineNumbers: (n: number) => labels[n - 1] ?? '', lineNumbersMinChars: level === 'sentence' ? 6 : Math.max(3, String(map.texts.length).length + 1) });
    const t0 = performance.now();
    this.editor.setModel(this.model);
    if (timings) timings[`setModel${this.name}`] = performance.now() - t0;
    this.mentionDecos.clear();
    this.mirrorDecos?.clear();
    this.evidenceDecos.clear();
    this.evidenceTexts = [];
    this.caretPlaced = false;
    old?.dispose();
    clear(this.header,
      h('span', { class: 'pane-title', dir: 'auto', title: doc.title }, doc.title),
      h('span', { class: 'lang' }, doc.lang),
      h('span', { class: 'prov' }, doc.provenance.kind === 'mt' ? `MT ${doc.provenance.provider ?? ''}` : doc.translationOf !== null ? 'translation' : 'original'),
      h('span', { class: 'muted' }, `${map.texts.length} ${level === 'paragraph' ? '¶' : 'sentences'}`),
    );
    this.header.setAttribute('dir', rtl ? 'rtl' : 'ltr');
    const t1 = performance.now();
    this.measure();
    if (timings) timings[`measure${this.name}`] = performance.now() - t1;
  }

  /** Empties the pane (a translation pane that is no longer shown). */
  unload(): void {
    if (!this.model) return;
    this.evidenceDecos.clear();
    this.evidenceTexts = [];
    this.editor.setModel(null);
    this.model.dispose();
    this.model = null;
    this.doc = null;
    this.tr = null;
    this.orig = null;
    this.seg = EMPTY_SEGMENTS;
    this.zones.clear();
    this.prefix = new Float64Array(1);
  }

  setShown(on: boolean): boolean {
    if (this.wrap.hidden === !on) return false;
    this.wrap.hidden = !on;
    return true;
  }

  /** Heights of the wrapped segments, without zones: they change only with the text or the width. */
  measure(): void {
    const n = this.model?.getLineCount() ?? 0;
    const prefix = new Float64Array(n + 1);
    for (let line = 1; line <= n; line++) {
      prefix[line] = prefix[line - 1] + (this.editor.getBottomForLineNumber(line) - this.editor.getTopForLineNumber(line));
    }
    this.prefix = prefix;
  }

  /** Puts the blank zones wanted (segment → height) in place, touching only those that changed. */
  applyZones(want: Map<number, number>): void {
    const remove: number[] = [];
    const add: Array<[number, number]> = [];
    for (const [after, z] of this.zones) if (want.get(after) !== z.height) remove.push(after);
    for (const [after, height] of want) {
      const z = this.zones.get(after);
      if (!z || z.height !== height) add.push([after, height]);
    }
    if (!remove.length && !add.length) return;
    this.editor.changeViewZones((acc) => {
      for (const after of remove) {
        acc.removeZone(this.zones.get(after)!.id);
        this.zones.delete(after);
      }
      for (const [after, height] of add) {
        const domNode = document.createElement('div');
        domNode.className = 'pad-zone';
        // A zone after line n (1-based) sits just above segment n (0-based).
        const id = acc.addZone({ afterLineNumber: after, heightInPx: height, domNode, suppressMouseDown: true });
        this.zones.set(after, { id, height });
      }
    });
  }

  /** Status colours, the cursor and the selection as line decorations; only lines whose look changed are touched. */
  renderStatus(linkOf: Int32Array, links: readonly Link[], cur: ReadonlySet<number>, selected: ReadonlySet<number>): void {
    if (!this.model) return;
    const n = linkOf.length;
    const oldIds: string[] = [];
    const changed: number[] = [];
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    for (let i = 0; i < n; i++) {
      const li = linkOf[i];
      const status = li < 0 ? 'none' : links[li].status;
      const multi = li >= 0 && (links[li].a.length !== 1 || links[li].b.length !== 1) ? 'm' : '';
      const isCur = cur.has(i);
      const isSel = selected.has(i);
      const key = `${status}${multi}${isCur ? 'c' : ''}${isSel ? 's' : ''}`;
      if (key === this.decoKeys[i]) continue;
      this.decoKeys[i] = key;
      if (this.decoIds[i]) oldIds.push(this.decoIds[i]);
      changed.push(i);
      decos.push({
        range: new monaco.Range(i + 1, 1, i + 1, 1),
        options: {
          isWholeLine: true,
          className: `${isCur ? 'seg-cur' : ''}${isSel ? ' seg-sel' : ''}` || null,
          linesDecorationsClassName: `st st-${status}${multi ? ' st-multi' : ''}`,
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      });
    }
    if (!changed.length) return;
    const ids = this.model.deltaDecorations(oldIds, decos);
    changed.forEach((i, k) => (this.decoIds[i] = ids[k]));
  }

  /** A translation pane: tints the rows beside the original's current link and its selected segments. */
  renderMirror(cur: readonly number[], selected: Iterable<number>): void {
    const m = this.tr;
    const orig = this.orig;
    if (!m || !orig || !this.mirrorDecos) return;
    const keys = new Map<number, string>();
    const mark = (segs: Iterable<number>, cls: string) => {
      for (const s of segs) {
        const para = orig.seg.paragraphOf[s];
        if (para === undefined || para >= m.trLo.length || m.trLo[para] < 0) continue;
        for (let line = m.trLo[para]; line <= m.trHi[para]; line++) keys.set(line, `${keys.get(line) ?? ''} ${cls}`.trim());
      }
    };
    mark(cur, 'seg-cur');
    mark(selected, 'seg-sel');
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    for (const [line, cls] of keys) decos.push({ range: new monaco.Range(line + 1, 1, line + 1, 1), options: { isWholeLine: true, className: cls } });
    this.mirrorDecos.set(decos);
  }

  /**
   * Fact mentions as coloured highlights, one colour per fact. A translation
   * pane shows its own mentions, and tints the whole paragraphs beside an
   * original paragraph that has a mention of a fact it does not mark itself.
   */
  renderMentions(facts: readonly Fact[], colourOf: FactColour): void {
    if (!this.model || !this.doc) return;
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    const origId = this.orig?.doc?.id;
    for (const f of facts) {
      const colour = colourOf(f.id);
      let own: Set<number> | null = null;
      for (const m of f.mentions) {
        if (m.docId !== this.doc.id) continue;
        const range = this.mentionRange(m.paragraph, m.start, m.end);
        if (range) decos.push({ range, options: { inlineClassName: `fact-hl fact-c${colour}`, hoverMessage: { value: f.label } } });
        (own ??= new Set()).add(m.paragraph);
      }
      if (origId === undefined || !this.tr) continue;
      const map = this.tr;
      const carried = new Set<number>();
      for (const m of f.mentions) {
        if (m.docId !== origId || m.paragraph >= map.trLo.length || map.trLo[m.paragraph] < 0) continue;
        for (let line = map.trLo[m.paragraph]; line <= map.trHi[m.paragraph]; line++) {
          if (own?.has(this.seg.paragraphOf[line]) || carried.has(line)) continue;
          carried.add(line);
          const len = this.model.getLineLength(line + 1);
          decos.push({ range: new monaco.Range(line + 1, 1, line + 1, len + 1), options: { inlineClassName: `fact-carried fact-t${colour}`, hoverMessage: { value: `${f.label} (marked in the original, paragraph ${m.paragraph + 1})` } } });
        }
      }
    }
    this.mentionDecos.set(decos);
  }

  /**
   * Highlights why a link was proposed: each shared name, number and word,
   * and the sentence that matches best. A paragraph that shows a post-edit
   * (a translation) is left unmarked, since the offsets are into its text as
   * imported.
   */
  renderEvidence(marks: readonly EvidenceMark[]): void {
    this.evidenceTexts = [];
    if (!this.model || !this.doc) {
      this.evidenceDecos.clear();
      return;
    }
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    const translated = this.doc.translationOf !== null;
    for (const m of marks) {
      const p = this.doc.paragraphList[m.paragraph];
      if (!p || (translated && p.edited !== null && p.edited !== p.text)) continue;
      const range = this.mentionRange(m.paragraph, m.start, m.end);
      if (!range || range.isEmpty()) continue;
      this.evidenceTexts.push({ kind: m.kind, text: this.model.getValueInRange(range) });
      decos.push({
        range,
        options: m.kind === 'sentence'
          ? { inlineClassName: 'ev-sent', hoverMessage: { value: m.label }, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges }
          : { inlineClassName: `ev-hl ev-${m.kind}`, hoverMessage: { value: m.label }, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
      });
    }
    this.evidenceDecos.set(decos);
  }

  /** The evidence highlighted now: its kind and the text under it (for tests). */
  get evidenceShown(): ReadonlyArray<{ kind: string; text: string }> {
    return this.evidenceTexts;
  }

  /** Where the caret is, when the annotator has put it somewhere: the segment and the offset in its text. */
  caret(): { seg: number; offset: number } | null {
    if (!this.model || !this.caretPlaced) return null;
    const pos = this.editor.getPosition();
    if (!pos) return null;
    return { seg: pos.lineNumber - 1, offset: pos.column - 1 };
  }

  /** Puts the caret at an offset of a segment (tests, and keeping it after an edit). */
  placeCaret(seg: number, offset: number): void {
    if (!this.model) return;
    this.editor.setPosition({ lineNumber: seg + 1, column: offset + 1 });
    this.caretPlaced = true;
  }

  private mentionRange(paragraph: number, start: number, end: number): monaco.Range | null {
    const seg = segmentAt(this.seg, paragraph, start);
    if (seg < 0) return null;
    const line = seg + 1;
    const base = this.seg.offsetOf[seg];
    const len = this.model!.getLineLength(line);
    if (start === end && start === 0) return new monaco.Range(line, 1, line, len + 1);
    const s = Math.max(0, start - base);
    const e = Math.min(len, Math.max(s, end - base));
    return new monaco.Range(line, s + 1, line, e + 1);
  }

  // ---------------------------------------------------------------- geometry

  get scrollTop(): number {
    return this.editor.getScrollTop();
  }

  set scrollTop(top: number) {
    this.editor.setScrollTop(top);
  }

  /** Top and bottom of a segment's text, in the editor's content coordinates. */
  top(seg: number): number {
    return this.editor.getTopForLineNumber(seg + 1);
  }

  bottom(seg: number): number {
    return this.editor.getBottomForLineNumber(seg + 1);
  }

  get height(): number {
    return this.editor.getLayoutInfo().height;
  }

  /** The segments on screen. */
  visibleSegments(): number[] {
    const out: number[] = [];
    for (const r of this.editor.getVisibleRanges()) for (let line = r.startLineNumber; line <= r.endLineNumber; line++) out.push(line - 1);
    return out;
  }

  /** The first segment on screen (1-based line of the editor's top). */
  topLine(): number {
    return this.editor.getVisibleRanges()[0]?.startLineNumber ?? 1;
  }

  layout(): void {
    if (this.shown) this.editor.layout();
  }

  /**
   * The text selected in the pane as a paragraph-relative span, for
   * attaching a fact; with no text selected, the one selected segment as a
   * whole. Null when neither.
   */
  selectionTarget(selected: ReadonlySet<number>): { docId: number; paragraph: number; start: number; end: number; quote: string } | null {
    const model = this.model;
    if (!model || !this.doc) return null;
    const sel = this.editor.getSelection();
    if (!sel) return null;
    if (sel.isEmpty()) {
      if (!selected.size) return null;
      const only = [...selected][0];
      const base = this.seg.offsetOf[only];
      return { docId: this.doc.id, paragraph: this.seg.paragraphOf[only], start: base, end: base + model.getLineLength(only + 1), quote: model.getLineContent(only + 1) };
    }
    const line = sel.startLineNumber;
    const seg = line - 1;
    const len = model.getLineLength(line);
    const s = sel.startColumn - 1;
    const e = sel.endLineNumber === line ? sel.endColumn - 1 : len;
    const base = this.seg.offsetOf[seg];
    const quote = model.getValueInRange(new monaco.Range(line, s + 1, line, e + 1));
    return { docId: this.doc.id, paragraph: this.seg.paragraphOf[seg], start: s + base, end: e + base, quote };
  }

  /** Selects text in a segment, as a drag would (offsets into the segment). */
  selectText(seg: number, start: number, end: number): void {
    this.editor.focus();
    this.editor.setSelection(new monaco.Selection(seg + 1, start + 1, seg + 1, end + 1));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.store.dispose();
    this.wrap.remove();
  }
}
