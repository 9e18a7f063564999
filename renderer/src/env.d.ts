/// <reference types="vite/client" />

import type { WorkbenchEvent } from '../../common/api';
import type { Result } from '../../common/errors';

declare global {
  interface TandemBridge {
    api: Record<string, (...args: unknown[]) => Promise<Result<unknown>>>;
    onEvent(listener: (event: WorkbenchEvent) => void): () => void;
    /** Menu commands; older preloads do not expose it. */
    onCommand?(listener: (command: string) => void): () => void;
    shell: {
      openProjectDialog(): Promise<string | null>;
      importDialog(): Promise<unknown>;
      saveExport(name: string, content: string): Promise<string | null>;
    };
  }
  interface Window {
    tandem?: TandemBridge;
  }
}

export {};
