/**
 * Tokens that end with a full stop without ending a sentence, per language.
 * Compared case-sensitively after stripping the final dot; extend with
 * `extendAbbreviations` (the project keeps user additions in its settings).
 */
const BUILTIN: Record<string, string[]> = {
  '*': ['etc', 'vs', 'ca', 'approx', 'no', 'No', 'nr', 'Nr', 'St', 'Jr', 'Sr', 'Prof', 'Dr', 'dr', 'Mr', 'Mrs', 'Ms', 'Fig', 'fig', 'Vol', 'vol', 'pp', 'ed', 'Ed'],
  en: ['e.g', 'i.e', 'U.S', 'U.K', 'Gen', 'Col', 'Lt', 'Sgt', 'Capt', 'Gov', 'Sen', 'Rep', 'Rev', 'Mt', 'Inc', 'Ltd', 'Co', 'Corp', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'a.m', 'p.m', 'approx', 'est', 'dept', 'Dept'],
  nb: ['bl.a', 'kl', 'f.eks', 'dvs', 'mht', 'osv', 'o.l', 'ca', 'jf', 'jfr', 'nr', 'pga', 'p.g.a', 'mill', 'mrd', 'tlf', 'ifm', 'iflg', 'iht', 'ev', 'evt', 'hhv', 'm.fl', 'm.m', 'o.a', 'red', 'st', 'sml', 'bl', 'ift', 'vha', 'adm', 'dir', 'kr', 'prof', 'gen', 'tidl', 'fhv'],
  nn: ['bl.a', 'kl', 't.d', 'dvs', 'osb', 'o.l', 'ca', 'jf', 'nr', 'pga', 'mill', 'mrd', 'tlf', 'm.a', 'red', 'kr', 'prof'],
  da: ['bl.a', 'kl', 'f.eks', 'dvs', 'osv', 'ca', 'jf', 'nr', 'pga', 'mio', 'mia', 'tlf', 'hhv', 'mht', 'm.fl', 'o.l', 'evt', 'ift', 'kr', 'prof'],
  sv: ['bl.a', 'kl', 't.ex', 'dvs', 'osv', 'o.s.v', 'ca', 'jfr', 'nr', 'p.g.a', 'pga', 'milj', 'mdr', 'tel', 'resp', 'm.fl', 'm.m', 'o.d', 'ev', 'fr.o.m', 't.o.m', 'kr', 'prof', 'f.d', 'f.ö', 's.k', 'bl'],
  fi: ['esim', 'ns', 'mm', 'jne', 'yms', 'ym', 'ks', 'n', 'klo', 'tms', 'eli', 'milj', 'mrd', 'prof', 'tri', 'huom', 'vrt', 'os', 'ko', 'em', 'nk', 'mrd', 'ts', 'v', 's', 'puh', 'ent'],
  nl: ['bijv', 'bv', 'd.w.z', 'o.a', 'm.a.w', 'ca', 'nr', 'jl', 'mln', 'mld', 'blz', 'dhr', 'mevr', 'mr', 'ir', 'drs', 'ing', 'prof', 'e.d', 'enz', 'i.p.v', 'z.g', 'resp', 'vnl', 'incl', 'excl', 'evt'],
  de: ['z.B', 'd.h', 'u.a', 'usw', 'bzw', 'ca', 'Nr', 'Mio', 'Mrd', 'Hr', 'Fr', 'Dr', 'Prof', 'vgl', 'ggf', 'evtl', 'z.T', 'u.U', 'o.ä', 'bzgl', 'inkl', 'exkl', 'Jh', 'Str', 'S', 'St', 'Abs', 'Art', 'v.a', 'u.v.m', 'sog'],
  fr: ['M', 'MM', 'Mme', 'Mlle', 'Dr', 'Pr', 'p.ex', 'c.-à-d', 'etc', 'env', 'cf', 'vol', 'n°', 'art', 'av', 'apr', 'J.-C', 'St', 'Ste'],
  es: ['Sr', 'Sra', 'Srta', 'Dr', 'Dra', 'p.ej', 'etc', 'aprox', 'núm', 'pág', 'Ud', 'Uds', 'EE.UU'],
  it: ['Sig', 'Sig.ra', 'Dott', 'Prof', 'ecc', 'es', 'pag', 'n', 'ca'],
};

const extra = new Map<string, Set<string>>();

export function extendAbbreviations(lang: string, words: string[]): void {
  const key = baseLang(lang);
  const set = extra.get(key) ?? new Set<string>();
  for (const w of words) {
    const trimmed = w.trim().replace(/\.$/, '');
    if (trimmed) set.add(trimmed);
  }
  extra.set(key, set);
}

export function baseLang(lang: string): string {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return primary === 'no' ? 'nb' : primary;
}

const cache = new Map<string, Set<string>>();

export function abbreviationsFor(lang: string): Set<string> {
  const key = baseLang(lang);
  const extras = extra.get(key);
  const cacheKey = `${key}:${extras?.size ?? 0}`;
  let set = cache.get(cacheKey);
  if (!set) {
    set = new Set([...(BUILTIN['*'] ?? []), ...(BUILTIN[key] ?? []), ...(extras ?? [])]);
    cache.set(cacheKey, set);
  }
  return set;
}
