import type { ProjectInfo, StorySummary, WorkbenchApi, WorkbenchEvent } from '../../common/api';
import type { AlignLevel, AlignMode, DocumentSummary, Fact, JobInfo } from '../../common/types';
import { toDisposable, type Disposable } from '../../common/disposable';
import type { Connection } from './api';
import { Echoes } from './alignment/echoes';
import { CommandRegistry } from './commands';
import { toast } from './ui';

export type ViewId = 'project' | 'alignment' | 'facts' | 'search' | 'postedit' | 'storymap';

export interface View {
  id: ViewId;
  title: string;
  el: HTMLElement;
  /** Called each time the view becomes visible. */
  show(): void;
  hide?(): void;
  /** Another window changed something; with 'alignment', `alignments` are those whose links changed, when known (this window's own changes never come here). */
  changed?(what: 'documents' | 'alignment' | 'facts' | 'all', alignments?: readonly number[]): void;
}

export interface OpenAt {
  docA: number;
  docB?: number;
  /** 0-based paragraph in docA. */
  paragraph?: number;
  level?: AlignLevel;
  /** Which of the pair's alignments; without it, the one worked on last. */
  mode?: AlignMode;
  /** Put the cursor on this link once the pair is open (the story map opens a pair at a link). */
  linkId?: number;
}

/** An error kept in the status bar: it belongs to the view it happened in, and goes when that view's next action succeeds. */
export interface StatusError {
  message: string;
  /** The view it concerns; null for the whole app. */
  view: ViewId | null;
  /** What failed ("Translate", "Opening the alignment"): the same action succeeding clears it. */
  what: string | null;
}

type Listener = () => void;

/** Shared state and the few cross-view actions. */
export class App {
  docs: DocumentSummary[] = [];
  stories: StorySummary[] = [];
  facts: Fact[] = [];
  info: ProjectInfo | null = null;
  private status: StatusError | null = null;
  lastJob: JobInfo | null = null;
  /** Tells this window's own changes from other clients' in the server's events. */
  readonly echoes = new Echoes();
  /** Handlers of the command table's commands; keys and menus run through it. */
  readonly commands = new CommandRegistry();
  private listeners = new Map<string, Set<Listener>>();
  private queue: Promise<unknown> = Promise.resolve();
  views = new Map<ViewId, View>();
  current: ViewId = 'project';
  private switchHandler: (id: ViewId) => void = () => {};

  constructor(readonly conn: Connection) {}

  get api(): WorkbenchApi {
    return this.conn.api;
  }

  on(topic: 'docs' | 'facts' | 'info' | 'error' | 'job', fn: Listener): Disposable {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(fn);
    return toDisposable(() => this.listeners.get(topic)?.delete(fn));
  }

  /** Listeners on a topic, for the leak tests. */
  listenerCount(topic?: string): number {
    if (topic) return this.listeners.get(topic)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private fire(topic: string): void {
    for (const fn of this.listeners.get(topic) ?? []) fn();
  }

  doc(id: number): DocumentSummary | undefined {
    return this.docs.find((d) => d.id === id);
  }

  docLabel(id: number): string {
    const d = this.doc(id);
    if (!d) return `#${id}`;
    return `${d.title} [${d.lang}${d.provenance.kind === 'mt' ? ' MT' : d.translationOf !== null ? ' tr' : ''}]`;
  }

  async refreshDocs(): Promise<void> {
    // Stories are read with the documents: an empty story has no document to show it.
    const [docs, stories] = await Promise.all([this.api.listDocuments(), this.api.listStories()]);
    this.docs = docs;
    this.stories = stories;
    this.fire('docs');
  }

  async refreshFacts(): Promise<void> {
    this.facts = await this.api.listFacts();
    this.fire('facts');
  }

  async refreshInfo(): Promise<void> {
    this.info = await this.api.projectInfo();
    this.fire('info');
  }

  /** Takes the undo/redo state an operation returned, instead of asking the server again. */
  setHistoryState(state: { canUndo: boolean; canRedo: boolean }): void {
    if (!this.info) {
      void this.refreshInfo().catch(() => undefined);
      return;
    }
    if (this.info.canUndo === state.canUndo && this.info.canRedo === state.canRedo) return;
    this.info = { ...this.info, canUndo: state.canUndo, canRedo: state.canRedo };
    this.fire('info');
  }

  /**
   * Runs changes to links one after another: each answer is a delta against
   * the state the one before left, so they must be applied in the order made.
   */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs an API call; on failure shows the message and records it in the
   * status bar (for the view on screen) instead of throwing. When it
   * succeeds, an error that the same action left there goes.
   */
  async attempt<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    const view = this.current;
    try {
      const value = await fn();
      if (this.status?.what === what) this.clearError();
      return value;
    } catch (err) {
      this.error(`${what}: ${(err as Error).message}`, { view, what });
      return undefined;
    }
  }

  /**
   * Runs a call that changes the project, as attempt() does: the server's
   * event for the change is this window's own echo (its undo sequence number,
   * when the answer carries one, is taken), so only other windows reload.
   */
  async mutate<T>(what: string, fn: () => Promise<T>, seqOf: (value: T) => number | null | undefined = () => undefined): Promise<T | undefined> {
    return this.echoes.around(async () => {
      const value = await this.attempt(what, fn);
      if (value !== undefined) this.echoes.own(seqOf(value));
      return value;
    });
  }

  /** Shows an error and keeps it in the status bar while its view is on screen. */
  error(message: string, opts: { view?: ViewId | null; what?: string } = {}): void {
    this.status = { message, view: opts.view === undefined ? this.current : opts.view, what: opts.what ?? null };
    toast(message, 'error');
    this.fire('error');
  }

  /** The error the status bar shows now: the one of the view on screen, or of the whole app. */
  get lastError(): string | null {
    const s = this.status;
    return s && (s.view === null || s.view === this.current) ? s.message : null;
  }

  clearError(): void {
    if (!this.status) return;
    this.status = null;
    this.fire('error');
  }

  /** An action in a view succeeded: an error left there earlier is stale. */
  ok(view: ViewId = this.current): void {
    if (this.status && (this.status.view === view || this.status.view === null)) this.clearError();
  }

  setSwitchHandler(fn: (id: ViewId) => void): void {
    this.switchHandler = fn;
  }

  show(id: ViewId): void {
    this.switchHandler(id);
  }

  handleEvent(event: WorkbenchEvent): void {
    if (event.type === 'project') {
      // Another project is open: everything on screen belonged to the old one.
      this.projectSwitched(event.name);
      return;
    }
    if (event.type === 'job') {
      this.lastJob = event.job;
      this.fire('job');
      return;
    }
    if (event.type === 'changed') {
      // This window's own changes were applied when their calls answered; only the others' need refreshing.
      this.echoes.receive(event.seq, () => {
        if (event.what === 'documents' || event.what === 'all') void this.attempt('Refreshing documents', () => this.refreshDocs());
        if (event.what === 'facts' || event.what === 'all') void this.attempt('Refreshing facts', () => this.refreshFacts());
        void this.refreshInfo().catch(() => undefined);
        for (const v of this.views.values()) v.changed?.(event.what, event.alignments);
      });
    }
  }

  /** Wired by main: loads the window again for the project now open. */
  projectSwitched: (name: string) => void = () => {};
  undo: () => Promise<unknown> = async () => undefined;
  redo: () => Promise<unknown> = async () => undefined;
  exportDialog: () => void = () => {};
  /** Opening a passage in the alignment view is wired by main; views call this. */
  openInAlignment: (at: OpenAt) => Promise<void> = async () => {};
  openInPostEdit: (docId: number, paragraph?: number) => Promise<void> = async () => {};
  /** Shows the story map of a story, wired by main to the story map view. */
  openStoryMap: (story: string | null) => Promise<void> = async () => {};
  /** Aligns every pair of originals in a story (comparable mode), wired by main to the alignment view. */
  alignStory: (story: string) => Promise<void> = async () => {};
  /** Opens the project view ready to machine-translate these originals (into English), wired by the project view. */
  prepareTranslate: (docIds: number[]) => void = () => {};
  /** Attaching a selection to a fact (the F picker), wired by the facts view. */
  pickFact: (target: { docId: number; paragraph: number; start: number; end: number; quote: string }) => void = () => {};
}

/** One colour per fact, stable across views; also exposed as CSS classes fact-c0..fact-c11. */
export const FACT_COLOURS = ['#f6c344', '#7cc4f0', '#f19a9a', '#9ad39a', '#c7a6ef', '#f5b37a', '#8fd8cf', '#e8a3d0', '#b8c97a', '#a9b8f2', '#e0c097', '#9fd0e8'];

export function factColourIndex(factId: number): number {
  return ((factId * 7) % FACT_COLOURS.length + FACT_COLOURS.length) % FACT_COLOURS.length;
}
