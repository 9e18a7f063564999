/**
 * Canonical form for stored paragraph text: NFC, no control characters, single
 * spaces. Zero-width joiners stay because emoji sequences need them.
 */
export function normalizeParagraph(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085]/g, '')
    .replace(/[\u00ad\ufeff]/g, '')
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, (ws) => (ws.includes('\u00a0') && ws.length === 1 ? '\u00a0' : ' '))
    .trim();
}

export function normalizeLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
}
