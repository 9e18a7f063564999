/** Below U+0300 every character is its own NFC form and combines with nothing (NFC_Quick_Check = Yes, combining class 0). */
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02ff]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085]/g;
const INVISIBLE = /[\u00ad\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
/** White space the rule below would change: anything but a single plain space (the class above is JavaScript's \s). */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

/**
 * Canonical form for stored paragraph text: NFC, no control characters, single
 * spaces. Zero-width joiners stay because emoji sequences need them.
 */
export function normalizeParagraph(text: string): string {
  // Each step is skipped where it could change nothing: most paragraphs are
  // Latin text with single spaces, and this runs on every paragraph imported.
  let s = MAY_CHANGE_UNDER_NFC.test(text) ? text.normalize('NFC') : text;
  s = s.replace(CONTROL, '').replace(INVISIBLE, '');
  if (UNUSUAL_SPACE.test(s)) s = s.replace(SPACES, (ws) => (ws.includes('\u00a0') && ws.length === 1 ? '\u00a0' : ' '));
  return s.trim();
}

export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
}
