import type { DocInput } from '../../../../core/align/story.js';

/**
 * A small story of our own: four reports of one bridge collapse, in Norwegian and Swedish (each
 * with an English translation), German (without one) and English. Paragraph by paragraph:
 * [original, English translation | null].
 */
export const BRIDGE: Array<{ lang: string; paragraphs: Array<[string, string | null]> }> = [
  {
    lang: 'nb',
    paragraphs: [
      ['Brua over Kvernelva kollapset natt til 14. mars.', 'The bridge over the Kverne river collapsed on the night of 14 March.'],
      ['Ordfører Ingrid Solbakken sier at 1.200 innbyggere er isolert. Kommunen har satt krisestab.', 'Mayor Ingrid Solbakken says that 1,200 residents are cut off. The municipality has set up a crisis team.'],
      ['Statens vegvesen har sendt en ferje fra Tromsø.', 'The Norwegian Public Roads Administration has sent a ferry from Tromsø.'],
      ['Fotballaget vant søndagens kamp 3–1.', "The football team won Sunday's match 3–1."],
    ],
  },
  {
    lang: 'sv',
    paragraphs: [
      ['Ingen skadades när bron i Kvernvik rasade den 14 mars.', 'No one was injured when the bridge in Kvernvik collapsed on 14 March.'],
      ['Enligt kommunalrådet Solbakken är 1 200 personer avskurna.', 'According to municipal leader Solbakken, 1,200 people are cut off.'],
      ['Regeringen i Oslo lovar en ny bro inom två år.', 'The government in Oslo promises a new bridge within two years.'],
    ],
  },
  {
    lang: 'de',
    paragraphs: [
      ['In Kvernvik ist am 14. März eine Brücke eingestürzt.', null],
      ['Bürgermeisterin Solbakken sprach von 1.200 abgeschnittenen Einwohnern.', null],
      ['Die Börse in Frankfurt schloss am Freitag fester.', null],
    ],
  },
  {
    lang: 'en',
    paragraphs: [
      ['A ferry from Tromsø now carries residents of Kvernvik across the river.', null],
      ['Mayor Ingrid Solbakken said 1,200 residents were cut off after the bridge collapsed on March 14.', null],
      ['Oslo has promised to rebuild the bridge within two years.', null],
    ],
  },
];

/** One sentence span per sentence-final stop not after a digit (14. März), good enough for these texts. */
export function sentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /(?:[^.!?]|(?<=\d)\.)+[.!?]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index + (m[0].length - m[0].trimStart().length);
    const e = m.index + m[0].trimEnd().length;
    if (e > s) out.push([s, e]);
  }
  return out;
}

export function bridgeDocs(opts: { translations?: boolean } = {}): DocInput[] {
  return BRIDGE.map((d) => ({
    lang: d.lang,
    paragraphs: d.paragraphs.map(([text, en]) => ({
      text,
      sentences: sentences(text),
      pivot: opts.translations === false ? null : en,
      pivotSentences: en && opts.translations !== false ? sentences(en) : undefined,
    })),
  }));
}
