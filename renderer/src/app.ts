import type { ProjectInfo, WorkbenchApi, WorkbenchEvent } from '../../common/api';
import type { DocumentSummary, Fact, JobInfo } from '../../common/types';
import type { Connection } from './api';
import { toast } from './ui';

export type ViewId = 'project' | 'alignment' | 'facts' | 'search' | 'postedit';

export interface View {
  id: ViewId;
  title: string;
  el: HTMLElement;
  /** Called each time the view becomes visible. */
  show(): void;
  hide?(): void;
  /** Returns true when the key was handled. */
  onKey?(e: KeyboardEvent, typing: boolean): boolean;
  /** The server said something changed. */
  changed?(what: 'documents' | 'alignment' | 'facts' | 'all'): void;
}

export interface OpenAt {
  docA: number;
  docB?: number;
  /** 0-based paragraph in docA. */
  paragraph?: number;
  level?: 'paragraph' | 'sentence';
}

type Listener = () => void;

/** Shared state and the few cross-view actions. */
export class App {
  docs: DocumentSummary[] = [];
  facts: Fact[] = [];
  info: ProjectInfo | null = null;
  lastError: string | null = null;
  lastJob: JobInfo | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private queue: Promise<unknown> = Promise.resolve();
  views = new Map<ViewId, View>();
  current: ViewId = 'project';
  private switchHandler: (id: ViewId) => void = () => {};

  constructor(readonly conn: Connection) {}

  get api(): WorkbenchApi {
    return this.conn.api;
  }

  on(topic: 'docs' | 'facts' | 'info' | 'error' | 'job', fn: Listener): void {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(fn);
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
    this.docs = await this.api.listDocuments();
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

  /** Runs an API call; on failure shows the message and records it in the status bar instead of throwing. */
  async attempt<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.error(`${what}: ${(err as Error).message}`);
      return undefined;
    }
  }

  error(message: string): void {
    this.lastError = message;
    toast(message, 'error');
    this.fire('error');
  }

  clearError(): void {
    this.lastError = null;
    this.fire('error');
  }

  setSwitchHandler(fn: (id: ViewId) => void): void {
    this.switchHandler = fn;
  }

  show(id: ViewId): void {
    this.switchHandler(id);
  }

  handleEvent(event: WorkbenchEvent): void {
    if (event.type === 'job') {
      this.lastJob = event.job;
      this.fire('job');
      return;
    }
    if (event.type === 'changed') {
      if (event.what === 'documents' || event.what === 'all') void this.attempt('Refreshing documents', () => this.refreshDocs());
      if (event.what === 'facts' || event.what === 'all') void this.attempt('Refreshing facts', () => this.refreshFacts());
      void this.refreshInfo().catch(() => undefined);
      for (const v of this.views.values()) v.changed?.(event.what);
    }
  }

  undo: () => Promise<unknown> = async () => undefined;
  redo: () => Promise<unknown> = async () => undefined;
  exportDialog: (pair?: [number, number]) => void = () => {};
  /** Opening a passage in the alignment view is wired by main; views call this. */
  openInAlignment: (at: OpenAt) => Promise<void> = async () => {};
  openInPostEdit: (docId: number, paragraph?: number) => Promise<void> = async () => {};
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
