import type { JobInfo } from '../../common/types';
import type { Disposable } from '../../common/disposable';
import type { App } from './app';
import { clear, fmtInt, h } from './ui';

/** What people call each kind of job. */
export const JOB_LABELS: Record<string, string> = {
  import: 'Import',
  'import-urls': 'Import from the web',
  translate: 'Translation',
  export: 'Export',
  align: 'Alignment',
  'align-story': 'Story alignment',
  'import-aligned': 'Import of aligned text',
};

export function jobLabel(kind: string): string {
  return JOB_LABELS[kind] ?? kind;
}

/** "12 of 40 files · 1.2 of 3.4 MB" and the like, by kind. */
export function jobDetail(j: JobInfo): string {
  const of = (a: number, b: number, noun: string) => `${fmtInt(a)} of ${fmtInt(b)} ${noun}${b === 1 ? '' : 's'}`;
  if (j.kind === 'import') return `${of(j.done, j.total, 'file')}${j.totalChars > 256 * 1024 ? ` · ${(j.chars / 1048576).toFixed(1)} of ${(j.totalChars / 1048576).toFixed(1)} MB` : ''}`;
  if (j.kind === 'translate') return `${of(j.done, j.total, 'paragraph')} · ${of(j.chars, j.totalChars, 'character')}`;
  if (j.kind === 'import-urls') return of(j.done, j.total, 'page');
  if (j.kind === 'export') return of(j.done, j.total, 'unit');
  return `${fmtInt(j.done)} of ${fmtInt(j.total)}`;
}

export function jobPercent(j: JobInfo): number {
  return j.total ? Math.min(100, (100 * j.done) / j.total) : 0;
}

/**
 * A job's progress bar with a Stop button, fed by the server's job events:
 * it follows the job of one of `kinds` that this window started (the first
 * event of that kind after start()), and stays with the last state it saw
 * when the job ends. Stop asks the server to stop the job; what it did so far
 * is kept, as the job's own message says.
 */
export class JobProgress implements Disposable {
  readonly el: HTMLElement;
  private job: JobInfo | null = null;
  private waiting = false;
  private stopping = false;
  private readonly sub: Disposable;

  constructor(
    private readonly app: App,
    private readonly kinds: readonly string[],
    private readonly opts: { stopHint: string; className?: string } ,
  ) {
    this.el = h('div', { class: `job-progress ${opts.className ?? ''}`.trim(), hidden: true, role: 'status', 'aria-live': 'polite' });
    this.sub = app.on('job', () => {
      const j = app.lastJob;
      if (!j || !this.kinds.includes(j.kind)) return;
      if (this.waiting && j.status === 'running') {
        this.job = j;
        this.waiting = false;
      }
      if (this.job && j.id === this.job.id) {
        this.job = j;
        this.render();
      }
    });
  }

  /** A job is about to start (the call that starts it was made): show that, and follow its events. */
  start(text: string): void {
    this.job = null;
    this.waiting = true;
    this.stopping = false;
    this.el.hidden = false;
    this.el.dataset.status = 'starting';
    clear(this.el, h('div', { class: 'progress' }, h('div', { class: 'bar indeterminate' }), h('span', { class: 'ptext' }, text)));
  }

  /** The call that ran the job came back: the bar shows how it ended, or goes when `hide`. */
  finish(hide = false): void {
    this.waiting = false;
    if (hide || !this.job) {
      this.el.hidden = true;
      clear(this.el);
      delete this.el.dataset.status;
    }
  }

  get current(): JobInfo | null {
    return this.job;
  }

  /** Stops the job followed (the button does this). */
  async stop(): Promise<void> {
    const j = this.job;
    if (!j || j.status !== 'running' || this.stopping) return;
    this.stopping = true;
    this.render();
    const ok = await this.app.attempt(`Stopping the ${jobLabel(j.kind).toLowerCase()}`, () => this.app.api.cancelJob(j.id));
    if (ok === false) {
      this.stopping = false;
      this.render();
    }
  }

  private readonly bar = h('div', { class: 'bar' });
  private readonly text = h('span', { class: 'ptext' });
  private readonly message = h('div', { class: 'job-message small' });
  private readonly stopBtn = h('button', { class: 'tb job-stop', dataset: { op: 'stop-job' } }, 'Stop');
  private built = false;

  /** Updates the bar in place: the Stop button stays the same element while the job runs, so no click on it is lost. */
  private render(): void {
    const j = this.job;
    if (!j) return;
    if (!this.built) {
      this.built = true;
      this.stopBtn.addEventListener('click', () => void this.stop());
    }
    if (!this.el.querySelector('.job-row')) clear(this.el, h('div', { class: 'job-row' }, h('div', { class: 'progress' }, this.bar, this.text), this.stopBtn), this.message);
    this.el.hidden = false;
    this.el.dataset.status = j.status;
    this.el.dataset.job = String(j.id);
    const running = j.status === 'running';
    const state = running ? (this.stopping ? 'stopping…' : '') : j.status === 'done' ? 'done' : j.status === 'interrupted' ? 'stopped' : 'failed';
    this.bar.className = `bar ${j.status === 'failed' ? 'bar-bad' : j.status === 'interrupted' ? 'bar-stopped' : ''}`;
    this.bar.style.width = `${jobPercent(j)}%`;
    this.text.textContent = `${jobLabel(j.kind)}${state ? ` ${state}` : ''}: ${jobDetail(j)}`;
    this.stopBtn.hidden = !running;
    this.stopBtn.disabled = this.stopping;
    this.stopBtn.textContent = this.stopping ? 'Stopping…' : 'Stop';
    this.stopBtn.title = this.opts.stopHint;
    this.stopBtn.setAttribute('aria-label', `Stop the ${jobLabel(j.kind).toLowerCase()}`);
    this.message.hidden = !j.message;
    this.message.textContent = j.message ?? '';
    this.message.title = j.message ?? '';
    this.message.className = `job-message small ${running || j.status === 'done' ? 'muted' : 'warn-text'}`;
  }

  dispose(): void {
    this.sub.dispose();
  }
}
