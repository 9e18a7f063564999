import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type CommandSpec } from '../../../common/commands';
import { menuTemplate } from '../../../main/menu';

const table = COMMANDS as readonly CommandSpec[];

function build() {
  const sent: string[] = [];
  const ran: string[] = [];
  const opened: string[] = [];
  const menu = menuTemplate({
    main: { 'file.new': () => ran.push('new'), 'file.open': () => ran.push('open'), 'file.import': () => ran.push('import') },
    send: (id) => sent.push(id),
    recent: { files: ['/tmp/a.tandem'], open: (f) => opened.push(f) },
  });
  return { menu, sent, ran, opened };
}

const items = (menu: MenuItemConstructorOptions[]) => menu.flatMap((m) => (m.submenu as MenuItemConstructorOptions[]).map((i) => ({ ...i, menu: m.label })));

describe('the application menu', () => {
  it('is built from the command table: every command placed in a menu is there, with its first key', () => {
    const { menu } = build();
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Alignment', 'Help']);
    const all = items(menu);
    for (const c of table.filter((x) => x.menu)) {
      const it = all.find((i) => i.id === c.id);
      expect(it, c.id).toBeDefined();
      expect(it!.menu).toBe(c.menu!.name);
      expect(it!.label).toBe(c.label);
    }
    expect(all.find((i) => i.id === 'edit.redo')!.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(all.find((i) => i.id === 'align.boundaryDown')!.accelerator).toBe('Alt+Down');
    expect(all.find((i) => i.id === 'view.postedit')!.accelerator).toBe('CmdOrCtrl+5');
  });

  it('registers only Ctrl keys with the system: a bare key or a view key stays with the page', () => {
    const all = items(build().menu).filter((i) => i.accelerator);
    for (const i of all) expect(i.registerAccelerator, `${i.id} ${i.accelerator}`).toBe(/^CmdOrCtrl\+/.test(String(i.accelerator)) && !String(i.id).startsWith('align.'));
    expect(all.find((i) => i.id === 'align.confirm')!.registerAccelerator).toBe(false);
    expect(all.find((i) => i.id === 'edit.undo')!.registerAccelerator).toBe(true);
  });

  it('runs main’s dialogs itself and sends every other command to the page by id', () => {
    const { menu, sent, ran, opened } = build();
    const all = items(menu);
    const click = (id: string) => (all.find((i) => i.id === id)!.click as () => void)();
    click('file.open');
    click('file.import');
    click('align.confirm');
    click('view.facts');
    expect(ran).toEqual(['open', 'import']);
    expect(sent).toEqual(['align.confirm', 'view.facts']);
    const recent = all.find((i) => i.label === 'Open Recent')!;
    ((recent.submenu as MenuItemConstructorOptions[])[0].click as () => void)();
    expect(opened).toEqual(['/tmp/a.tandem']);
    // Electron's own items keep their roles.
    expect(all.filter((i) => i.role).map((i) => i.role)).toEqual(['quit', 'cut', 'copy', 'paste', 'reload', 'toggleDevTools', 'togglefullscreen']);
  });

  it('on macOS, which registers whatever a menu shows, leaves the page’s keys out of the menu', () => {
    const mac = menuTemplate({ main: { 'file.new': () => undefined, 'file.open': () => undefined, 'file.import': () => undefined }, send: () => undefined, recent: { files: [], open: () => undefined } }, COMMANDS, 'darwin');
    const all = items(mac);
    expect(all.find((i) => i.id === 'align.confirm')!.accelerator).toBeUndefined();
    expect(all.find((i) => i.id === 'edit.undo')!.accelerator).toBe('CmdOrCtrl+Z');
    expect(all.filter((i) => i.accelerator).every((i) => i.registerAccelerator)).toBe(true);
  });

  it('refuses a main command without a handler', () => {
    expect(() => menuTemplate({ main: {}, send: () => undefined, recent: { files: [], open: () => undefined } })).toThrow(/no handler for file\.new/);
  });
});
