import type { FactGrid, FactSuggestion } from '../../../common/api';
import type { Fact, FactType } from '../../../common/types';
import { App, FACT_COLOURS, factColourIndex, type View } from '../app';
import { isRtl } from '../monaco';
import { clear, h, modal, toast } from '../ui';

const TYPES: FactType[] = ['event', 'claim', 'entity', 'quantity', 'other'];
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
  private sugg: FactSuggestion[] = [];
  private suggIdx = 0;

  constructor(private readonly app: App) {
    this.filter.addEventListener('input', () => this.renderList());
    this.minArticles.addEventListener('change', () => void this.loadGrid());
    this.sort.addEventListener('change', () => void this.loadGrid());
    const newBtn = h('button', { class: 'primary', onclick: () => void this.createFact() }, '+ New fact');
    this.el = h('section', { class: 'view view-facts' },
      h('div', { class: 'facts-cols' },
        h('div', { class: 'facts-left' }, h('div', { class: 'toolbar' }, this.filter, newBtn), this.list),
        h('div', { class: 'facts-mid' }, this.detail, h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h3', null, 'Suggestions'), h('span', { class: 'muted' }, 'Y accept · X reject · ↑↓ move'),
          h('button', { class: 'tb', onclick: () => void this.loadSuggestions() }, 'Suggest')), this.suggestions)),
      ),
      h('div', { class: 'facts-grid card' },
        h('div', { class: 'card-head' }, h('h3', null, 'Coverage: facts × articles'), h('label', null, 'shared by ≥ ', this.minArticles, ' articles'), this.sort),
        this.grid,
      ),
    );
    app.on('facts', () => {
      this.renderList();
      this.renderDetail();
      if (!this.el.hidden) void this.loadGrid();
    });
    app.pickFact = (target) => this.picker(target);
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
    clear(this.list, facts.map((f) => {
      const articles = new Set(f.mentions.map((m) => m.docId)).size;
      return h('div', { class: `fact-item ${f.id === this.selectedId ? 'active' : ''}`, dataset: { fact: String(f.id) }, onclick: () => this.select(f.id) },
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
      }
    };
    const mergeWith = h('select', { 'aria-label': 'Merge another fact into this one' }, h('option', { value: '' }, 'merge another fact in…'), this.app.facts.filter((x) => x.id !== f.id).map((x) => h('option', { value: String(x.id) }, x.label)));
    mergeWith.addEventListener('change', async () => {
      const drop = Number(mergeWith.value);
      if (!drop) return;
      if (await this.app.attempt('Merging facts', () => this.app.api.mergeFacts(f.id, drop))) await this.app.refreshFacts();
    });
    const checks = new Map<number, HTMLInputElement>();
    const mentions = f.mentions.map((m) => {
      const cb = h('input', { type: 'checkbox', title: 'Select for split' });
      checks.set(m.id, cb);
      return h('div', { class: 'mention' },
        cb,
        h('span', { class: 'lang' }, this.app.doc(m.docId)?.lang ?? '?'),
        h('button', { class: 'link', onclick: () => void this.app.openInAlignment({ docA: m.docId, paragraph: m.paragraph }), title: 'Show the passage' }, `${this.app.doc(m.docId)?.title ?? '#' + m.docId} ¶${m.paragraph + 1}`),
        h('span', { class: 'quote', dir: isRtl(this.app.doc(m.docId)?.lang) ? 'rtl' : 'ltr' }, `“${m.quote}”`),
        h('button', { class: 'icon', title: 'Remove this mention', onclick: async () => {
          if ((await this.app.attempt('Removing the mention', () => this.app.api.removeMention(m.id))) !== undefined) await this.app.refreshFacts();
        } }, '×'),
      );
    });
    const split = async () => {
      const ids = [...checks].filter(([, cb]) => cb.checked).map(([id]) => id);
      if (!ids.length) {
        this.app.error('Tick the mentions that belong to the new fact.');
        return;
      }
      const name = prompt('Label of the new fact', `${f.label} (2)`);
      if (!name) return;
      if (await this.app.attempt('Splitting the fact', () => this.app.api.splitFact(f.id, ids, name))) await this.app.refreshFacts();
    };
    const del = async () => {
      if (!confirm(`Delete “${f.label}” and its ${f.mentions.length} mention(s)?`)) return;
      if ((await this.app.attempt('Deleting the fact', () => this.app.api.deleteFact(f.id))) !== undefined) {
        this.selectedId = null;
        await this.app.refreshFacts();
      }
    };
    clear(this.detail, h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('span', { class: 'swatch big', style: `background:${FACT_COLOURS[factColourIndex(f.id)]}` }), label, type),
      desc,
      h('div', { class: 'roles' }, roles),
      h('div', { class: 'row' }, h('button', { class: 'primary', onclick: () => void save() }, 'Save'), mergeWith, h('button', { onclick: () => void split() }, 'Split ticked…'), h('span', { class: 'grow' }), h('button', { class: 'bad', onclick: () => void del() }, 'Delete')),
      h('h4', null, `Mentions (${f.mentions.length})`),
      h('div', { class: 'mentions' }, mentions.length ? mentions : h('span', { class: 'muted' }, 'none yet')),
    ));
  }

  private async createFact(): Promise<void> {
    const label = prompt('Label of the new fact');
    if (!label) return;
    const f = await this.app.attempt('Creating the fact', () => this.app.api.createFact({ label, type: 'event' }));
    if (f) {
      await this.app.refreshFacts();
      this.select(f.id);
    }
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

  private renderSuggestions(): void {
    if (!this.sugg.length) {
      clear(this.suggestions, h('div', { class: 'muted' }, 'No suggestions.'));
      return;
    }
    clear(this.suggestions, this.sugg.map((s, i) => h('div', { class: `sugg ${i === this.suggIdx ? 'active' : ''}`, onclick: () => {
      this.suggIdx = i;
      this.renderSuggestions();
    } },
      h('span', { class: 'score' }, s.score.toFixed(2)),
      h('span', { class: 'lang' }, s.lang),
      h('span', { class: 'muted' }, `${this.app.doc(s.docId)?.title ?? '#' + s.docId} ¶${s.paragraph + 1}`),
      h('span', { class: 'sugg-text', dir: isRtl(s.lang) ? 'rtl' : 'ltr' }, s.text.length > 220 ? s.text.slice(0, 220) + '…' : s.text),
      h('button', { class: 'ok', title: 'Accept (Y)', onclick: (e: Event) => { e.stopPropagation(); this.suggIdx = i; void this.decide(true); } }, 'Y'),
      h('button', { class: 'bad', title: 'Reject (X)', onclick: (e: Event) => { e.stopPropagation(); this.suggIdx = i; void this.decide(false); } }, 'X'),
    )));
  }

  private async decide(accept: boolean): Promise<void> {
    const f = this.fact();
    const s = this.sugg[this.suggIdx];
    if (!f || !s) return;
    const ok = await this.app.attempt(accept ? 'Accepting' : 'Rejecting', async () => {
      if (accept) await this.app.api.acceptSuggestion(f.id, s.docId, s.paragraph);
      else await this.app.api.rejectSuggestion(f.id, s.docId, s.paragraph);
      return true;
    });
    if (!ok) return;
    this.sugg.splice(this.suggIdx, 1);
    this.suggIdx = Math.min(this.suggIdx, this.sugg.length - 1);
    this.renderSuggestions();
    if (accept) await this.app.refreshFacts();
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
        h('td', { class: 'fact-cell', onclick: () => this.select(r.factId) }, h('span', { class: 'swatch', style: `background:${FACT_COLOURS[factColourIndex(r.factId)]}` }), r.label),
        h('td', { class: 'num' }, String(r.articles)),
        r.counts.map((c, i) => h('td', { class: `cnt ${c ? 'has' : ''}`, style: c ? `--a:${Math.min(1, 0.25 + c * 0.2)}` : '', title: c ? 'Show the passage' : '', onclick: () => c && void this.jump(r.factId, grid.docs[i].id) }, c ? String(c) : '')),
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
    const dlg = modal('Attach to fact', h('div', { class: 'picker' }, h('div', { class: 'quote' }, `“${quote}”`), input, list));
    dlg.root.classList.add('picker-modal');
    render();
    input.focus();
  }

  onKey(e: KeyboardEvent, typing: boolean): boolean {
    if (typing || e.ctrlKey || e.metaKey || e.altKey || !this.sugg.length) return false;
    if (e.key === 'y' || e.key === 'Y') void this.decide(true);
    else if (e.key === 'x' || e.key === 'X') void this.decide(false);
    else if (e.key === 'ArrowDown') {
      this.suggIdx = Math.min(this.sugg.length - 1, this.suggIdx + 1);
      this.renderSuggestions();
    } else if (e.key === 'ArrowUp') {
      this.suggIdx = Math.max(0, this.suggIdx - 1);
      this.renderSuggestions();
    } else return false;
    return true;
  }
}
