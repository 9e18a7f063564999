import type { LinkExplanation, WorkbenchApi } from '../../../common/api';
import type { Link } from '../../../common/types';
import type { Disposable } from '../../../common/disposable';
import { clear, h } from '../ui';
import type { AlignmentSession, Side } from './session';
import type { PaneController } from './pane';
import { confidenceWords, evidenceKey, evidenceMarks, evidenceSummary, explainedTranslation, orderedEvidence, rankWords, type EvidenceText } from './evidence';

/** A pane to mark, and which text of which side it shows. */
export interface EvidencePane {
  pane: PaneController;
  side: Side;
  text: EvidenceText;
}

export interface EvidenceHost {
  api: Pick<WorkbenchApi, 'explainLinks'>;
  session: AlignmentSession;
  /** The aligned panes, and the English translations shown beside them. */
  panes(): EvidencePane[];
}

/** How long the cursor must rest on a link before its evidence is asked for (J/K held down asks once). */
const DEBOUNCE_MS = 70;
/** Links after the current one whose evidence comes along in the same request, so that N and J show theirs at once. */
const AHEAD = 3;

/**
 * The evidence of a comparable link: the shared names, numbers and words
 * highlighted in both panes and in the translations beside them, the best
 * sentence of each side underlined, and one line that says what is shared
 * and what the confidence means. It follows the current link, or the link
 * under the pointer in the gutter. Explanations are asked for lazily (the
 * current link and a few after it) and kept until the alignment is opened
 * again.
 */
export class EvidenceLine implements Disposable {
  readonly el: HTMLElement;
  private readonly cache = new Map<string, LinkExplanation | null>();
  private alignmentId: number | null = null;
  private hovered: Link | null = null;
  private timer = 0;
  private ticket = 0;
  /** What the panes show now, so that an unchanged target is not drawn again. */
  private drawn = '';
  private failed: string | null = null;

  constructor(private readonly host: EvidenceHost) {
    this.el = h('div', { class: 'evidence-line', role: 'status', 'aria-live': 'polite', hidden: true });
  }

  /** Whether the open alignment is one the engine explains: comparable, paragraph level. */
  private applies(): boolean {
    const v = this.host.session.view;
    return !!v && v.mode === 'comparable' && v.level === 'paragraph';
  }

  private target(): Link | undefined {
    return this.hovered ?? this.host.session.current();
  }

  /** Forgets every explanation: the alignment was opened (again), its text or its links may have changed. */
  reset(): void {
    this.cache.clear();
    this.drawn = '';
    this.failed = null;
    this.ticket++;
    clearTimeout(this.timer);
    this.alignmentId = this.host.session.view?.id ?? null;
    this.hovered = null;
  }

  /** The pointer is on a link in the gutter (or left it). */
  hover(link: Link | null): void {
    if ((link?.id ?? null) === (this.hovered?.id ?? null)) return;
    this.hovered = link;
    this.update();
  }

  /** Draws the panes' marks again (they were reloaded, or translations came or went). */
  redraw(): void {
    this.drawn = '';
    this.update();
  }

  /** Follows the current (or hovered) link: draws what is known, and asks for what is not. */
  update(): void {
    const v = this.host.session.view;
    if (v && v.id !== this.alignmentId) this.reset();
    const link = this.target();
    if (!this.applies() || !link) {
      this.el.hidden = true;
      clear(this.el);
      this.mark(null, '');
      return;
    }
    this.el.hidden = false;
    const key = evidenceKey(link);
    if (this.cache.has(key)) {
      const ex = this.cache.get(key) ?? null;
      this.render(link, ex);
      this.mark(ex, `${key}#${this.hovered ? 'h' : 'c'}`);
      return;
    }
    this.mark(null, '');
    clear(this.el, h('b', null, this.hovered ? 'Hovered link: ' : 'Why: '), h('span', { class: 'muted' }, this.failed ?? 'finding what the two paragraphs share…'));
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.fetch(link), DEBOUNCE_MS);
  }

  private async fetch(link: Link): Promise<void> {
    const v = this.host.session.view;
    if (!v || !this.applies()) return;
    const ticket = this.ticket;
    // The link asked for, and the next few without an answer yet.
    const links = this.host.session.links;
    const at = links.findIndex((l) => l.id === link.id);
    const want = [link];
    for (let i = at + 1; i > 0 && i < links.length && want.length <= AHEAD; i++) {
      const l = links[i];
      if (l.a.length && l.b.length && !this.cache.has(evidenceKey(l))) want.push(l);
    }
    let answer: LinkExplanation[];
    try {
      answer = await this.host.api.explainLinks(v.id, want.map((l) => l.id));
    } catch (err) {
      if (ticket !== this.ticket) return;
      // A link that went meanwhile is asked for again when it is the target; anything else is said once, here.
      this.failed = `The evidence could not be read: ${(err as Error).message}`;
      this.cache.set(evidenceKey(link), null);
      this.update();
      return;
    }
    if (ticket !== this.ticket) return;
    this.failed = null;
    const byId = new Map(answer.map((e) => [e.linkId, e]));
    for (const l of want) this.cache.set(evidenceKey(l), byId.get(l.id) ?? null);
    this.update();
  }

  /** Highlights an explanation in every pane that shows its texts (and clears them for null). */
  private mark(ex: LinkExplanation | null, key: string): void {
    if (key && key === this.drawn) return;
    this.drawn = key;
    for (const { pane, side, text } of this.host.panes()) {
      if (!ex || !pane.loaded) {
        pane.renderEvidence([]);
        continue;
      }
      // A translation pane shows the engine's offsets only if it is the translation the engine read.
      if (text === 'translation' && pane.doc?.id !== explainedTranslation(ex, side)) {
        pane.renderEvidence([]);
        continue;
      }
      pane.renderEvidence(evidenceMarks(ex, side, text));
    }
    this.el.dataset.link = ex ? String(ex.linkId) : '';
  }

  private render(link: Link, ex: LinkExplanation | null): void {
    const lead = h('b', null, this.hovered ? 'Hovered link: ' : 'Why: ');
    if (!ex) {
      clear(this.el, lead, h('span', { class: 'muted' }, this.failed ?? (link.a.length && link.b.length ? 'the engine has no evidence for these paragraphs.' : 'a segment without a partner.')));
      return;
    }
    const items = orderedEvidence(ex).filter((e) => e.kind !== 'semantic');
    const chips: Array<HTMLElement | string> = [];
    items.slice(0, 8).forEach((e, i) => {
      if (i) chips.push(', ');
      chips.push(h('span', { class: `ev-chip ev-${e.kind}`, title: `${e.kind === 'term' ? 'word' : e.kind} · ${Math.round(e.weight * 100)} % of the shared evidence` }, e.label));
    });
    const more = items.length > 8 ? ` and ${items.length - 8} more` : '';
    const semantic = ex.evidence.some((e) => e.kind === 'semantic');
    const calibrated = link.origin === 'auto';
    const conf = confidenceWords(link.confidence, calibrated);
    clear(this.el,
      lead,
      h('span', { class: 'ev-summary', title: evidenceSummary(ex, 100) },
        items.length ? ['shared: ', ...chips, more] : evidenceSummary(ex),
        semantic && items.length ? h('span', { class: 'ev-chip ev-semantic' }, '; similar in meaning') : null),
      h('span', { class: 'grow' }),
      h('span', { class: 'ev-rank muted' }, rankWords(ex)),
      h('span', { class: `ev-conf ev-conf-${conf.word}`, title: calibrated ? 'Calibrated on development facts: the share of links of this confidence that a reader makes' : 'This link was made or changed by hand' },
        h('span', { class: 'ev-meter', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.round(Math.max(0, Math.min(1, link.confidence)) * 100)}%` })),
        `${conf.word} ${link.confidence.toFixed(2)}`, h('span', { class: 'muted' }, calibrated ? ` · ${conf.detail}` : ` · ${link.origin === 'manual' ? 'linked by hand' : link.origin}`)),
    );
  }

  dispose(): void {
    this.ticket++;
    clearTimeout(this.timer);
    this.cache.clear();
    this.el.remove();
  }
}
