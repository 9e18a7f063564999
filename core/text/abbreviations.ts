import { cldrSuppressions, internationalSuppressions } from './cldr';

/**
 * A project's own abbreviations per language (`tandem abbreviations`), as the
 * project stores them: words without their final full stop. They are passed
 * to the splitter with each call, never kept in a process-wide list, so one
 * project's additions never reach another project opened later.
 */
export type ProjectAbbreviations = Readonly<Record<string, readonly string[]>>;

export function baseLang(lang: string): string {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return primary === 'no' ? 'nb' : primary;
}

/** What the splitter knows about abbreviations in one language, for one project. */
export interface AbbreviationRules {
  /** Single-token abbreviations, each with its final full stop ("Dr.", "z.B."). */
  tokens: ReadonlySet<string>;
  /** Abbreviations written with spaces ("D. h.", "до н. э."). */
  spaced: readonly string[];
  /**
   * The first parts of spaced abbreviations, with what must follow: a break
   * after "z." is no break when the next piece starts "B.".
   */
  prefixes: ReadonlyMap<string, readonly string[]>;
}

function build(words: Iterable<string>): AbbreviationRules {
  const tokens = new Set<string>();
  const spaced: string[] = [];
  const prefixes = new Map<string, string[]>();
  for (const w of words) {
    if (!/\s/.test(w)) {
      tokens.add(w);
      continue;
    }
    spaced.push(w);
    const parts = w.split(/\s+/);
    for (let i = 1; i < parts.length; i++) {
      const head = parts.slice(0, i).join(' ');
      if (!head.endsWith('.')) continue;
      const list = prefixes.get(head) ?? [];
      list.push(parts.slice(i).join(' '));
      prefixes.set(head, list);
    }
  }
  return { tokens, spaced, prefixes };
}

/** A project word as stored ("avd", "bl.a") in the form the rules compare ("avd.", "bl.a."). */
function withStop(word: string): string {
  const w = word.trim();
  return w.endsWith('.') ? w : `${w}.`;
}

const cache = new Map<string, AbbreviationRules>();
const CACHE_LIMIT = 64;

/**
 * CLDR's abbreviations for the language, those CLDR gives for several
 * languages (see `internationalSuppressions`), then the project's own.
 */
export function abbreviationRules(lang: string, project?: ProjectAbbreviations): AbbreviationRules {
  const key = baseLang(lang);
  const own = (project?.[key] ?? []).filter((w) => w.trim());
  const cacheKey = own.length ? `${key}\u0000${own.join('\u0000')}` : key;
  let rules = cache.get(cacheKey);
  if (!rules) {
    rules = build([...internationalSuppressions(), ...cldrSuppressions(key), ...own.map(withStop)]);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, rules);
  }
  return rules;
}
