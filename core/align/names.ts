/**
 * Proper names across spellings, transliterations and inflection.
 *
 * Independent reports spell a foreign name the way their language transliterates it (Tokayev,
 * Tokajev, Toqajev, Tokaev; Massimov, Masimov, Mäsimov) and inflect it by their grammar
 * (Finnish Nazarbajevin, Swedish Tokajevs). `foldName` maps a spelling to a coarse phonetic key
 * by general orthographic correspondences between Latin transliteration conventions (no list of
 * names: q and k, y and j, zh and zj and ž, kh and ch, doubled letters, Dutch oe for u…);
 * `namesMatch` then allows what inflection adds (a short ending) and one leftover letter of
 * difference in a long key. `NameClasses` joins the keys of a story into classes, so that one
 * person or place is one feature whatever each article calls it.
 */

/** Letters that transliterate to two Latin letters, before diacritics are dropped. */
const SPECIAL: Record<string, string> = {
  ž: 'zh', š: 'sh', č: 'ch', ć: 'c', đ: 'dj', ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', þ: 'th', ł: 'l', ı: 'i', ð: 'd',
};

const VOWEL = /[aeiou]/;

/** The coarse key of one word; '' when nothing is left. */
export function foldName(word: string): string {
  let s = word.toLowerCase();
  s = s.replace(/[žščćđßæøœþłıð]/g, (c) => SPECIAL[c] ?? c);
  s = s.normalize('NFD').replace(/\p{M}+/gu, '');
  s = s.replace(/[^a-z0-9]/g, '');
  if (!s) return '';
  if (/^[0-9]+$/.test(s)) return s;
  s = s
    .replace(/tsch|tsj|tch/g, 'ch')
    .replace(/sch|sj/g, 'sh')
    .replace(/dzh|zh|zj|dj/g, 'j')
    .replace(/kh/g, 'h')
    // German and Dutch ch (Kazachstan) is English kh; English ch before a vowel is left alone.
    .replace(/ch(?=[^aeiouy]|$)/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck/g, 'k')
    .replace(/c(?!h)/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/sh/g, 's')
    // Dutch oe and French ou are u.
    .replace(/oe|ou/g, 'u');
  // y is j before a vowel (Yerlan, Tokayev) and i elsewhere (Kasym).
  s = s.replace(/y(?=[aeiou])/g, 'j').replace(/y/g, 'i');
  // A j between vowels is a glide that some transliterations leave out (Tokaev).
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === 'j' && k > 0 && VOWEL.test(s[k - 1]) && k + 1 < s.length && VOWEL.test(s[k + 1])) continue;
    if (k > 0 && c === out[out.length - 1]) continue;
    out += c;
  }
  return out;
}

/** How long an inflectional ending may be on a base of this length. */
function maxEnding(base: number): number {
  if (base < 4) return 0;
  // A four-letter name takes a genitive s or n; more would join Berg and Bergen.
  if (base < 5) return 1;
  if (base < 7) return 3;
  return 4;
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Whether two folded keys name the same thing: equal; or the longer is the shorter plus an
 * inflectional ending; or, for keys of six letters and more, one edit apart on the common part
 * (kasahstan, kasakstan).
 */
export function namesMatch(x: string, y: string): boolean {
  if (x === y) return x.length > 0;
  const [s, l] = x.length <= y.length ? [x, y] : [y, x];
  if (s.length < 4) return false;
  const ending = maxEnding(s.length);
  if (l.length - s.length > ending + 1) return false;
  if (l.startsWith(s)) return l.length - s.length <= ending;
  // The first two letters are the block names are compared in; a name rarely changes there.
  if (s[0] !== l[0] || s[1] !== l[1]) return false;
  const tolerance = s.length >= 6 ? 1 : 0;
  if (!tolerance) return false;
  for (let cut = s.length - 1; cut <= Math.min(l.length, s.length + 1); cut++) {
    if (l.length - cut > ending) continue;
    if (editDistance(s, l.slice(0, cut), tolerance) <= tolerance) return true;
  }
  return false;
}

/**
 * Keys joined into classes of matching names (single linkage, within blocks of the first two
 * letters so the work stays near linear). Class ids are dense, from 0.
 */
export class NameClasses {
  private readonly keyIndex = new Map<string, number>();
  private readonly parent: number[] = [];
  private classOf: Int32Array | null = null;
  private count = 0;
  private readonly joins: Array<[string, string]> = [];

  add(key: string): void {
    if (!key || this.keyIndex.has(key)) return;
    this.keyIndex.set(key, this.parent.length);
    this.parent.push(this.parent.length);
    this.classOf = null;
  }

  /** Says that two keys name the same thing whatever their spelling (an acronym and its translation). */
  join(a: string, b: string): void {
    this.add(a);
    this.add(b);
    this.joins.push([a, b]);
    this.classOf = null;
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }

  /** Joins every pair of matching keys; call once after adding them all. */
  build(): void {
    const blocks = new Map<string, string[]>();
    for (const key of this.keyIndex.keys()) {
      const b = key.slice(0, 2);
      let list = blocks.get(b);
      if (!list) blocks.set(b, (list = []));
      list.push(key);
    }
    for (const list of blocks.values()) {
      list.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (list[j].length - list[i].length > 5) break;
          if (namesMatch(list[i], list[j])) {
            const a = this.find(this.keyIndex.get(list[i])!);
            const b = this.find(this.keyIndex.get(list[j])!);
            if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    for (const [x, y] of this.joins) {
      const a = this.find(this.keyIndex.get(x)!);
      const b = this.find(this.keyIndex.get(y)!);
      if (a !== b) this.parent[Math.max(a, b)] = Math.min(a, b);
    }
    const roots = new Map<number, number>();
    this.classOf = new Int32Array(this.parent.length);
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      let c = roots.get(r);
      if (c === undefined) roots.set(r, (c = roots.size));
      this.classOf[i] = c;
    }
    this.count = roots.size;
  }

  /** The class of a key, or -1 for a key never added. */
  classId(key: string): number {
    if (!this.classOf) this.build();
    const i = this.keyIndex.get(key);
    return i === undefined ? -1 : this.classOf![i];
  }

  get size(): number {
    if (!this.classOf) this.build();
    return this.count;
  }
}
