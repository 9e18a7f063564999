import type { SearchHit } from '../../../common/types';
import { App, type View } from '../app';
import { isRtl } from '../monaco';
import { clear, h } from '../ui';

const OPEN = '\u27e6';
const CLOSE = '\u27e7';

/** Splits a snippet at its first hit into left context, keyword and right context. */
export function kwic(snippet: string): { left: string; hit: string; right: string; more: string[] } {
  const i = snippet.indexOf(OPEN);
  const j = snippet.indexOf(CLOSE, i + 1);
  if (i < 0 || j < 0) return { left: '', hit: '', right: snippet, more: [] };
  const strip = (s: string) => s.split(OPEN).join('').split(CLOSE).join('');
  const more: string[] = [];
  const rest = snippet.slice(j + 1);
  const re = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');
  for (const m of rest.matchAll(re)) more.push(m[1]);
  return { left: strip(snippet.slice(0, i)), hit: snippet.slice(i + 1, j), right: strip(rest), more };
}

/** Enter (or Space) on a focused row acts like a click. */
function activate(fn: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    fn();
  };
}

export class SearchPanel implements View {
  readonly id = 'search' as const;
  readonly title = 'Search';
  readonly el: HTMLElement;
  private input = h('input', { type: 'search', placeholder: 'Search all languages — words, "phrases", prefix*', 'aria-label': 'Search', class: 'search-input' });
  private lang = h('select', { 'aria-label': 'Language' });
  private results = h('div', { class: 'kwic-wrap' });
  private count = h('span', { class: 'muted' });

  constructor(private readonly app: App) {
    const form = h('form', { class: 'toolbar search-bar', onsubmit: (e: Event) => {
      e.preventDefault();
      void this.run();
    } }, this.input, this.lang, h('button', { class: 'primary', type: 'submit' }, 'Search'), this.count);
    this.el = h('section', { class: 'view view-search' }, form, this.results);
    app.on('docs', () => this.fillLangs());
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private fillLangs(): void {
    const keep = this.lang.value;
    const langs = [...new Set(this.app.docs.map((d) => d.lang))].sort();
    clear(this.lang, h('option', { value: '' }, 'all languages'), langs.map((l) => h('option', { value: l }, l)));
    this.lang.value = keep;
  }

  show(): void {
    this.fillLangs();
    this.input.focus();
  }

  async run(): Promise<void> {
    const q = this.input.value.trim();
    if (!q) return;
    const hits = await this.app.attempt('Search', () => this.app.api.search(q, { lang: this.lang.value || undefined, limit: 200 }));
    if (!hits) return;
    this.count.textContent = `${hits.length} hit${hits.length === 1 ? '' : 's'}`;
    this.render(hits);
  }

  private render(hits: SearchHit[]): void {
    if (!hits.length) {
      clear(this.results, h('div', { class: 'placeholder' }, 'No hits.'));
      return;
    }
    const rows = hits.map((hit) => {
      const k = kwic(hit.snippet);
      const rtl = isRtl(hit.lang);
      const open = () => void this.app.openInAlignment({ docA: hit.docId, paragraph: hit.paragraph });
      return h('div', { class: 'kwic-item', dataset: { doc: String(hit.docId), paragraph: String(hit.paragraph) } },
        h('div', { class: 'kwic-row', onclick: open, onkeydown: activate(open), role: 'link', tabindex: '0', title: 'Open in the alignment view', dir: rtl ? 'rtl' : 'ltr' },
          // The paragraph number comes before the title, so that a long title never hides it.
          h('span', { class: 'kwic-meta', title: `${hit.docTitle}, paragraph ${hit.paragraph + 1}` }, h('span', { class: 'lang' }, hit.lang), h('span', { class: 'kwic-para' }, `¶${hit.paragraph + 1}`), h('span', { class: 'kwic-title' }, hit.docTitle)),
          h('span', { class: 'kwic-left' }, k.left),
          h('span', { class: 'kwic-hit' }, k.hit),
          h('span', { class: 'kwic-right' }, k.right),
        ),
        hit.counterparts.length
          ? h('div', { class: 'kwic-cps' }, hit.counterparts.map((c) => h('div', { class: 'kwic-cp', dir: isRtl(c.lang) ? 'rtl' : 'ltr', onclick: open, onkeydown: activate(open), role: 'link', tabindex: '0', title: 'Open in the alignment view' },
            h('span', { class: 'lang' }, c.lang), h('span', { class: 'kwic-para' }, `¶${c.paragraph + 1}`), h('span', { class: 'kwic-title muted' }, this.app.doc(c.docId)?.title ?? '#' + c.docId),
            h('span', { class: 'cp-text' }, c.text.length > 240 ? c.text.slice(0, 240) + '…' : c.text))))
          : null,
      );
    });
    clear(this.results, rows);
  }
}
