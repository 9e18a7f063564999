/// <reference types="vite/client" />

import type { ProjectEntry, ProjectList, WorkbenchEvent } from '../../common/api';
import type { Result } from '../../common/errors';

declare global {
  interface TandemBridge {
    api: Record<string, (...args: unknown[]) => Promise<Result<unknown>>>;
    onEvent(listener: (event: WorkbenchEvent) => void): () => void;
    /** Menu commands; older preloads do not expose it. */
    onCommand?(listener: (command: string) => void): () => void;
    shell: {
      openProjectDialog(): Promise<string | null>;
      /** Recent projects (file names only); older preloads do not expose these three. */
      listProjects?(): Promise<Result<ProjectList>>;
      newProjectDialog?(): Promise<Result<ProjectEntry | null>>;
      openRecent?(id: string): Promise<Result<ProjectEntry>>;
      importDialog(): Promise<unknown>;
      saveExport(name: string, content: string): Promise<string | null>;
    };
  }
  interface Window {
    tandem?: TandemBridge;
  }
}

export {};
