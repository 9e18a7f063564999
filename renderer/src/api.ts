import { PROJECTS_METHODS, WORKBENCH_METHODS, type ProjectsApi, type WorkbenchApi, type WorkbenchEvent } from '../../common/api';
import type { Result } from '../../common/errors';

/** An error from the workbench, keeping the kind the server gave it. */
export class ApiError extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Transport = 'electron' | 'http';

export interface Connection {
  api: WorkbenchApi;
  /**
   * Opening and creating projects: in the browser the projects of the served folder, by name; in
   * the desktop app recent projects, and the system's dialogs for new and other ones (`createProject`
   * and `openProject` with no name open them there; they answer null when the dialog is cancelled).
   */
  projects: ProjectsApi & { createProject(name?: string): Promise<unknown>; openProject(id?: string): Promise<unknown> };
  transport: Transport;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /** Saves an exported file: a save dialog in Electron, a download in the browser. */
  saveFile(name: string, content: string): Promise<string | null>;
}

const TOKEN_KEY = 'tandem.token';

/**
 * The token from the page URL, kept for the tab so that a reload after the
 * URL is cleaned still authenticates (the cookie normally covers it too).
 */
export function pageToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // The page came with the cookie that carries the token from now on: the address bar (and what
    // gets copied, bookmarked or shared from it) no longer shows it.
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl;
  }
}

function unwrap<T>(result: Result<T> | undefined | null): T {
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new ApiError('internal', 'The workbench answered with something that is not a result.');
  if (result.ok) return result.value;
  throw new ApiError(result.error?.kind ?? 'internal', result.error?.message ?? 'Unknown error');
}

function electronConnection(bridge: TandemBridge): Connection {
  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of WORKBENCH_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const fn = bridge.api[method];
      if (!fn) throw new ApiError('unsupported', `The app does not offer ${method}.`);
      return unwrap(await fn(...args));
    };
  }
  const shell = bridge.shell;
  const projects = {
    listProjects: async () => shell.listProjects ? unwrap(await shell.listProjects()) : { kind: 'desktop' as const, folder: null, projects: [] },
    createProject: async () => (shell.newProjectDialog ? unwrap(await shell.newProjectDialog()) : null),
    openProject: async (id?: string) => (id !== undefined && shell.openRecent ? unwrap(await shell.openRecent(id)) : shell.openProjectDialog()),
  };
  return {
    api: api as unknown as WorkbenchApi,
    projects: projects as unknown as Connection['projects'],
    transport: 'electron',
    onEvent: (listener) => bridge.onEvent(listener),
    saveFile: (name, content) => bridge.shell.saveExport(name, content),
  };
}

function httpConnection(): Connection {
  const token = pageToken();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers['X-Tandem-Token'] = token;
  const call = (method: string) => async (...args: unknown[]) => {
    let res: Response;
    try {
      res = await fetch(`api/${method}`, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(args) });
    } catch (err) {
      throw new ApiError('internal', `The Tandem server cannot be reached (${(err as Error).message}).`);
    }
    const text = await res.text();
    let body: Result<unknown>;
    try {
      body = JSON.parse(text) as Result<unknown>;
    } catch {
      throw new ApiError(res.status === 403 ? 'invalid-input' : 'internal', text.trim() || `HTTP ${res.status}`);
    }
    return unwrap(body);
  };
  const api = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of WORKBENCH_METHODS) api[method] = call(method);
  const projects = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of PROJECTS_METHODS) projects[method] = call(method);
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    // EventSource cannot send headers; the cookie set when the page loaded carries the token.
    source = new EventSource(token ? `api/events?token=${encodeURIComponent(token)}` : 'api/events');
    source.onmessage = (msg) => {
      let event: WorkbenchEvent;
      try {
        event = JSON.parse(msg.data) as WorkbenchEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
  };
  return {
    api: api as unknown as WorkbenchApi,
    projects: projects as unknown as Connection['projects'],
    transport: 'http',
    onEvent(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => listeners.delete(listener);
    },
    async saveFile(name, content) {
      const url = URL.createObjectURL(new Blob([content], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return name;
    },
  };
}

export function connect(): Connection {
  return window.tandem?.api ? electronConnection(window.tandem) : httpConnection();
}
