import type { Bead, BeadSpan } from '../../../../core/align/types.js';

/** An English report and a German translation with a 2-1 merge, a 1-2 split and an insertion. */
export const EN = [
  'The expedition left Kathmandu on 12 March 1956 with 350 porters.',
  'Albert Eggler led the team of eleven Swiss climbers.',
  'The weather was poor during the first week.',
  'Heavy snow fell every afternoon.',
  'Nevertheless they reached the base camp at 5,400 metres on 9 April.',
  'Ernst Reiss and Fritz Luchsinger climbed Lhotse on 18 May.',
  'It was the first ascent of the fourth highest mountain in the world.',
  'Two days later Jürg Marmet and Ernst Schmid stood on the summit of Everest.',
  'Why did they succeed where others had failed?',
  'The answer lies in careful planning, good oxygen equipment and a little luck.',
  'Hans Grimm and Adolf Reist followed on 24 May.',
  'All members returned safely to Zurich in July.',
];

export const DE = [
  'Die Expedition verliess Kathmandu am 12. März 1956 mit 350 Trägern.',
  'Albert Eggler leitete die Mannschaft von elf Schweizer Bergsteigern.',
  'In der ersten Woche war das Wetter schlecht, und jeden Nachmittag fiel starker Schnee.',
  'Trotzdem erreichten sie am 9. April das Basislager auf 5400 Metern.',
  'Ernst Reiss und Fritz Luchsinger bestiegen am 18. Mai den Lhotse.',
  'Es war die Erstbesteigung des vierthöchsten Berges der Welt.',
  'Zwei Tage später standen Jürg Marmet und Ernst Schmid auf dem Gipfel des Everest.',
  'Warum hatten sie Erfolg, wo andere gescheitert waren?',
  'Die Antwort liegt in sorgfältiger Planung.',
  'Dazu kamen eine gute Sauerstoffausrüstung und etwas Glück.',
  'Anmerkung der Redaktion: Die Bilder stellte uns freundlicherweise die Stiftung zur Verfügung.',
  'Hans Grimm und Adolf Reist folgten am 24. Mai.',
  'Alle Teilnehmer kehrten im Juli wohlbehalten nach Zürich zurück.',
];

/** A machine-like German rendering of EN, line by line. */
export const EN_MT_DE = [
  'Die Expedition verließ Kathmandu am 12. März 1956 mit 350 Trägern.',
  'Albert Eggler führte das Team von elf Schweizer Kletterern.',
  'Das Wetter war in der ersten Woche schlecht.',
  'Starker Schnee fiel jeden Nachmittag.',
  'Trotzdem erreichten sie das Basislager auf 5.400 Metern am 9. April.',
  'Ernst Reiss und Fritz Luchsinger bestiegen den Lhotse am 18. Mai.',
  'Es war die erste Besteigung des vierthöchsten Berges der Welt.',
  'Zwei Tage später standen Jürg Marmet und Ernst Schmid auf dem Gipfel des Everest.',
  'Warum hatten sie Erfolg, wo andere gescheitert hatten?',
  'Die Antwort liegt in sorgfältiger Planung, guter Sauerstoffausrüstung und etwas Glück.',
  'Hans Grimm und Adolf Reist folgten am 24. Mai.',
  'Alle Mitglieder kehrten im Juli sicher nach Zürich zurück.',
];

export const EN_DE_GOLD: BeadSpan[] = [
  { src: [0], tgt: [0] },
  { src: [1], tgt: [1] },
  { src: [2, 3], tgt: [2] },
  { src: [4], tgt: [3] },
  { src: [5], tgt: [4] },
  { src: [6], tgt: [5] },
  { src: [7], tgt: [6] },
  { src: [8], tgt: [7] },
  { src: [9], tgt: [8, 9] },
  { src: [], tgt: [10] },
  { src: [10], tgt: [11] },
  { src: [11], tgt: [12] },
];

/** Throws unless beads cover both sides exactly once, contiguously and in order. */
export function checkCoverage(beads: readonly Bead[], n: number, m: number): void {
  let s = 0;
  let t = 0;
  for (const b of beads) {
    for (const x of b.src) if (x !== s++) throw new Error(`source out of order at ${JSON.stringify(b)}`);
    for (const y of b.tgt) if (y !== t++) throw new Error(`target out of order at ${JSON.stringify(b)}`);
    if (b.src.length + b.tgt.length === 0) throw new Error('empty bead');
    if (!(b.confidence >= 0 && b.confidence <= 1)) throw new Error(`bad confidence ${b.confidence}`);
  }
  if (s !== n || t !== m) throw new Error(`covered ${s}/${n} source and ${t}/${m} target segments`);
}

export const spans = (beads: readonly Bead[]): BeadSpan[] => beads.map((b) => ({ src: b.src, tgt: b.tgt }));
