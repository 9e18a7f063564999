import type { FactGrid, FactSuggestion } from '../../../common/api';
import type { Fact, FactType } from '../../../common/types';
import { App, FACT_COLOURS, factColourIndex, type View } from '../app';
import { isRtl } from '../monaco';
import { clear, confirmDialog, field, formDialog, h, modal, textDialog, toast } from '../ui';
import type { CommandId } from '../../../common/commands';
import { exportFacts, FACTS_EXPORTS, openAgreementDialog, openMergeDialog } from './collab';

const TYPES: FactType[] = ['event', 'claim', 'entity', 'quantity', 'other'];
const GRID_KEY = 'tandem.factsGrid';

function readGridOpen(): boolean {
  try {
    return localStorage.getItem(GRID_KEY) !== '0';
  } catch {
    return true;
  }
}
const ROLES = ['who', 'what', 'when', 'where'];

export class FactsPanel implements View {
  readonly id = 'facts' as const;
  readonly title = 'Facts';
  readonly el: HTMLElement;
  private filter = h('input', { type: 'search', placeholder: 'Filter facts', 'aria-label': 'Filter facts' });
  private list = h('div', { class: 'fact-list' });
  private detail = h('div', { class: 'fact-detail' });
  private suggestions = h('div', { class: 'suggest-list' });
  private grid = h('div', { class: 'grid-wrap' });
  private minArticles = h('input', { type: 'number', min: 0, value: '0', class: 'num-input', 'aria-label': 'Shared by at least N articles' });
  private sort = h('select', { 'aria-label': 'Sort the grid' }, h('option', { value: 'articles' }, 'most shared first'), h('option', { value: 'label' }, 'by label'), h('option', { value: 'mentions' }, 'most mentions first'));
  private selectedId: number | null = null;
  private gridCard!: HTMLElement;
  private gridToggle!: HTMLButtonElement;
  /** Paragraphs of the translations the suggestions show, by document id. */
  private english = new Map<number, Promise<string[] | null>>();
  private sugg: FactSuggestion[] = [];
  private suggIdx = 0;

  constructor(private readonly app: App) {
    this.filter.addEventListener('input', () => this.renderList());
    // The list is one tab stop: arrows move, Enter or Space opens, F2 renames, Delete deletes.
    this.list.addEventListener('keydown', (e) => {
      const items = [...this.list.querySelectorAll<HTMLElement>('.fact-item')];
      const at = items.indexOf(document.activeElement as HTMLElement);
      if (at < 0) return;
      const id = Number(items[at].dataset.fact);
      let to = -1;
      if (e.key === 'ArrowDown') to = Math.min(items.length - 1, at + 1);
      else if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
      else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') to = items.length - 1;
      else if (e.key === 'Enter' || e.key === ' ') {
        this.select(id);
        this.list.querySelector<HTMLElement>(`.fact-item[data-fact="${id}"]`)?.focus();
      } else return;
      e.preventDefault();
      e.stopPropagation();
      if (to >= 0) {
        for (const it of items) it.tabIndex = -1;
        items[to].tabIndex = 0;
        items[to].focus();
      }
    });
    this.minArticles.addEventListener('change', () => void this.loadGrid());
    this.sort.addEventListener('change', () => void this.loadGrid());
    const newBtn = h('button', { class: 'primary', onclick: () => void this.createFact() }, '+ New fact');
    // The annotator's work beyond tagging: exports, a colleague's copy, and how far two annotators agree.
    const exportButtons = FACTS_EXPORTS.map((x) => h('button', { class: 'tb', title: x.help, dataset: { op: `export-facts-${x.format}` }, onclick: () => void exportFacts(app, x.format) }, x.label));
    this.el = h('section', { class: 'view view-facts' },
      h('div', { class: 'toolbar facts-toolbar' },
        h('span', { class: 'tl' }, 'Export facts'), exportButtons,
        h('span', { class: 'sep' }),
        h('button', { class: 'tb', dataset: { op: 'merge-copy' }, title: 'Merge the .tandem file another annotator worked in into this project', onclick: () => openMergeDialog(app) }, 'Merge a copy…'),
        h('button', { class: 'tb', dataset: { op: 'agreement' }, title: 'Cohen’s κ over the fact grid, span and link F1 between two annotators', onclick: () => void openAgreementDialog(app) }, 'Agreement…'),
      ),
      h('div', { class: 'facts-cols' },
        h('div', { class: 'facts-left' }, h('div', { class: 'toolbar' }, this.filter, newBtn), this.list),
        h('div', { class: 'facts-mid' }, this.detail, h('div', { class: 'card suggest-card' }, h('div', { class: 'card-head' }, h('h3', null, 'Suggestions'), h('span', { class: 'muted' }, 'Y accept · X reject · ↑↓ move'),
          h('span', { class: 'grow' }),
          h('button', { class: 'tb', dataset: { op: 'suggest' }, onclick: () => void this.loadSuggestions() }, 'Suggest')), this.suggestions)),
      ),
      this.gridCard = h('div', { class: 'facts-grid card' },
        h('div', { class: 'card-head' },
          this.gridToggle = h('button', { class: 'link grid-toggle', 'aria-expanded': 'true', 'aria-controls': 'facts-grid-body', onclick: () => this.toggleGrid() }, 'Coverage: facts × articles'),
          h('label', null, 'shared by ≥ ', this.minArticles, ' articles'), this.sort),
        this.grid,
      ),
    );
    this.grid.id = 'facts-grid-body';
    this.setGridOpen(readGridOpen());
    app.on('docs', () => this.english.clear());
    app.on('facts', () => {
      this.renderList();
      this.renderDetail();
      if (!this.el.hidden) void this.loadGrid();
    });
    app.pickFact = (target) => this.picker(target);
    this.registerCommands();
  }

  show(): void {
    this.renderList();
    this.renderDetail();
    void this.loadGrid();
  }

  private fact(): Fact | undefined {
    return this.app.facts.find((f) => f.id === this.selectedId);
  }

  private renderList(): void {
    const q = this.filter.value.trim().toLowerCase();
    const facts = this.app.facts.filter((f) => !q || f.label.toLowerCase().includes(q) || f.description.toLowerCase().includes(q));
    if (!facts.length) {
      clear(this.list, h('div', { class: 'placeholder small' }, this.app.facts.length ? 'No fact matches.' : 'No facts yet. Select text in a pane and press F, or create one here.'));
      return;
    }
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'Facts');
    clear(this.list, facts.map((f) => {
      const articles = new Set(f.mentions.map((m) => m.docId)).size;
      return h('div', { class: `fact-item ${f.id === this.selectedId ? 'active' : ''}`, role: 'option', tabindex: f.id === this.selectedId || (this.selectedId === null && f === facts[0]) ? '0' : '-1', 'aria-selected': String(f.id === this.selectedId), dataset: { fact: String(f.id) }, onclick: () => this.select(f.id) },
        h('span', { class: 'swatch', style: `background:${FACT_COLOURS[factColourIndex(f.id)]}` }),
        h('span', { class: 'fact-label' }, f.label),
        h('span', { class: 'pill' }, f.type),
        h('span', { class: 'muted small' }, `${f.mentions.length} m · ${articles} doc`),
      );
    }));
  }

  private select(id: number): void {
    this.selectedId = id;
    this.sugg = [];
    clear(this.suggestions);
    this.renderList();
    this.renderDetail();
  }

  private renderDetail(): void {
    const f = this.fact();
    if (!f) {
      clear(this.detail, h('div', { class: 'placeholder small' }, 'Select a fact to edit it.'));
      return;
    }
    const label = h('input', { type: 'text', value: f.label, 'aria-label': 'Label' });
    const type = h('select', { 'aria-label': 'Type' }, TYPES.map((t) => h('option', { value: t, selected: t === f.type }, t)));
    const desc = h('textarea', { rows: 2, 'aria-label': 'Description', placeholder: 'description' });
    desc.value = f.description;
    const roles = ROLES.map((r) => h('input', { type: 'text', value: f.roles[r] ?? '', placeholder: r, 'aria-label': r }));
    const save = async () => {
      const patch = { label: label.value.trim() || f.label, type: type.value as FactType, description: desc.value, roles: Object.fromEntries(ROLES.map((r, i) => [r, roles[i].value.trim()]).filter(([, v]) => v)) };
      if (await this.app.attempt('Saving the fact', () => this.app.api.updateFact(f.id, patch))) {
        toast('Fact saved.', 'ok');
        await this.app.refreshFacts();
        if (patch.label !== f.label || patch.description !== f.description) await this.suggestAgain(f.id);
      }
    };
    const mergeWith = h('select', { 'aria-label': 'Merge another fact into this one' }, h('option', { value: '' }, 'merge another fact in…'), this.app.facts.filter((x) => x.id !== f.id).map((x) => h('option', { value: String(x.id) }, x.label)));
    mergeWith.addEventListener('change', async () => {
      const drop = Number(mergeWith.value);
      if (!drop) return;
      if (await this.app.attempt('Merging facts', () => this.app.api.mergeFacts(f.id, drop))) await this.app.refreshFacts();
    });
    const mentions = f.mentions.map((m) => h('div', { class: 'mention' },
      h('span', { class: 'lang' }, this.app.doc(m.docId)?.lang ?? '?'),
      h('button', { class: 'link', onclick: () => void this.app.openInAlignment({ docA: m.docId, paragraph: m.paragraph }), title: 'Show the passage' }, `${this.app.doc(m.docId)?.title ?? '#' + m.docId} ¶${m.paragraph + 1}`),
      h('span', { class: 'quote', dir: isRtl(this.app.doc(m.docId)?.lang) ? 'rtl' : 'ltr' }, `“${m.quote}”`),
      h('button', { class: 'icon', title: 'Remove this mention', 'aria-label': `Remove the mention “${m.quote.slice(0, 40)}”`, onclick: async () => {
        // removeMention answers nothing: success is a call that did not throw.
        if (await this.app.attempt('Removing the mention', async () => (await this.app.api.removeMention(m.id), true))) await this.app.refreshFacts();
      } }, '×'),
    ));
    const del = async () => {
      const ok = await confirmDialog({
        title: 'Delete fact',
        message: `Delete “${f.label}” and its ${f.mentions.length} mention${f.mentions.length === 1 ? '' : 's'}? Undo (Ctrl+Z) brings it back.`,
        confirmLabel: 'Delete',
        danger: true,
      });
      if (!ok) return;
      if (await this.app.attempt('Deleting the fact', async () => (await this.app.api.deleteFact(f.id), true))) {
        this.selectedId = null;
        await this.app.refreshFacts();
        toast(`Deleted “${f.label}”. Ctrl+Z brings it back.`, 'ok');
      }
    };
    clear(this.detail, h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('span', { class: 'swatch big', style: `background:${FACT_COLOURS[factColourIndex(f.id)]}` }), label, type),
      desc,
      h('div', { class: 'roles' }, roles),
      h('div', { class: 'row' },
        h('button', { class: 'primary', onclick: () => void save() }, 'Save'),
        h('button', { onclick: () => void this.rename(f.id), title: 'Rename (F2)', dataset: { op: 'rename-fact' } }, 'Rename…'),
        mergeWith,
        h('button', { onclick: () => void this.split(f.id), disabled: f.mentions.length < 2, title: f.mentions.length < 2 ? 'A fact needs two mentions or more to be split' : 'Move some mentions to a new fact', dataset: { op: 'split-fact' } }, 'Split…'),
        h('span', { class: 'grow' }),
        h('button', { class: 'bad', onclick: () => void del(), dataset: { op: 'delete-fact' } }, 'Delete')),
      h('h4', null, `Mentions (${f.mentions.length})`),
      h('div', { class: 'mentions' }, mentions.length ? mentions : h('span', { class: 'muted' }, 'none yet')),
    ));
  }

  /** The new-fact dialog: label, type and description; Enter creates, Esc cancels. */
  async createFact(): Promise<void> {
    const label = h('input', { type: 'text', autocomplete: 'off', placeholder: 'e.g. Massimov arrested', required: true });
    const type = h('select', null, TYPES.map((t) => h('option', { value: t }, t)));
    const desc = h('textarea', { rows: 2, placeholder: 'optional' });
    const input = await formDialog<{ label: string; type: FactType; description: string }>({
      title: 'New fact',
      className: 'fact-dialog',
      body: [field({ label: 'Label', control: label, hint: 'Suggestions read the label and description: say what the fact turns on, in English.' }), field({ label: 'Type', control: type }), field({ label: 'Description', control: desc, hint: 'Enter creates the fact; Shift+Enter starts a new line here.' })],
      confirmLabel: 'Create',
      initialFocus: label,
      submit: () => {
        const v = label.value.trim();
        if (!v) {
          label.setAttribute('aria-invalid', 'true');
          return { error: 'Give the fact a label.', focus: label };
        }
        if (this.app.facts.some((x) => x.label.toLowerCase() === v.toLowerCase())) {
          label.setAttribute('aria-invalid', 'true');
          return { error: `A fact called “${v}” exists already.`, focus: label };
        }
        return { value: { label: v, type: type.value as FactType, description: desc.value.trim() } };
      },
    });
    if (!input) return;
    const f = await this.app.attempt('Creating the fact', () => this.app.api.createFact({ label: input.label, type: input.type, description: input.description || undefined }));
    if (f) {
      await this.app.refreshFacts();
      this.select(f.id);
      toast(`Created “${f.label}”.`, 'ok');
    }
  }

  async rename(id: number): Promise<void> {
    const f = this.app.facts.find((x) => x.id === id);
    if (!f) return;
    const label = await textDialog({ title: 'Rename fact', label: 'Label', value: f.label, confirmLabel: 'Rename', required: 'Give the fact a label.' });
    if (!label || label === f.label) return;
    if (await this.app.attempt('Renaming the fact', () => this.app.api.updateFact(f.id, { label }))) {
      await this.app.refreshFacts();
      toast(`Renamed to “${label}”.`, 'ok');
      await this.suggestAgain(id);
    }
  }

  /** The split dialog: tick the mentions that go to a new fact, and name it. */
  async split(id: number): Promise<void> {
    const f = this.app.facts.find((x) => x.id === id);
    if (!f) return;
    const label = h('input', { type: 'text', value: `${f.label} (2)`, autocomplete: 'off', required: true });
    const boxes = f.mentions.map((m) => {
      const doc = this.app.doc(m.docId);
      const cb = h('input', { type: 'checkbox', value: String(m.id), id: `split-m${m.id}` });
      return { m, cb, row: h('label', { class: 'split-row', for: cb.id },
        cb,
        h('span', { class: 'lang' }, doc?.lang ?? '?'),
        h('span', { class: 'split-where' }, `${doc?.title ?? '#' + m.docId} ¶${m.paragraph + 1}`),
        h('span', { class: 'quote', dir: isRtl(doc?.lang) ? 'rtl' : 'ltr' }, `“${m.quote.length > 120 ? m.quote.slice(0, 120) + '…' : m.quote}”`),
      ) };
    });
    const count = h('span', { class: 'muted small', 'aria-live': 'polite' });
    const updateCount = () => {
      const n = boxes.filter((b) => b.cb.checked).length;
      count.textContent = `${n} of ${boxes.length} ticked`;
    };
    for (const b of boxes) b.cb.addEventListener('change', updateCount);
    updateCount();
    const list = h('fieldset', { class: 'split-list' }, h('legend', null, 'Mentions that move to the new fact'), boxes.map((b) => b.row));
    const r = await formDialog<{ ids: number[]; label: string }>({
      title: `Split “${f.label}”`,
      className: 'split-dialog',
      body: [list, h('div', { class: 'row' }, count), field({ label: 'Label of the new fact', control: label })],
      confirmLabel: 'Split',
      initialFocus: boxes[0]?.cb ?? label,
      submit: () => {
        const ids = boxes.filter((b) => b.cb.checked).map((b) => b.m.id);
        if (!ids.length) return { error: 'Tick the mentions that belong to the new fact.', focus: boxes[0]?.cb };
        if (ids.length === boxes.length) return { error: 'Leave at least one mention with this fact (or rename it instead).', focus: boxes[0]?.cb };
        const v = label.value.trim();
        if (!v) {
          label.setAttribute('aria-invalid', 'true');
          return { error: 'Give the new fact a label.', focus: label };
        }
        return { value: { ids, label: v } };
      },
    });
    if (!r) return;
    const created = await this.app.attempt('Splitting the fact', () => this.app.api.splitFact(f.id, r.ids, r.label));
    if (created) {
      await this.app.refreshFacts();
      toast(`Moved ${r.ids.length} mention${r.ids.length === 1 ? '' : 's'} to “${created.label}”.`, 'ok');
    }
  }

  /** Suggestions read the fact's label and description: those shown for it were for the old ones. */
  private async suggestAgain(id: number): Promise<void> {
    if (this.sugg.length && this.fact()?.id === id) await this.loadSuggestions();
  }

  private async loadSuggestions(): Promise<void> {
    const f = this.fact();
    if (!f) {
      this.app.error('Select a fact first.');
      return;
    }
    const s = await this.app.attempt('Suggestions', () => this.app.api.suggestMentions(f.id, 10));
    if (!s) return;
    this.sugg = s;
    this.suggIdx = 0;
    this.renderSuggestions();
  }

  /** The paragraphs of a translation document, read once while the documents stay as they are. */
  private paragraphsOf(docId: number): Promise<string[] | null> {
    if (!this.english.has(docId)) {
      this.english.set(docId, this.app.api.getDocument(docId).then((doc) => doc.paragraphList.map((p) => p.text), () => null));
    }
    return this.english.get(docId)!;
  }

  /** A paragraph with one span marked: the suggested sentence in it. */
  private marked(text: string, start: number, end: number, cls: string): Array<Node | string> {
    if (!(end > start) || start < 0 || end > text.length) return [text];
    return [text.slice(0, start), h('mark', { class: cls }, text.slice(start, end)), text.slice(end)];
  }

  /**
   * Each suggestion in full: its paragraph with the sentence that reports the
   * fact marked, the same sentence marked in the paragraph's English
   * translation, and what the two share. Accepting tags that sentence.
   */
  private renderSuggestions(): void {
    if (!this.sugg.length) {
      clear(this.suggestions, h('div', { class: 'muted' }, 'No suggestions.'));
      return;
    }
    clear(this.suggestions, this.sugg.map((s, i) => {
      const where = `${this.app.doc(s.docId)?.title ?? '#' + s.docId} ¶${s.paragraph + 1}`;
      const english = h('div', { class: 'sugg-en', hidden: !s.sentence.translation });
      const tr = s.sentence.translation;
      if (tr) {
        // The sentence alone at once; its paragraph around it when that has been read.
        clear(english, h('span', { class: 'lang' }, 'en'), ' ', h('mark', { class: 'sugg-sentence' }, tr.text));
        void this.paragraphsOf(tr.docId).then((paras) => {
          const text = paras?.[s.paragraph];
          if (text && text.slice(tr.start, tr.end) === tr.text) clear(english, h('span', { class: 'lang' }, 'en'), ' ', this.marked(text, tr.start, tr.end, 'sugg-sentence'));
        });
      }
      const shared = s.evidence.filter((e) => e.kind !== 'semantic').slice(0, 8);
      const meaning = s.evidence.find((e) => e.kind === 'semantic');
      const sentenceWhole = s.sentence.start === 0 && s.sentence.end >= s.text.length;
      return h('div', { class: `sugg ${i === this.suggIdx ? 'active' : ''}`, 'aria-current': i === this.suggIdx ? 'true' : undefined, dataset: { doc: String(s.docId), paragraph: String(s.paragraph), start: String(s.sentence.start), end: String(s.sentence.end) }, onclick: () => {
        this.suggIdx = i;
        this.renderSuggestions();
      } },
        h('div', { class: 'sugg-head' },
          h('span', { class: 'score', title: 'Confidence: about this share of suggestions this confident report the fact' }, s.confidence.toFixed(2)),
          h('span', { class: 'lang' }, s.lang),
          h('button', { class: 'link sugg-where', title: `${where}: show the passage in the alignment view`, onclick: (e: Event) => { e.stopPropagation(); void this.app.openInAlignment({ docA: s.docId, paragraph: s.paragraph }); } },
            h('span', { class: 'sugg-title' }, this.app.doc(s.docId)?.title ?? '#' + s.docId), h('span', { class: 'sugg-para' }, `¶${s.paragraph + 1}`)),
          h('span', { class: 'grow' }),
          h('button', { class: 'ok', title: sentenceWhole ? 'Accept: tag the paragraph as a mention (Y)' : 'Accept: tag the marked sentence as a mention (Y)', 'aria-label': `Accept: ${where}`, onclick: (e: Event) => { e.stopPropagation(); this.suggIdx = i; void this.decide(true); } }, sentenceWhole ? 'Accept' : 'Accept sentence'),
          h('button', { class: 'bad', title: 'Reject (X)', 'aria-label': `Reject: ${where}`, onclick: (e: Event) => { e.stopPropagation(); this.suggIdx = i; void this.decide(false); } }, 'Reject'),
        ),
        h('div', { class: 'sugg-text', dir: isRtl(s.lang) ? 'rtl' : 'ltr' }, this.marked(s.text, s.sentence.start, s.sentence.end, 'sugg-sentence')),
        english,
        shared.length || meaning ? h('div', { class: 'sugg-why small muted' },
          shared.length ? ['shared: ', ...shared.map((e) => h('span', { class: `ev ev-${e.kind}${e.fromLabel ? ' ev-label' : ''}`, title: `${e.kind}${e.fromLabel ? ' in the fact\'s label or description' : ''}, ${Math.round(e.weight * 100)}% of the evidence` }, e.label))] : null,
          meaning ? h('span', { class: 'ev ev-semantic', title: 'How alike the mention (and the fact\'s label) and this paragraph are in meaning, in English: cosine of their vectors (the shipped word vectors, or the embeddings model when one is configured)' }, meaning.label) : null,
        ) : null,
      );
    }));
    this.suggestions.querySelector('.sugg.active')?.scrollIntoView({ block: 'nearest' });
  }

  private toggleGrid(): void {
    const open = this.gridToggle.getAttribute('aria-expanded') !== 'true';
    this.setGridOpen(open);
    try {
      localStorage.setItem(GRID_KEY, open ? '1' : '0');
    } catch {
      /* only a convenience */
    }
    if (open) void this.loadGrid();
  }

  private setGridOpen(open: boolean): void {
    this.gridToggle.setAttribute('aria-expanded', String(open));
    this.gridCard.classList.toggle('collapsed', !open);
    this.grid.hidden = !open;
  }

  private async decide(accept: boolean): Promise<void> {
    const f = this.fact();
    const s = this.sugg[this.suggIdx];
    if (!f || !s) return;
    // Accepting tags the suggested sentence (the span shown marked), not the whole paragraph.
    const span = s.sentence.end > s.sentence.start ? { start: s.sentence.start, end: s.sentence.end } : undefined;
    const ok = await this.app.mutate(accept ? 'Accepting' : 'Rejecting', async () => {
      if (accept) await this.app.api.acceptSuggestion(f.id, s.docId, s.paragraph, span);
      else await this.app.api.rejectSuggestion(f.id, s.docId, s.paragraph);
      return true;
    });
    if (!ok) return;
    this.sugg.splice(this.suggIdx, 1);
    this.suggIdx = Math.min(this.suggIdx, this.sugg.length - 1);
    this.renderSuggestions();
    if (accept) {
      await this.app.refreshFacts();
      toast(span ? `Tagged “${s.sentence.text.length > 60 ? `${s.sentence.text.slice(0, 59)}…` : s.sentence.text}” as a mention.` : 'Tagged the paragraph as a mention.', 'ok');
    }
  }

  private async loadGrid(): Promise<void> {
    const min = Math.max(0, Number(this.minArticles.value) || 0);
    const grid = await this.app.attempt('Coverage grid', () => this.app.api.factGrid(min));
    if (grid) this.renderGrid(grid);
  }

  private renderGrid(grid: FactGrid): void {
    if (!grid.rows.length) {
      clear(this.grid, h('div', { class: 'muted' }, 'No facts match.'));
      return;
    }
    const rows = [...grid.rows];
    const mode = this.sort.value;
    const total = (r: FactGrid['rows'][number]) => r.counts.reduce((x, y) => x + y, 0);
    rows.sort((x, y) => mode === 'label' ? x.label.localeCompare(y.label) : mode === 'mentions' ? total(y) - total(x) : y.articles - x.articles || x.label.localeCompare(y.label));
    clear(this.grid, h('table', { class: 'grid' },
      h('thead', null, h('tr', null, h('th', null, 'Fact'), h('th', { class: 'num' }, 'Articles'), grid.docs.map((d) => h('th', { class: 'doc-col', title: d.title }, h('div', { class: 'doc-col-title' }, d.title), h('span', { class: 'lang' }, d.lang))))),
      h('tbody', null, rows.map((r) => h('tr', null,
        h('td', { class: 'fact-cell' }, h('button', { class: 'link cell-btn', onclick: () => this.select(r.factId), title: 'Edit this fact' }, h('span', { class: 'swatch', style: `background:${FACT_COLOURS[factColourIndex(r.factId)]}` }), r.label)),
        h('td', { class: 'num' }, String(r.articles)),
        r.counts.map((c, i) => h('td', { class: `cnt ${c ? 'has' : ''}`, style: c ? `--a:${Math.min(1, 0.25 + c * 0.2)}` : '', title: c ? 'Show the passage' : '', onclick: () => c && void this.jump(r.factId, grid.docs[i].id) },
          c ? h('button', { class: 'cnt-btn', 'aria-label': `${c} mention${c === 1 ? '' : 's'} of ${r.label} in ${grid.docs[i].title}: show the passage` }, String(c)) : '')),
      ))),
    ));
  }

  private async jump(factId: number, docId: number): Promise<void> {
    const f = this.app.facts.find((x) => x.id === factId);
    const m = f?.mentions.find((x) => x.docId === docId);
    if (!m) return;
    await this.app.openInAlignment({ docA: docId, paragraph: m.paragraph });
  }

  /** The F picker: type to filter, Enter attaches to the highlighted fact or creates a new one. */
  picker(target: { docId: number; paragraph: number; start: number; end: number; quote: string }): void {
    const input = h('input', { type: 'text', placeholder: 'Type to filter or name a new fact', 'aria-label': 'Fact', class: 'picker-input' });
    const list = h('div', { class: 'picker-list' });
    let idx = 0;
    let options: Array<{ factId?: number; label: string }> = [];
    const render = () => {
      const q = input.value.trim().toLowerCase();
      options = this.app.facts.filter((f) => !q || f.label.toLowerCase().includes(q)).slice(0, 12).map((f) => ({ factId: f.id, label: f.label }));
      if (q && !this.app.facts.some((f) => f.label.toLowerCase() === q)) options.push({ label: input.value.trim() });
      idx = Math.min(idx, Math.max(0, options.length - 1));
      clear(list, options.map((o, i) => h('div', { class: `picker-item ${i === idx ? 'active' : ''}`, onclick: () => {
        idx = i;
        void attach();
      } }, o.factId ? h('span', { class: 'swatch', style: `background:${FACT_COLOURS[factColourIndex(o.factId)]}` }) : h('span', { class: 'new' }, '+ new'), o.label)));
    };
    const attach = async () => {
      const o = options[idx];
      if (!o) return;
      dlg.close();
      const fact = await this.app.attempt('Attaching the mention', () => this.app.api.addMention({
        factId: o.factId, newFact: o.factId ? undefined : { label: o.label, type: 'event' },
        docId: target.docId, paragraph: target.paragraph, start: target.start, end: target.end,
      }));
      if (fact) {
        toast(`Attached to “${fact.label}”.`, 'ok');
        await this.app.refreshFacts();
      }
    };
    input.addEventListener('input', () => {
      idx = 0;
      render();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') idx = Math.min(options.length - 1, idx + 1);
      else if (e.key === 'ArrowUp') idx = Math.max(0, idx - 1);
      else if (e.key === 'Enter') {
        e.preventDefault();
        void attach();
        return;
      } else return;
      e.preventDefault();
      render();
    });
    const quote = target.quote.length > 160 ? target.quote.slice(0, 160) + '…' : target.quote;
    const hint = h('div', { class: 'muted small' }, 'A new fact’s name helps find its other mentions: say what it turns on, in English.');
    const dlg = modal('Attach to fact', h('div', { class: 'picker' }, h('div', { class: 'quote' }, `“${quote}”`), input, hint, list));
    dlg.root.classList.add('picker-modal');
    render();
    input.focus();
  }

  /** The command table's facts commands, carried out here. */
  private registerCommands(): void {
    const c = this.app.commands;
    // Y, X and the arrows act on the suggestions; in the fact list the arrows move through the facts.
    const onSuggestions = (id: CommandId, fn: () => void) => c.register(id, (ctx) => {
      if (!this.sugg.length || (ctx.target instanceof HTMLElement && ctx.target.closest('.fact-list'))) return false;
      fn();
    });
    onSuggestions('facts.accept', () => void this.decide(true));
    onSuggestions('facts.reject', () => void this.decide(false));
    onSuggestions('facts.nextSuggestion', () => {
      this.suggIdx = Math.min(this.sugg.length - 1, this.suggIdx + 1);
      this.renderSuggestions();
    });
    onSuggestions('facts.prevSuggestion', () => {
      this.suggIdx = Math.max(0, this.suggIdx - 1);
      this.renderSuggestions();
    });
    c.register('facts.rename', (ctx) => {
      // In the fact list, the fact with the focus; elsewhere, the one open.
      const item = ctx.target instanceof HTMLElement ? ctx.target.closest<HTMLElement>('.fact-item') : null;
      const id = item ? Number(item.dataset.fact) : this.selectedId;
      if (id === null) return false;
      void this.rename(id);
    });
  }
}
