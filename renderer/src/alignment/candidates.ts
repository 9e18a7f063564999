import type { CandidateControl } from '../../../common/api';
import { DisposableStore, toDisposable, type Disposable } from '../../../common/disposable';
import { tooltip } from '../../../common/commands';
import { h } from '../ui';
import type { AlignmentSession } from './session';
import { listen } from './gutter';

/** One press of = or - moves the minimum confidence by this much. */
export const CONFIDENCE_STEP = 0.05;
const MAX_MIN_CONFIDENCE = 0.95;
const MAX_PER_PARAGRAPH = 10;
/** A slider being dragged, or a key held, sends one change when it rests. */
const COMMIT_MS = 300;

/**
 * The control of a comparable alignment that shows more or fewer candidate
 * links: a minimum confidence (a slider; = and - step it) and how many of each
 * paragraph's best candidates may show (a stepper). The server remembers both
 * for the alignment, so the pair opens with them next time.
 */
export class CandidateControls implements Disposable {
  readonly el: HTMLElement;
  private readonly range: HTMLInputElement;
  private readonly value: HTMLOutputElement;
  private readonly perParagraph: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly store = new DisposableStore();
  private timer = 0;
  /** A change the annotator made that is not on the server yet. */
  private pending: CandidateControl | null = null;

  constructor(private readonly session: AlignmentSession, private readonly note: (message: string) => void) {
    this.range = h('input', {
      type: 'range', min: '0', max: String(MAX_MIN_CONFIDENCE), step: String(CONFIDENCE_STEP), class: 'cand-range',
      'aria-label': 'Minimum confidence of the candidate links shown', title: `${tooltip('align.moreCandidates')}; ${tooltip('align.fewerCandidates')}`,
    });
    this.value = h('output', { class: 'cand-value' });
    this.perParagraph = h('input', {
      type: 'number', min: '1', max: String(MAX_PER_PARAGRAPH), step: '1', class: 'cand-k num-input',
      'aria-label': 'Candidates per paragraph: each paragraph shows at most its best this many', title: 'Each paragraph shows at most its best this many candidates in the other article',
    });
    this.count = h('span', { class: 'cand-count muted' });
    this.el = h('span', { class: 'cand-group', role: 'group', 'aria-label': 'Candidate links shown', hidden: true, dataset: { op: 'candidates' } },
      h('span', { class: 'tl', title: 'How many of the engine\'s candidate links this comparable alignment shows (remembered for the pair)' }, 'Candidates'),
      h('span', { class: 'muted small' }, 'min'), this.range, this.value,
      h('span', { class: 'muted small' }, 'per ¶'), this.perParagraph,
      this.count,
    );
    this.store.add(listen(this.range, 'input', () => this.changed()));
    this.store.add(listen(this.perParagraph, 'change', () => this.changed()));
    this.store.add(toDisposable(() => clearTimeout(this.timer)));
  }

  /** Whether the open alignment has candidates to choose among: a comparable paragraph alignment. */
  private applies(): boolean {
    const v = this.session.view;
    return !!v && v.mode === 'comparable' && v.level === 'paragraph';
  }

  /** Shows the open alignment's setting (unless the annotator is changing it) and how many candidates it shows. */
  sync(): void {
    const v = this.session.view;
    this.el.hidden = !this.applies();
    if (!v || !this.applies()) return;
    if (!this.pending && v.control) this.show(v.control);
    const suggested = v.links.filter((l) => l.status === 'suggested').length;
    this.count.textContent = `${suggested} suggested`;
  }

  private show(c: CandidateControl): void {
    this.range.value = String(c.minConfidence);
    this.perParagraph.value = String(c.perParagraph);
    this.value.textContent = `≥ ${c.minConfidence.toFixed(2)}`;
  }

  private read(): CandidateControl {
    const min = Math.max(0, Math.min(MAX_MIN_CONFIDENCE, Number(this.range.value) || 0));
    const k = Math.max(1, Math.min(MAX_PER_PARAGRAPH, Math.round(Number(this.perParagraph.value) || 1)));
    return { minConfidence: Math.round(min * 100) / 100, perParagraph: k };
  }

  private changed(): void {
    this.pending = this.read();
    this.show(this.pending);
    this.schedule();
  }

  /** = (more, dir -1: a lower minimum) and - (fewer, dir +1). */
  step(dir: 1 | -1): boolean {
    if (!this.applies()) {
      this.note('More or fewer candidates: this applies to comparable paragraph alignments (two articles of a story).');
      return false;
    }
    const c = this.pending ?? this.session.view?.control ?? this.read();
    const min = Math.round(Math.max(0, Math.min(MAX_MIN_CONFIDENCE, c.minConfidence + dir * CONFIDENCE_STEP)) * 100) / 100;
    if (min === c.minConfidence) {
      this.note(dir > 0 ? 'The minimum confidence is at its highest.' : 'The minimum confidence is at 0: raise "per ¶" to see still more candidates.');
      return true;
    }
    this.pending = { ...c, minConfidence: min };
    this.show(this.pending);
    this.schedule();
    return true;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.commit(), COMMIT_MS);
  }

  /** Sends the setting once the session is free; a change made meanwhile goes after it. */
  private async commit(): Promise<void> {
    const want = this.pending;
    if (!want) return;
    if (this.session.busy) {
      this.schedule();
      return;
    }
    const have = this.session.view?.control;
    if (have && have.minConfidence === want.minConfidence && have.perParagraph === want.perParagraph) {
      this.pending = null;
      this.sync();
      return;
    }
    await this.session.setControl(want);
    if (this.pending === want) this.pending = null;
    this.sync();
  }

  dispose(): void {
    this.store.dispose();
    this.el.remove();
  }
}
