import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type CommandSpec, type MenuName } from '../common/commands';
import { electronAccelerator, parseKey } from '../common/keys';

/** What the menu's items do: main's own dialogs, and the renderer's commands by id. */
export interface MenuActions {
  /** Handlers for the table's rows that run in main (`runsIn: 'main'`), by id. */
  main: Record<string, () => void>;
  /** Sends a command to the renderer, which runs it through the same table as its keys. */
  send(id: string): void;
  recent: { files: string[]; open(file: string): void };
}

const MENUS: readonly MenuName[] = ['File', 'Edit', 'View', 'Alignment', 'Help'];

/** Electron's own items, which no row of the table stands for, after the table's groups of each menu. */
const ROLE_ITEMS: Partial<Record<MenuName, MenuItemConstructorOptions[]>> = {
  File: [{ role: 'quit' }],
  Edit: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }],
  View: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }],
};

/**
 * Only keys with Ctrl (Cmd) are registered with the system: a bare key such
 * as C or Enter would be taken from every text field, and view keys such as
 * Alt+↓ mean different things in different views. The others are shown in
 * the menu and handled by the page, which sees the view and the focus.
 */
function registers(spec: CommandSpec): boolean {
  return spec.scope === 'global' && spec.keys.length > 0 && parseKey(spec.keys[0]).mod;
}

function item(spec: CommandSpec, actions: MenuActions, platform: string): MenuItemConstructorOptions {
  const click = spec.runsIn === 'main' ? actions.main[spec.id] : () => actions.send(spec.id);
  if (!click) throw new Error(`the menu has no handler for ${spec.id}`);
  const out: MenuItemConstructorOptions = { id: spec.id, label: spec.label, click: () => click() };
  // macOS registers every accelerator a menu shows (registerAccelerator is for Linux and Windows):
  // there the page's keys are left out of the menu rather than taken from it.
  if (spec.keys.length && (registers(spec) || platform !== 'darwin')) {
    out.accelerator = electronAccelerator(spec.keys[0]);
    out.registerAccelerator = registers(spec);
  }
  return out;
}

/** The application menu, built from the command table. */
export function menuTemplate(actions: MenuActions, table: readonly CommandSpec[] = COMMANDS, platform = 'linux'): MenuItemConstructorOptions[] {
  return MENUS.map((name) => {
    const groups = new Map<number, MenuItemConstructorOptions[]>();
    for (const spec of table) {
      if (spec.menu?.name !== name) continue;
      if (!groups.has(spec.menu.group)) groups.set(spec.menu.group, []);
      groups.get(spec.menu.group)!.push(item(spec, actions, platform));
      if (spec.id === 'file.open') {
        groups.get(spec.menu.group)!.push({ label: 'Open Recent', submenu: actions.recent.files.map((f) => ({ label: f, click: () => actions.recent.open(f) })) });
      }
    }
    const sections = [...groups.entries()].sort((x, y) => x[0] - y[0]).map(([, items]) => items);
    if (ROLE_ITEMS[name]) sections.push(ROLE_ITEMS[name]!);
    const submenu: MenuItemConstructorOptions[] = [];
    sections.forEach((items, i) => {
      if (i) submenu.push({ type: 'separator' });
      submenu.push(...items);
    });
    return { label: name, submenu };
  });
}
