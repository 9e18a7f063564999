/**
 * FNV-1a over a substring, without building it. Each feature family applies
 * its own finaliser, so that hashes stay what each index was tuned with.
 */
export function fnv1a(s: string, start: number, end: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let k = start; k < end; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  return h;
}

/** fnv1a of the substring with ASCII letters lower-cased. */
export function fnv1aLowerAscii(s: string, start: number, end: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let k = start; k < end; k++) {
    let c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 16777619);
  }
  return h;
}
