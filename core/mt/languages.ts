import type { MtLanguage, MtProvider } from './provider';

/**
 * DeepL source codes for primary language subtags. Kept to languages DeepL has
 * supported for a long time; newer ones are picked up from the live language
 * list (see `toDeepLSource`'s `apiSourceCodes`).
 */
const DEEPL_SOURCE: Readonly<Record<string, string>> = {
  ar: 'AR', bg: 'BG', cs: 'CS', da: 'DA', de: 'DE', el: 'EL', en: 'EN', es: 'ES', et: 'ET',
  fi: 'FI', fr: 'FR', hu: 'HU', id: 'ID', it: 'IT', ja: 'JA', ko: 'KO', lt: 'LT', lv: 'LV',
  // 'no' is the macrolanguage; written Norwegian without further marking is Bokmål in practice.
  nb: 'NB', no: 'NB',
  nl: 'NL', pl: 'PL', pt: 'PT', ro: 'RO', ru: 'RU', sk: 'SK', sl: 'SL', sv: 'SV', tr: 'TR',
  uk: 'UK', zh: 'ZH',
  // 'nn' (Nynorsk) is intentionally absent: DeepL has no Nynorsk model, and sending
  // source_lang=NB for Nynorsk would force the wrong variety; detection copes better.
};

/** Target languages that need no regional variant. */
const DEEPL_TARGET_PLAIN: ReadonlySet<string> = new Set([
  'AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'ES', 'ET', 'FI', 'FR', 'HU', 'ID', 'IT', 'JA', 'KO',
  'LT', 'LV', 'NB', 'NL', 'PL', 'RO', 'RU', 'SK', 'SL', 'SV', 'TR', 'UK',
]);

interface ParsedTag {
  language: string;
  script?: string;
  region?: string;
}

function parseTag(code: string): ParsedTag | null {
  const parts = code.trim().replace(/_/g, '-').split('-').filter(Boolean);
  if (parts.length === 0) return null;
  const language = parts[0]!.toLowerCase();
  if (!/^[a-z]{2,3}$/.test(language)) return null;
  const tag: ParsedTag = { language };
  for (const p of parts.slice(1)) {
    if (/^[a-z]{4}$/i.test(p)) tag.script = p.toLowerCase();
    else if (/^([a-z]{2}|\d{3})$/i.test(p)) tag.region = p.toUpperCase();
  }
  return tag;
}

/**
 * DeepL source code ('NB', 'EN', ...) for a BCP-47 code, or null when DeepL
 * cannot take it as a source language, in which case the request goes out
 * without source_lang and DeepL detects the language.
 * `apiSourceCodes` (codes from the live source-language list) lets languages
 * added to DeepL after this table was written be used without a code change.
 */
export function toDeepLSource(code: string | null | undefined, apiSourceCodes?: Iterable<string>): string | null {
  if (!code) return null;
  const tag = parseTag(code);
  if (!tag) return null;
  const known = DEEPL_SOURCE[tag.language];
  if (known) return known;
  if (apiSourceCodes) {
    for (const c of apiSourceCodes) {
      if (c.split('-')[0]!.toLowerCase() === tag.language) return tag.language.toUpperCase();
    }
  }
  return null;
}

export interface TargetOptions {
  /** Variant used for plain 'en'. */
  english?: 'EN-GB' | 'EN-US';
  /** Variant used for plain 'pt'. */
  portuguese?: 'PT-PT' | 'PT-BR';
}

const TRADITIONAL_CHINESE_REGIONS = new Set(['TW', 'HK', 'MO']);

/** DeepL target code ('EN-GB', 'NB', 'ZH-HANS', ...) for a BCP-47 code, or null when unsupported. */
export function toDeepLTarget(code: string, opts: TargetOptions = {}): string | null {
  const tag = parseTag(code);
  if (!tag) return null;
  switch (tag.language) {
    case 'en':
      if (tag.region === 'US') return 'EN-US';
      if (tag.region === 'GB') return 'EN-GB';
      // Other English regions (AU, IE, NZ, ...) follow British spelling.
      return tag.region ? 'EN-GB' : (opts.english ?? 'EN-GB');
    case 'pt':
      if (tag.region === 'BR') return 'PT-BR';
      if (tag.region === 'PT') return 'PT-PT';
      return tag.region ? 'PT-PT' : (opts.portuguese ?? 'PT-PT');
    case 'zh':
      if (tag.script === 'hant' || (tag.region && TRADITIONAL_CHINESE_REGIONS.has(tag.region))) return 'ZH-HANT';
      return 'ZH-HANS';
    case 'no':
    case 'nb':
      return 'NB';
    default: {
      const upper = tag.language.toUpperCase();
      return DEEPL_TARGET_PLAIN.has(upper) ? upper : null;
    }
  }
}

/** BCP-47 spelling of a DeepL code: 'NB' → 'nb', 'EN-US' → 'en-US', 'ZH-HANS' → 'zh-Hans'. */
export function fromDeepLCode(code: string): string {
  const [lang, sub] = code.split('-', 2);
  const l = lang!.toLowerCase();
  if (!sub) return l;
  if (sub.length === 4) return `${l}-${sub[0]!.toUpperCase()}${sub.slice(1).toLowerCase()}`;
  return `${l}-${sub.toUpperCase()}`;
}


/**
 * Memoises the provider's language lists. Lists change a few times a year, so
 * a day-long lifetime is plenty; concurrent callers share a single fetch, and
 * a failed fetch is not cached.
 */
export class LanguageListCache {
  private source?: { at: number; value: Promise<MtLanguage[]> };
  private target?: { at: number; value: Promise<MtLanguage[]> };

  constructor(
    private readonly provider: Pick<MtProvider, 'sourceLanguages' | 'targetLanguages'>,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  sourceLanguages(): Promise<MtLanguage[]> {
    this.source = this.fresh(this.source, () => this.provider.sourceLanguages(), () => (this.source = undefined));
    return this.source.value;
  }

  targetLanguages(): Promise<MtLanguage[]> {
    this.target = this.fresh(this.target, () => this.provider.targetLanguages(), () => (this.target = undefined));
    return this.target.value;
  }

  invalidate(): void {
    this.source = undefined;
    this.target = undefined;
  }

  private fresh(
    entry: { at: number; value: Promise<MtLanguage[]> } | undefined,
    load: () => Promise<MtLanguage[]>,
    drop: () => void,
  ): { at: number; value: Promise<MtLanguage[]> } {
    const t = this.now();
    if (entry && t - entry.at < this.ttlMs) return entry;
    const value = load();
    const created = { at: t, value };
    value.catch(() => {
      if (this.source === created || this.target === created) drop();
    });
    return created;
  }
}
