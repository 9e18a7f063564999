/**
 * Machine-translation throughput against the fake DeepL server: requests made
 * versus the fewest the limits allow, characters billed on a first and a
 * repeated run, and wall time with a fixed per-request latency.
 *
 *   npx tsx bench/mt.ts
 */
import { pathToFileURL } from 'node:url';
import {
  DEEPL_MAX_TEXTS,
  DEFAULT_MAX_TEXT_BYTES,
  DeepLProvider,
  billableChars,
  isBlank,
  runTranslation,
  textParamBytes,
  type RunItem,
} from '../core/mt';
import { MemoryMtStore, startFakeDeepL } from '../tests/support/fake-deepl';
import { rng } from './corpus';
import { fmt, type ReadmeRow } from './measure';

/** The lower bound that requestsMinimum assumes, in words. */
export const MINIMUM_REQUESTS_BOUND =
  `per source language, max(ceil(unique non-blank texts / ${DEEPL_MAX_TEXTS} texts a request), ceil(their encoded size / ${DEFAULT_MAX_TEXT_BYTES / 1024} KiB a request)), summed; ` +
  'blank and repeated texts need no request, and texts of different source languages never share one';

const LANGS: Record<string, string[]> = {
  nb: 'jeg og ikke er det hus huset katt hund mann kvinne barn dag natt skog havet sol god stor liten gammel ny som med på til av fra var har skal kan vil'.split(' '),
  sv: 'jag och inte är det hus katt hund man kvinna barn dag natt skogen havet sol god stor liten gammal ny som med på till av från var har ska kan vill'.split(' '),
  de: 'ich und nicht ist das haus katze hund mann frau kind tag nacht wald meer sonne gut groß klein alt neu wie mit auf zu von aus war hat soll kann will'.split(' '),
  nl: 'ik en niet is het huis kat hond man vrouw kind dag nacht bos zee zon goed groot klein oud nieuw als met op tot van uit was heeft zal kan wil'.split(' '),
  fi: 'minä ja ei on se talo kissa koira mies nainen lapsi päivä yö metsä meri aurinko hyvä iso pieni vanha uusi kuin kanssa päällä asti jostakin oli on pitää voi haluaa'.split(' '),
};

export function syntheticCorpus(paragraphs = 2000, seed = 42): RunItem[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const langs = Object.keys(LANGS);
  const byLang = new Map<string, string[]>();
  const items: RunItem[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const lang = langs[i % langs.length]!;
    const seen = byLang.get(lang) ?? [];
    byLang.set(lang, seen);
    let text: string;
    const r = rand();
    if (r < 0.01) text = ''; // blank lines that survived import
    else if (r < 0.09 && seen.length > 0) text = pick(seen); // repeated headings and boilerplate
    else {
      const sentences = 2 + Math.floor(rand() * 5);
      const out: string[] = [];
      for (let s = 0; s < sentences; s++) {
        const words = Array.from({ length: 6 + Math.floor(rand() * 12) }, () => pick(LANGS[lang]!));
        words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
        out.push(`${words.join(' ')} ${i}.${s}.`);
      }
      text = out.join(' ');
      seen.push(text);
    }
    items.push({ id: i, text, sourceLang: lang });
  }
  return items;
}

/** Lower bound on requests: per language, by text count and by encoded size (MINIMUM_REQUESTS_BOUND). */
function minimumRequests(items: readonly RunItem[]): number {
  const unique = new Map<string, Set<string>>();
  for (const it of items) {
    if (isBlank(it.text)) continue;
    const key = it.sourceLang ?? '';
    if (!unique.has(key)) unique.set(key, new Set());
    unique.get(key)!.add(it.text);
  }
  let total = 0;
  for (const texts of unique.values()) {
    const bytes = [...texts].reduce((n, t) => n + textParamBytes(t), 0);
    total += Math.max(Math.ceil(texts.size / DEEPL_MAX_TEXTS), Math.ceil(bytes / DEFAULT_MAX_TEXT_BYTES));
  }
  return total;
}

export async function benchMt(): Promise<Record<string, unknown>> {
  const delayMs = 200;
  const concurrency = 2;
  const fake = await startFakeDeepL({ delayMs, characterLimit: 100_000_000 });
  try {
    const provider = new DeepLProvider({ authKey: 'bench-key', serverUrl: fake.url });
    const store = new MemoryMtStore();
    const items = syntheticCorpus();
    const nonBlank = items.filter((i) => !isBlank(i.text));
    const uniqueTexts = new Set(nonBlank.map((i) => `${i.sourceLang}\u0000${i.text}`));
    const uniqueChars = [...uniqueTexts].reduce((n, k) => n + billableChars(k.split('\u0000')[1]!), 0);

    const t0 = performance.now();
    const first = await runTranslation(provider, store, items, { targetLang: 'en-GB', concurrency });
    const t1 = performance.now();
    const second = await runTranslation(provider, store, items, { targetLang: 'en-GB', concurrency });
    const t2 = performance.now();

    const minimum = minimumRequests(items);
    const readme: ReadmeRow[] = [
      {
        workload: `Translate ${fmt(items.length)} paragraphs in ${Object.keys(LANGS).length} languages through deepl-node, fake DeepL answering in ${delayMs} ms, ${concurrency} requests at a time`,
        data: `synthetic paragraphs (bench/mt.ts: ${uniqueTexts.size} unique, ${nonBlank.length - uniqueTexts.size} repeats, ${items.length - nonBlank.length} blank)`,
        figure: `${first.requests} requests, ${fmt(first.billedCharacters)} characters billed, ${(t1 - t0) / 1000 < 10 ? ((t1 - t0) / 1000).toFixed(1) : Math.round((t1 - t0) / 1000)} s; run again: ${second.requests} requests, ${fmt(second.billedCharacters)} billed`,
        baseline: `lower bound ${minimum} requests (${MINIMUM_REQUESTS_BOUND}); ${fmt(uniqueChars)} unique characters`,
      },
    ];
    return {
      paragraphs: items.length,
      languages: Object.keys(LANGS).length,
      blank: items.length - nonBlank.length,
      unique: uniqueTexts.size,
      duplicates: nonBlank.length - uniqueTexts.size,
      requestDelayMs: delayMs,
      concurrency,
      requestsFirstRun: first.requests,
      requestsMinimum: minimum,
      requestsMinimumBound: MINIMUM_REQUESTS_BOUND,
      maxRequestBodyBytes: Math.max(...fake.state.requests.map((r) => r.bodyBytes)),
      maxInFlight: fake.state.maxInFlight,
      billedFirstRun: first.billedCharacters,
      billableUniqueChars: uniqueChars,
      billedSecondRun: second.billedCharacters,
      requestsSecondRun: second.requests,
      cachedSecondRun: second.cached,
      stoppedBy: first.stoppedBy?.kind ?? second.stoppedBy?.kind ?? null,
      wallMsFirstRun: Math.round(t1 - t0),
      wallMsSecondRun: Math.round(t2 - t1),
      readme,
    };
  } finally {
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMt().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
