import { baseLang } from '../../common/languages';
import { cldrSuppressions, internationalSuppressions } from './cldr';

/**
 * A project's own abbreviations per language (`tandem abbreviations`), as the
 * project stores them: words without their final full stop. They are passed
 * to the splitter with each call, never kept in a process-wide list, so one
 * project's additions never reach another project opened later.
 */
export type ProjectAbbreviations = Readonly<Record<string, readonly string[]>>;

export { baseLang };

/** What the splitter knows about abbreviations in one language, for one project. */
export interface AbbreviationRules {
  /** Single-token abbreviations, each with its final full stop ("Dr.", "z.B."). */
  tokens: ReadonlySet<string>;
  /** Abbreviations written with spaces ("D. h.", "до н. э."), by their last token. */
  spaced: ReadonlyMap<string, readonly string[]>;
  /**
   * The first parts of spaced abbreviations, by their last token, with what
   * must follow: a break after "z." is no break when the next piece starts "B.".
   */
  prefixes: ReadonlyMap<string, ReadonlyArray<{ prefix: string; rests: readonly string[] }>>;
}

const lastToken = (s: string) => s.slice(s.lastIndexOf(' ') + 1);

function build(words: Iterable<string>): AbbreviationRules {
  const tokens = new Set<string>();
  const spaced = new Map<string, string[]>();
  const prefixes = new Map<string, Array<{ prefix: string; rests: string[] }>>();
  for (const w of words) {
    if (!/\s/.test(w)) {
      tokens.add(w);
      continue;
    }
    const whole = w.split(/\s+/).join(' ');
    spaced.set(lastToken(whole), [...(spaced.get(lastToken(whole)) ?? []), whole]);
    const parts = whole.split(' ');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join(' ');
      if (!prefix.endsWith('.')) continue;
      const list = prefixes.get(lastToken(prefix)) ?? [];
      let entry = list.find((e) => e.prefix === prefix);
      if (!entry) list.push((entry = { prefix, rests: [] }));
      entry.rests.push(parts.slice(i).join(' '));
      prefixes.set(lastToken(prefix), list);
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
  if (!project) return rulesFor(lang);
  // The splitter asks once per paragraph with the same project list: keyed by that object, the lookup skips rebuilding the cache key.
  let byLang = perProject.get(project);
  if (!byLang) perProject.set(project, (byLang = new Map()));
  let rules = byLang.get(lang);
  if (!rules) byLang.set(lang, (rules = rulesFor(lang, project)));
  return rules;
}

const perProject = new WeakMap<ProjectAbbreviations, Map<string, AbbreviationRules>>();

function rulesFor(lang: string, project?: ProjectAbbreviations): AbbreviationRules {
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
