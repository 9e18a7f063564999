/**
 * Deterministic synthetic articles in five languages, built from small word
 * lists of our own, for the import and search benchmarks.
 */
const WORDS: Record<string, string[]> = {
  nb: 'og i det som på er en til av for at med har de ikke den et om var seg fra men etter kan også skal vil han blir hun mot sier ferge storm havn kaptein passasjerer redning øy kyst vind bølger politiet natt morgen skipet båten mannskap regjeringen kommunen ordføreren'.split(' '),
  en: 'the of and to a in is that for it was on with as he by be at are from his this have not but ferry storm harbour captain passengers rescue island coast wind waves police night morning ship boat crew government council mayor'.split(' '),
  nl: 'de het een en van in is dat op te zijn niet met voor die er aan ook als bij door naar maar veerboot storm haven kapitein passagiers redding eiland kust wind golven politie nacht ochtend schip boot bemanning regering gemeente burgemeester'.split(' '),
  sv: 'och i att det som på är en av för med till den har de inte om ett var sig men från färja storm hamn kapten passagerare räddning ö kust vind vågor polisen natt morgon fartyget båten besättning regeringen kommunen'.split(' '),
  fi: 'ja on ei että se oli hän mutta kun myös ovat joka tai kuin sen mukaan lautta myrsky satama kapteeni matkustajat pelastus saari rannikko tuuli aallot poliisi yö aamu laiva vene miehistö hallitus kunta pormestari'.split(' '),
};

export const LANGS = Object.keys(WORDS);

/** A small, fast, seedable generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(rand: () => number, lang: string): string {
  const words = WORDS[lang];
  const n = 6 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rand() * words.length)]);
  if (rand() < 0.3) out.splice(Math.floor(rand() * n), 0, String(Math.floor(rand() * 2000)));
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (rand() < 0.1 ? '?' : '.');
}

export function paragraph(rand: () => number, lang: string): string {
  const n = 1 + Math.floor(rand() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rand, lang));
  return out.join(' ');
}

export function article(seed: number, paragraphs: number): { lang: string; text: string } {
  const rand = rng(seed);
  const lang = LANGS[seed % LANGS.length];
  const lines: string[] = [];
  for (let i = 0; i < paragraphs; i++) lines.push(paragraph(rand, lang));
  return { lang, text: lines.join('\n') };
}

export { WORDS };
