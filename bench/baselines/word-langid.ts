/**
 * The word-list detector Tandem used before fastText (about fifteen languages),
 * kept only as the baseline of bench/langid.ts. Unchanged except for its name.
 */
/**
 * Language identification from frequent words plus script and letter cues.
 * Closely related languages (Bokmål, Nynorsk, Danish, Swedish) are told apart
 * by the function words where they differ (av/af, etter/efter, ikkje/ikke,
 * och/og) and by their letters (æø against äö), which a full article holds in
 * plenty. Frequency lists are ordered most frequent first.
 */
const WORDS: Record<string, string> = {
  en: 'the of and to a in is that for it was on with as he by be at are from his this have not but they had which or an were has her she their been who would will there said its we all one more also after about when than into out up new them other over can some first people years only two time could these most what'.trim(),
  nb: 'og i det som på er en til av for at med har de ikke den et om var seg fra men etter kan også skal vil han blir ble hun mot sier ved noe enn andre over da mange nå under bare dette hadde får eller hva slik må selv mellom noen kommer år gjennom fordi uten både sine sitt hvor mye store siden ifølge norske norge landet tidligere allerede deres likevel flere ut'.trim(),
  nn: 'og i det som på er ein til av for at med har dei ikkje den eit om var seg frå men etter kan også skal vil han blir vart ho mot seier ved noko enn andre over då mange no under berre dette hadde får eller kva slik må sjølv mellom nokon kjem år gjennom fordi utan både sine sitt kor mykje store sidan ifølgje eg vore vere'.trim(),
  da: 'og i det som på er en til af for at med har de ikke den et om var sig fra men efter kan også skal vil han bliver blev hun mod siger ved noget end andre over da mange nu under kun dette havde får eller hvad sådan må selv mellem nogle kommer år gennem fordi uden både sine sit hvor meget store siden ifølge danske danmark landet tidligere allerede deres alligevel flere ud være været'.trim(),
  sv: 'och i att det som på är en av för med till den har de inte om ett var sig men från han hon vid kan så efter också när skulle ska mot säger eller bara något än andra över då många nu under detta hade får vad sådan måste själv mellan några kommer år genom eftersom utan både sina sitt där mycket stora sedan enligt svenska sverige landet tidigare redan deras ändå fler ut vara varit blev blir'.trim(),
  fi: 'ja on ei että se oli hän mutta kun myös ovat joka tai kuin sen mukaan vuonna jo nyt vain hänen ole ne olla joiden jotka mitä siitä sitä sekä tämä tässä nämä sanoo sanoi kanssa ollut yli koska kaikki mukaan jälkeen aikana vielä hallitus presidentti maan suomen venäjän noin lisäksi'.trim(),
  nl: 'de het een en van in is dat op te zijn niet met voor die er aan ook als bij door naar maar om werd wordt hij zij worden heeft nog geen meer uit over tot ze dit wat zo na al kan moet deze hun hebben was waren volgens tegen jaar twee onder tussen omdat zich zegt zei'.trim(),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei jahr gegen seit unter zwischen soll sagte'.trim(),
  fr: 'de la le et les des en du un une est que qui dans pour pas sur au par il avec plus ne se ce sont son elle mais ont été aux sa ses nous vous leur comme où cette entre après selon contre depuis deux lors sous aussi tout fait être'.trim(),
  es: 'de la que el en y a los del se las por un para con no una su al es lo como más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde han desde todo nos durante según contra'.trim(),
  it: 'di e il la che in a per un è del non una con sono le si da i dei al della gli ha lo come più ma anche nel alla questo delle degli essere stato dopo tra secondo contro'.trim(),
  pt: 'de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela segundo contra'.trim(),
  pl: 'i w na z się nie do to że jest o jak ale po co tak za od już przez jego które był tylko może są jej być ich tym było przy pod także według przeciwko'.trim(),
  ru: 'и в не на что с по как он это к но из у за о же от все так его для было она бы только также был если когда уже или при до после были их может чтобы его'.trim(),
  et: 'ja on ei et see oli ta kui ka aga mis ning või nagu selle seda need oma veel üle kõik pärast vastu'.trim(),
};

const LETTER_CUES: Record<string, Record<string, number>> = {
  'æ': { nb: 1, nn: 1, da: 1 },
  'ø': { nb: 1, nn: 1, da: 1 },
  'å': { nb: 0.6, nn: 0.6, da: 0.6, sv: 0.6 },
  'ä': { sv: 1, fi: 1, de: 0.8, et: 1 },
  'ö': { sv: 1, fi: 1, de: 0.8, et: 1 },
  'ü': { de: 1, et: 0.5 },
  'ß': { de: 1 },
  'õ': { et: 1, pt: 1 },
  'ã': { pt: 1 },
  'ñ': { es: 1 },
  'ç': { fr: 0.8, pt: 0.8 },
  'é': { fr: 0.5, es: 0.3, pt: 0.3, it: 0.2 },
  'è': { fr: 0.8, it: 0.6 },
  'ê': { fr: 0.8, pt: 0.5 },
  'à': { fr: 0.6, it: 0.6, pt: 0.4 },
  'ł': { pl: 1 },
  'ą': { pl: 1 },
  'ę': { pl: 1 },
  'ij': { nl: 0.5 },
};


interface Model {
  lang: string;
  logp: Map<string, number>;
  unknown: number;
}

let models: Model[] | null = null;
const KNOWN = new Set(Object.values(WORDS).flatMap((list) => list.split(/\s+/)));

function buildModels(): Model[] {
  return Object.entries(WORDS).map(([lang, list]) => {
    const words = list.split(/\s+/);
    // Zipf-like weights: frequent function words carry most of the mass.
    const weights = words.map((_, rank) => 1 / (rank + 3));
    const total = weights.reduce((a, b) => a + b, 0);
    const logp = new Map<string, number>();
    words.forEach((w, i) => {
      const p = (0.45 * weights[i]) / total;
      if (!logp.has(w)) logp.set(w, Math.log(p));
    });
    return { lang, logp, unknown: Math.log(0.55 / 50000) };
  });
}

export interface LanguageGuess {
  lang: string;
  confidence: number;
  /** Runner-up scores, best first, for the curious and for tests. */
  scores: Array<{ lang: string; score: number }>;
}

const MAX_CHARS = 200_000;

/** One pass over the text: letters in all, and per script block. */
function scriptCounts(text: string): { letters: number; blocks: Map<string, number>; cyrillic: number } {
  const blocks = new Map<string, number>();
  let letters = 0;
  let cyrillic = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
      continue;
    }
    if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++;
      letters++;
      continue;
    }
    const block = SCRIPT_BLOCKS.find(([lo, hi]) => c >= lo && c <= hi);
    if (block) {
      blocks.set(block[2], (blocks.get(block[2]) ?? 0) + 1);
      letters++;
    } else if (c >= 0xc0 && c <= 0x24f) letters++;
    else if (/\p{L}/u.test(text[i])) letters++;
  }
  return { letters, blocks, cyrillic };
}

const SCRIPT_BLOCKS: Array<[number, number, string]> = [
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
  [0x0590, 0x05ff, 'he'],
  [0x0600, 0x06ff, 'ar'],
  [0x0900, 0x097f, 'hi'],
  [0x0e00, 0x0e7f, 'th'],
  [0x0370, 0x03ff, 'el'],
  [0x10a0, 0x10ff, 'ka'],
  [0x0530, 0x058f, 'hy'],
];

const TOKEN = /\p{L}+(?:['’]\p{L}+)?/gu;

export function identifyLanguageByWords(input: string): LanguageGuess {
  const text = input.slice(0, MAX_CHARS);
  const { letters, blocks, cyrillic } = scriptCounts(text);
  if (letters === 0) return { lang: 'und', confidence: 0, scores: [] };

  for (const [, , lang] of SCRIPT_BLOCKS) {
    const n = blocks.get(lang) ?? 0;
    if (n / letters > 0.3) {
      if (lang === 'zh' && (blocks.get('ja') ?? 0) > 0) continue;
      return { lang, confidence: Math.min(1, 0.5 + n / letters / 2), scores: [{ lang, score: n }] };
    }
  }
  if (cyrillic / letters > 0.3) {
    const uk = text.match(/[іїєґ]/gi)?.length ?? 0;
    const bg = /(^|\s)(и|на|за|от|се|да|че|са)\s/.test(text) && /ъ/.test(text);
    const lang = uk > cyrillic * 0.01 ? 'uk' : bg ? 'bg' : 'ru';
    return { lang, confidence: 0.8, scores: [{ lang, score: cyrillic }] };
  }

  models ??= buildModels();
  const tokens = text.toLowerCase().match(TOKEN) ?? [];
  // Only words some model knows can move the ranking; the rest cost every model the same.
  const counts = new Map<string, number>();
  for (const t of tokens) if (KNOWN.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const unknownTokens = tokens.length;
  const scores = new Map<string, number>();
  for (const m of models) {
    let s = unknownTokens * m.unknown;
    for (const [t, n] of counts) {
      const lp = m.logp.get(t);
      if (lp !== undefined) s += n * (lp - m.unknown);
    }
    scores.set(m.lang, s);
  }
  const lower = text.toLowerCase();
  for (const [cue, langs] of Object.entries(LETTER_CUES)) {
    let count = 0;
    for (let i = lower.indexOf(cue); i >= 0; i = lower.indexOf(cue, i + cue.length)) count++;
    if (!count) continue;
    const bonus = Math.log1p(count) * 3;
    for (const m of models) scores.set(m.lang, scores.get(m.lang)! + (langs[m.lang] ?? -0.5) * bonus);
  }
  const ranked = [...scores.entries()].map(([lang, score]) => ({ lang, score })).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  // Per-token margin, so long texts do not claim certainty from sheer length alone.
  const temperature = 1 + tokens.length / 25;
  let denom = 0;
  for (const r of ranked) denom += Math.exp((r.score - best.score) / temperature);
  const confidence = tokens.length < 3 ? 0.2 : 1 / denom;
  return { lang: best.lang, confidence: Math.round(confidence * 1000) / 1000, scores: ranked.slice(0, 5) };
}
