import type { DocumentDetail, Paragraph, ParagraphStatus } from '../../../common/types';
import { App, factColourIndex, type View } from '../app';
import { isRtl, monaco, proseOptions } from '../monaco';
import { clear, h, toast } from '../ui';
import type { CommandId } from '../../../common/commands';

const STATUSES: ParagraphStatus[] = ['initial', 'translated', 'reviewed', 'final'];
const POSITION_KEY = 'tandem.postedit';

/** The translation and paragraph last worked on (older versions kept only the translation's id). */
function readPosition(): { docId: number; paragraph: number } | null {
  try {
    const raw = JSON.parse(localStorage.getItem(POSITION_KEY) ?? 'null') as unknown;
    if (typeof raw === 'number' && raw > 0) return { docId: raw, paragraph: 0 };
    if (raw && typeof raw === 'object' && Number.isInteger((raw as { docId?: unknown }).docId)) {
      const r = raw as { docId: number; paragraph?: unknown };
      return { docId: r.docId, paragraph: Number.isInteger(r.paragraph) ? (r.paragraph as number) : 0 };
    }
  } catch {
    /* storage disabled or unreadable: start afresh */
  }
  return null;
}

function savePosition(p: { docId: number; paragraph: number }): void {
  try {
    localStorage.setItem(POSITION_KEY, JSON.stringify(p));
  } catch {
    /* only a convenience */
  }
}

/**
 * Post-editing one translation paragraph at a time. The raw MT stays as it
 * is; the edit is stored beside it, and the diff editor shows what changed
 * word by word.
 */
export class PostEditPanel implements View {
  readonly id = 'postedit' as const;
  readonly title = 'Post-edit';
  readonly el: HTMLElement;
  private pick = h('select', { class: 'doc-pick', 'aria-label': 'Translation to post-edit' });
  private list = h('div', { class: 'pe-list' });
  private source = h('div', { class: 'pe-source' });
  private statusPick = h('select', { 'aria-label': 'Paragraph status' }, STATUSES.map((s) => h('option', { value: s }, s)));
  private head = h('div', { class: 'pe-head' });
  private progress = h('span', { class: 'muted' });
  private diffHost = h('div', { class: 'pe-diff' });
  private diff: monaco.editor.IStandaloneDiffEditor | null = null;
  private rawModel: monaco.editor.ITextModel | null = null;
  private editModel: monaco.editor.ITextModel | null = null;
  private mentionDecos: monaco.editor.IEditorDecorationsCollection | null = null;
  private doc: DocumentDetail | null = null;
  private original: DocumentDetail | null = null;
  private index = 0;
  private loadedText = '';
  /** Bumped by each open: an older open that answers late is dropped. */
  private opening = 0;

  constructor(private readonly app: App) {
    this.pick.addEventListener('change', () => void this.open(Number(this.pick.value)));
    this.statusPick.addEventListener('change', () => void this.save(this.statusPick.value as ParagraphStatus, false));
    this.el = h('section', { class: 'view view-postedit' },
      h('div', { class: 'toolbar' }, h('label', { class: 'tl' }, 'Translation'), this.pick, this.progress, h('span', { class: 'grow' }),
        h('span', { class: 'muted' }, 'Ctrl+Enter: reviewed & next · Ctrl+Shift+Enter: final & next')),
      h('div', { class: 'pe-body' },
        this.list,
        h('div', { class: 'pe-main' },
          this.head,
          h('div', { class: 'pe-label' }, 'Source'),
          this.source,
          h('div', { class: 'pe-label' }, 'Raw MT (left, unchanged) · your edit (right)'),
          this.diffHost,
          h('div', { class: 'toolbar pe-actions' },
            h('label', { class: 'tl' }, 'Status'), this.statusPick,
            h('button', { onclick: () => void this.save(this.status(), false), title: 'Save (Ctrl+S)' }, 'Save'),
            h('button', { class: 'ok', onclick: () => void this.save('reviewed', true), title: 'Ctrl+Enter', dataset: { op: 'pe-confirm' } }, 'Reviewed ▸ next'),
            h('button', { onclick: () => void this.save('final', true), title: 'Ctrl+Shift+Enter' }, 'Final ▸ next'),
            h('button', { onclick: () => void this.revert(), title: 'Drop the edit and go back to the raw MT' }, 'Revert to MT'),
            h('span', { class: 'grow' }),
            h('button', { onclick: () => void this.go(this.index - 1), title: 'Previous paragraph (Alt+↑)', 'aria-label': 'Previous paragraph' }, '◀ Prev'),
            h('button', { onclick: () => void this.go(this.index + 1), title: 'Next paragraph (Alt+↓)', 'aria-label': 'Next paragraph' }, 'Next ▶'),
          ),
        ),
      ),
    );
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'Paragraphs');
    // One tab stop for the list: ↑↓ move to the previous or next paragraph (saving first), Home/End to the ends.
    this.list.addEventListener('keydown', (e) => {
      if (!this.doc || e.ctrlKey || e.metaKey || e.altKey) return;
      const n = this.doc.paragraphList.length;
      const to = e.key === 'ArrowDown' ? this.index + 1 : e.key === 'ArrowUp' ? this.index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -2;
      if (to === -2) return;
      e.preventDefault();
      e.stopPropagation();
      void this.go(Math.max(0, Math.min(n - 1, to))).then(() => this.list.querySelector<HTMLElement>('.pe-item.active')?.focus());
    });
    app.on('docs', () => this.fillPick());
    app.on('facts', () => this.renderMentions());
    this.registerCommands();
  }

  private ensureEditor(): void {
    if (this.diff) return;
    this.diff = monaco.editor.createDiffEditor(this.diffHost, {
      // Room beside the text for the +/- signs, and a glyph margin for the arrow that reverts a change.
      ...proseOptions({ lineNumbers: 'off', glyphMargin: true, lineDecorationsWidth: 14 }),
      diffWordWrap: 'on',
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      originalEditable: false,
      readOnly: false,
      renderOverviewRuler: false,
      ignoreTrimWhitespace: false,
      // +/- beside changed lines, and an arrow in the margin that reverts one change to the raw MT
      // (codicon glyphs, bundled with the app by ../monaco).
      renderIndicators: true,
      renderMarginRevertIcon: true,
      renderGutterMenu: true,
      enableSplitViewResizing: true,
      diffAlgorithm: 'advanced',
      hideUnchangedRegions: { enabled: false },
    } as monaco.editor.IStandaloneDiffEditorConstructionOptions);
    this.rawModel = monaco.editor.createModel('', 'plaintext');
    this.editModel = monaco.editor.createModel('', 'plaintext');
    this.diff.setModel({ original: this.rawModel, modified: this.editModel });
    this.mentionDecos = this.diff.getOriginalEditor().createDecorationsCollection();
    // Ctrl+Z and Ctrl+Y undo and redo the typing in the paragraph; with nothing typed to undo (or redo),
    // they reach the saved changes, as they do everywhere else in the app.
    const editor = this.diff.getModifiedEditor();
    const model = this.editModel;
    const K = monaco.KeyMod;
    const C = monaco.KeyCode;
    editor.addCommand(K.CtrlCmd | C.KeyZ, () => {
      if (model.canUndo()) void model.undo();
      else void this.app.undo();
    });
    const redo = () => {
      if (model.canRedo()) void model.redo();
      else void this.app.redo();
    };
    editor.addCommand(K.CtrlCmd | C.KeyY, redo);
    editor.addCommand(K.CtrlCmd | K.Shift | C.KeyZ, redo);
  }

  private fillPick(): void {
    const keep = this.pick.value;
    const translations = this.app.docs.filter((d) => d.translationOf !== null);
    clear(this.pick, h('option', { value: '' }, translations.length ? '— choose a translation —' : 'no translations yet'), translations.map((d) => h('option', { value: String(d.id) }, `${this.app.docLabel(d.id)} ← ${this.app.docLabel(d.translationOf!)}`)));
    this.pick.value = keep;
  }

  show(): void {
    this.fillPick();
    this.ensureEditor();
    if (!this.doc && !this.opening) {
      // Where the annotator left off; else the first translation, so the view never opens empty-handed.
      const saved = readPosition();
      const first = this.app.docs.find((d) => d.translationOf !== null);
      if (saved && this.app.doc(saved.docId)) void this.open(saved.docId, saved.paragraph);
      else if (first) void this.open(first.id);
    }
    requestAnimationFrame(() => this.diff?.layout());
  }

  async open(docId: number, paragraph = 0): Promise<void> {
    this.ensureEditor();
    if (!docId) return;
    const ticket = ++this.opening;
    const d = await this.app.attempt('Opening the translation', () => this.app.api.getDocument(docId));
    if (!d || ticket !== this.opening) return;
    if (d.translationOf === null) {
      this.app.error(`${d.title} is an original; post-editing works on a translation.`);
      return;
    }
    this.doc = d;
    this.original = await this.app.attempt('Opening the original', () => this.app.api.getDocument(d.translationOf!)) ?? null;
    this.pick.value = String(docId);
    this.renderList();
    this.select(Math.max(0, Math.min(paragraph, d.paragraphList.length - 1)));
  }

  /** After undo or redo: the paragraphs again, where the annotator was, leaving the focus where it is. */
  async reload(): Promise<void> {
    if (!this.doc) return;
    const d = await this.app.attempt('Reloading', () => this.app.api.getDocument(this.doc!.id));
    if (!d) return;
    this.doc = d;
    this.renderList();
    this.select(this.index, false);
  }

  private para(): Paragraph | undefined {
    return this.doc?.paragraphList[this.index];
  }

  private status(): ParagraphStatus {
    return this.statusPick.value as ParagraphStatus;
  }

  private renderList(): void {
    if (!this.doc) return;
    const counts: Record<string, number> = {};
    for (const p of this.doc.paragraphList) counts[p.status] = (counts[p.status] ?? 0) + 1;
    this.progress.textContent = STATUSES.map((s) => `${counts[s] ?? 0} ${s}`).join(' · ');
    const rtl = isRtl(this.doc.lang);
    clear(this.list, this.doc.paragraphList.map((p) => h('div', { class: `pe-item ${p.index === this.index ? 'active' : ''}`, role: 'option', tabindex: p.index === this.index ? '0' : '-1', 'aria-selected': String(p.index === this.index), 'aria-label': `Paragraph ${p.index + 1}, ${p.status}${p.edited !== null ? ', edited' : ''}`, dataset: { index: String(p.index) }, onclick: () => void this.go(p.index) },
      h('span', { class: 'pe-num' }, String(p.index + 1)),
      h('span', { class: `pill st-p-${p.status}` }, p.status),
      p.edited !== null ? h('span', { class: 'pe-edited', title: 'edited' }, '✎') : null,
      h('span', { class: 'pe-preview', dir: rtl ? 'rtl' : 'ltr' }, (p.edited ?? p.text).slice(0, 140)),
    )));
  }

  private select(index: number, focus = true): void {
    const d = this.doc;
    if (!d || !d.paragraphList.length) return;
    this.index = Math.max(0, Math.min(index, d.paragraphList.length - 1));
    savePosition({ docId: d.id, paragraph: this.index });
    const p = d.paragraphList[this.index];
    for (const el of this.list.querySelectorAll<HTMLElement>('.pe-item')) {
      const on = Number(el.dataset.index) === this.index;
      el.classList.toggle('active', on);
      el.tabIndex = on ? 0 : -1;
      el.setAttribute('aria-selected', String(on));
    }
    this.list.querySelector('.pe-item.active')?.scrollIntoView({ block: 'nearest' });
    const src = this.original && this.original.paragraphs === d.paragraphs ? this.original.paragraphList[this.index] : undefined;
    clear(this.head, h('b', null, `¶ ${this.index + 1} / ${d.paragraphList.length}`), h('span', { class: 'muted' }, ` · ${d.title} (${d.lang}) · ${d.provenance.kind === 'mt' ? 'MT ' + (d.provenance.provider ?? '') : 'translation'}`));
    clear(this.source, src ? src.text : h('span', { class: 'muted' }, 'The original paragraph cannot be matched one to one; see the alignment view.'));
    this.source.setAttribute('dir', this.original && isRtl(this.original.lang) ? 'rtl' : 'ltr');
    this.rawModel!.setValue(p.text);
    this.loadedText = p.edited ?? p.text;
    this.editModel!.setValue(this.loadedText);
    this.statusPick.value = p.status;
    this.diffHost.classList.toggle('rtl', isRtl(d.lang));
    this.renderMentions();
    if (focus) this.diff!.getModifiedEditor().focus();
  }

  private renderMentions(): void {
    if (!this.doc || !this.mentionDecos || !this.rawModel) return;
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    const len = this.rawModel.getLineLength(1);
    for (const f of this.app.facts) {
      for (const m of f.mentions) {
        if (m.docId !== this.doc.id || m.paragraph !== this.index) continue;
        const s = Math.min(m.start, len);
        const e = m.end > m.start ? Math.min(m.end, len) : len;
        decos.push({ range: new monaco.Range(1, s + 1, 1, e + 1), options: { inlineClassName: `fact-hl fact-c${factColourIndex(f.id)}` } });
      }
    }
    this.mentionDecos.set(decos);
  }

  private dirty(): boolean {
    return !!this.editModel && this.editModel.getValue() !== this.loadedText;
  }

  async save(status: ParagraphStatus, next: boolean): Promise<boolean> {
    const p = this.para();
    if (!p) return false;
    const text = this.editModel!.getValue();
    const saved = await this.app.attempt('Saving the paragraph', () => this.app.api.saveParagraphEdit(p.id, text === p.text ? null : text, status));
    if (!saved) return false;
    this.doc!.paragraphList[this.index] = saved;
    this.loadedText = saved.edited ?? saved.text;
    this.renderList();
    void this.app.refreshInfo().catch(() => undefined);
    if (next) {
      if (this.index + 1 < this.doc!.paragraphList.length) this.select(this.index + 1);
      else toast('Last paragraph saved.', 'ok');
    } else this.statusPick.value = saved.status;
    return true;
  }

  private async revert(): Promise<void> {
    const p = this.para();
    if (!p) return;
    this.editModel!.setValue(p.text);
    await this.save(p.status === 'initial' ? 'initial' : 'translated', false);
  }

  private async go(index: number): Promise<void> {
    if (!this.doc) return;
    if (this.dirty() && !(await this.save(this.status() === 'initial' ? 'translated' : this.status(), false))) return;
    this.select(index);
  }

  selectionTarget(): { docId: number; paragraph: number; start: number; end: number; quote: string } | null {
    const p = this.para();
    if (!p || !this.diff || !this.doc) return null;
    // Mentions are stored against the raw text, so prefer a selection in it.
    for (const ed of [this.diff.getOriginalEditor(), this.diff.getModifiedEditor()]) {
      const sel = ed.getSelection();
      const model = ed.getModel();
      if (!sel || sel.isEmpty() || !model) continue;
      if (ed === this.diff.getModifiedEditor() && p.edited !== null) continue;
      const start = model.getOffsetAt(sel.getStartPosition());
      const end = model.getOffsetAt(sel.getEndPosition());
      return { docId: this.doc.id, paragraph: p.index, start, end, quote: model.getValueInRange(sel) };
    }
    return { docId: this.doc.id, paragraph: p.index, start: 0, end: p.text.length, quote: p.text };
  }

  /** The command table's post-editing commands, carried out here. */
  private registerCommands(): void {
    const c = this.app.commands;
    const on = (id: CommandId, fn: () => unknown) => c.register(id, () => {
      if (!this.doc) return false;
      void fn();
      return true;
    });
    on('postedit.reviewedNext', () => this.save('reviewed', true));
    on('postedit.finalNext', () => this.save('final', true));
    on('postedit.save', () => this.save(this.status(), false));
    on('postedit.next', () => this.go(this.index + 1));
    on('postedit.prev', () => this.go(this.index - 1));
  }
}
