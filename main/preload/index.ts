import { contextBridge, ipcRenderer } from 'electron';
import { WORKBENCH_METHODS, type WorkbenchEvent } from '../../common/api';
import type { Result } from '../../common/errors';

/**
 * Exposes the WorkbenchApi methods, and nothing else: the renderer never holds
 * ipcRenderer. Results arrive as {ok, value|error} values because Electron
 * keeps only an error's message when a handler throws.
 */
const api: Record<string, (...args: unknown[]) => Promise<Result<unknown>>> = {};
for (const method of WORKBENCH_METHODS) {
  api[method] = (...args: unknown[]) => ipcRenderer.invoke(`workbench:${method}`, ...args) as Promise<Result<unknown>>;
}

contextBridge.exposeInMainWorld('tandem', {
  api,
  onEvent(listener: (event: WorkbenchEvent) => void): () => void {
    const handler = (_: unknown, event: WorkbenchEvent) => listener(event);
    ipcRenderer.on('workbench:event', handler);
    return () => ipcRenderer.removeListener('workbench:event', handler);
  },
  /** Menu commands (undo, export, view switches) from the native menu. */
  onCommand(listener: (command: string) => void): () => void {
    const handler = (_: unknown, command: string) => listener(command);
    ipcRenderer.on('workbench:command', handler);
    return () => ipcRenderer.removeListener('workbench:command', handler);
  },
  shell: {
    openProjectDialog: () => ipcRenderer.invoke('shell:open-project'),
    listProjects: () => ipcRenderer.invoke('shell:list-projects'),
    newProjectDialog: () => ipcRenderer.invoke('shell:new-project'),
    openRecent: (id: string) => ipcRenderer.invoke('shell:open-recent', id),
    importDialog: () => ipcRenderer.invoke('shell:import-articles'),
    saveExport: (name: string, content: string) => ipcRenderer.invoke('shell:save-export', name, content),
  },
});
