import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, KEY_HINTS, keySections, keyTableMarkdown, tooltip, type CommandSpec } from '../../../common/commands';
import { ariaKey, electronAccelerator, formatKey, matchesKey, parseKey, type KeyEventLike } from '../../../common/keys';
import { CommandRegistry } from '../../../renderer/src/commands';
import { KEYS_END, KEYS_START, replaceKeySection } from '../../../scripts/readme-keys';

const table = COMMANDS as readonly CommandSpec[];

function key(k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('key notation', () => {
  it('parses, prints and matches keys the way people press them', () => {
    expect(formatKey('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(formatKey('Alt+ArrowDown')).toBe('Alt+↓');
    expect(formatKey('Escape')).toBe('Esc');
    expect(electronAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(electronAccelerator('Alt+ArrowUp')).toBe('Alt+Up');
    expect(ariaKey('Mod+2')).toBe('Control+2');
    // A letter: case-blind, Shift decides.
    expect(matchesKey(parseKey('N'), key('n'))).toBe(true);
    expect(matchesKey(parseKey('N'), key('N', { shiftKey: true }))).toBe(false);
    expect(matchesKey(parseKey('Shift+N'), key('N', { shiftKey: true }))).toBe(true);
    expect(matchesKey(parseKey('Mod+Z'), key('z', { metaKey: true }))).toBe(true);
    expect(matchesKey(parseKey('Mod+Z'), key('z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    // A printed sign takes whatever Shift the layout needs.
    expect(matchesKey(parseKey('?'), key('?', { shiftKey: true }))).toBe(true);
    expect(matchesKey(parseKey('?'), key('?', { ctrlKey: true }))).toBe(false);
    // A named key: modifiers exactly.
    expect(matchesKey(parseKey('Enter'), key('Enter'))).toBe(true);
    expect(matchesKey(parseKey('Enter'), key('Enter', { shiftKey: true }))).toBe(false);
    expect(matchesKey(parseKey('Alt+ArrowDown'), key('ArrowDown', { altKey: true }))).toBe(true);
    expect(() => parseKey('Hyper+K')).toThrow(/modifier/);
    expect(() => parseKey('Ctrl+K')).toThrow(/modifier/);
    expect(() => parseKey('Arrowdown')).toThrow(/key name/);
  });
});

describe('the command table', () => {
  it('has unique ids, parseable keys, a label and a help text for each command', () => {
    expect(new Set(table.map((c) => c.id)).size).toBe(table.length);
    for (const c of table) {
      expect(c.label.trim(), c.id).not.toBe('');
      expect(c.help.trim(), c.id).not.toBe('');
      for (const k of c.keys) expect(() => parseKey(k), `${c.id}: ${k}`).not.toThrow();
    }
  });

  it('never binds one key to two commands that can be active at once', () => {
    const clashes: string[] = [];
    const byKey = new Map<string, CommandSpec[]>();
    for (const c of table) {
      for (const k of c.keys) {
        const norm = formatKey(k);
        for (const o of byKey.get(norm) ?? []) {
          if (o.scope === c.scope || o.scope === 'global' || c.scope === 'global') clashes.push(`${norm}: ${o.id} and ${c.id}`);
        }
        byKey.set(norm, [...(byKey.get(norm) ?? []), c]);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('lists every command with keys, and every hint, in the help sections', () => {
    const shown = keySections().flatMap((s) => s.rows.map((r) => r.id ?? r.keys));
    for (const c of table) if (c.keys.length) expect(shown, c.id).toContain(c.id);
    for (const h of KEY_HINTS) expect(shown).toContain(h.keys);
    expect(tooltip('align.confirm')).toBe('Confirm the current link, go to the next unconfirmed (Enter or C)');
  });
});

describe('the README key table', () => {
  it('is the one the command table makes (regenerate it with: npx tsx scripts/readme-keys.ts)', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(KEYS_START);
    expect(readme).toContain(KEYS_END);
    expect(replaceKeySection(readme)).toBe(readme);
    expect(readme).toContain(keyTableMarkdown());
  });

  it('is replaced between its markers and nowhere else', () => {
    const doc = `# T\n\n## Keyboard\n\n${KEYS_START}\nold\n${KEYS_END}\n\n## Next\n`;
    const out = replaceKeySection(doc);
    expect(out.startsWith('# T\n\n## Keyboard\n\n')).toBe(true);
    expect(out.endsWith(`${KEYS_END}\n\n## Next\n`)).toBe(true);
    expect(out).toContain('| alignment | Enter, C | Confirm the current link');
    expect(() => replaceKeySection('# no markers')).toThrow(/markers/);
  });
});

describe('the renderer command registry', () => {
  it('sends a key to the global command first, then to the view on screen', () => {
    const reg = new CommandRegistry();
    const ran: string[] = [];
    reg.register('help.keys', () => void ran.push('help'));
    reg.register('align.confirm', () => void ran.push('confirm'));
    reg.register('postedit.next', () => void ran.push('pe-next'));
    reg.register('align.boundaryDown', () => void ran.push('boundary'));
    expect(reg.handleKey(key('?', { shiftKey: true }), { view: 'alignment', typing: false, target: null })).toBe('help.keys');
    expect(reg.handleKey(key('Enter'), { view: 'alignment', typing: false, target: null })).toBe('align.confirm');
    // The same key in another view belongs to that view's command.
    expect(reg.handleKey(key('ArrowDown', { altKey: true }), { view: 'postedit', typing: true, target: null })).toBe('postedit.next');
    expect(reg.handleKey(key('ArrowDown', { altKey: true }), { view: 'alignment', typing: false, target: null })).toBe('align.boundaryDown');
    // Typing keeps bare keys for the field.
    expect(reg.handleKey(key('Enter'), { view: 'alignment', typing: true, target: null })).toBeNull();
    expect(reg.handleKey(key('Enter'), { view: 'facts', typing: false, target: null })).toBeNull();
    expect(ran).toEqual(['help', 'confirm', 'pe-next', 'boundary']);
  });

  it('lets a handler decline, and forgets it once disposed', () => {
    const reg = new CommandRegistry();
    const d = reg.register('facts.accept', () => false);
    expect(reg.handleKey(key('y'), { view: 'facts', typing: false, target: null })).toBeNull();
    d.dispose();
    expect(reg.has('facts.accept')).toBe(false);
    expect(() => reg.register('nope' as never, () => undefined)).toThrow(/no command/);
    reg.register('facts.accept', () => undefined);
    expect(() => reg.register('facts.accept', () => undefined)).toThrow(/already/);
    expect(reg.unhandled()).not.toContain('facts.accept');
    expect(reg.unhandled()).toContain('align.confirm');
    expect(reg.unhandled()).not.toContain('file.new');
  });
});
