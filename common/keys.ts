/**
 * One notation for keys, read by the key handlers, the help overlay, the
 * README and the Electron menu: modifiers then a key, joined by "+".
 *
 *   "Mod+Z"          Ctrl (Cmd on a Mac) and Z
 *   "Shift+N"        Shift and N (a letter is matched case-blind, Shift decides)
 *   "Alt+ArrowDown"  a named key, as KeyboardEvent.key spells it
 *   "?", "[", "1"    a printed character, whatever Shift it takes on the layout
 *
 * Pure string logic: no DOM, so it is tested in Node and used by main.
 */

/** What the matcher needs of a KeyboardEvent. */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyChord {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

const MODIFIERS = new Set(['Mod', 'Alt', 'Shift']);

/** Parses "Mod+Shift+Z"; throws on a notation it does not know, so a typo in the table fails its test. */
export function parseKey(spec: string): KeyChord {
  // "+" itself would be the last part of "Mod++"; no command uses it.
  const parts = spec.split('+');
  const key = parts.pop() ?? '';
  if (!key) throw new Error(`key "${spec}" names no key`);
  const chord: KeyChord = { mod: false, alt: false, shift: false, key };
  for (const p of parts) {
    if (!MODIFIERS.has(p)) throw new Error(`key "${spec}": unknown modifier "${p}"`);
    if (p === 'Mod') chord.mod = true;
    else if (p === 'Alt') chord.alt = true;
    else chord.shift = true;
  }
  if (key.length > 1 && !NAMED.has(key)) throw new Error(`key "${spec}": unknown key name "${key}"`);
  return chord;
}

/** Named keys the table may use, with how people read them. */
const NAMED = new Map<string, string>([
  ['Enter', 'Enter'], ['Escape', 'Esc'], ['Delete', 'Delete'], ['Backspace', 'Backspace'], ['Tab', 'Tab'], ['Space', 'Space'],
  ['ArrowUp', '↑'], ['ArrowDown', '↓'], ['ArrowLeft', '←'], ['ArrowRight', '→'], ['Home', 'Home'], ['End', 'End'],
  ['PageUp', 'PageUp'], ['PageDown', 'PageDown'], ['F1', 'F1'], ['F2', 'F2'], ['F3', 'F3'], ['F5', 'F5'],
]);

const ELECTRON_NAMES: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Escape: 'Escape' };

function isLetter(key: string): boolean {
  return key.length === 1 && key.toLowerCase() !== key.toUpperCase();
}

/** Whether a key event is this chord. Letters ignore case and take Shift from the chord; printed signs ignore Shift. */
export function matchesKey(chord: KeyChord, e: KeyEventLike): boolean {
  if ((e.ctrlKey || e.metaKey) !== chord.mod || e.altKey !== chord.alt) return false;
  const key = e.key === ' ' ? 'Space' : e.key;
  if (isLetter(chord.key)) return key.length === 1 && key.toLowerCase() === chord.key.toLowerCase() && e.shiftKey === chord.shift;
  if (chord.key.length === 1) return key === chord.key;
  return key === chord.key && e.shiftKey === chord.shift;
}

/** How people read a key: "Ctrl+Shift+Z", "Alt+↓", "Esc". */
export function formatKey(spec: string): string {
  const c = parseKey(spec);
  const parts: string[] = [];
  if (c.mod) parts.push('Ctrl');
  if (c.alt) parts.push('Alt');
  if (c.shift) parts.push('Shift');
  parts.push(NAMED.get(c.key) ?? (isLetter(c.key) ? c.key.toUpperCase() : c.key));
  return parts.join('+');
}

/** The same key in Electron's accelerator notation ("CmdOrCtrl+Shift+Z", "Alt+Down"). */
export function electronAccelerator(spec: string): string {
  const c = parseKey(spec);
  const parts: string[] = [];
  if (c.mod) parts.push('CmdOrCtrl');
  if (c.alt) parts.push('Alt');
  if (c.shift) parts.push('Shift');
  parts.push(ELECTRON_NAMES[c.key] ?? (isLetter(c.key) ? c.key.toUpperCase() : c.key));
  return parts.join('+');
}

/** The ARIA notation for aria-keyshortcuts ("Control+Shift+Z", "Alt+ArrowDown"). */
export function ariaKey(spec: string): string {
  const c = parseKey(spec);
  const parts: string[] = [];
  if (c.mod) parts.push('Control');
  if (c.alt) parts.push('Alt');
  if (c.shift) parts.push('Shift');
  parts.push(isLetter(c.key) ? c.key.toUpperCase() : c.key);
  return parts.join('+');
}
