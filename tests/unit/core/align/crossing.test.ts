import { describe, expect, it } from 'vitest';
import { alignParallel } from '../../../../core/align/parallel.js';
import { checkCoverage, spans } from './fixtures.js';

// A town council report. The French version moves the German third sentence's last clause (the
// roof-top café) into its fourth sentence: the gold bead there is 2-2.
const DE = [
  'Der Stadtrat genehmigte am Mittwoch den Umbau des alten Bahnhofs.',
  'Die Arbeiten beginnen im Frühling und dauern zwei Jahre.',
  'Im Erdgeschoss entsteht eine Bibliothek mit grossem Lesesaal, Kinderecke und Archiv, oben ein Café mit Dachterrasse.',
  'Die Kosten betragen 8,5 Millionen Franken.',
  'Die Opposition hatte einen günstigeren Entwurf verlangt.',
  'Eine Volksabstimmung ist nicht vorgesehen.',
];
const FR = [
  'Le conseil municipal a approuvé mercredi la transformation de l’ancienne gare.',
  'Les travaux commenceront au printemps et dureront deux ans.',
  'Le rez-de-chaussée accueillera une bibliothèque avec une grande salle de lecture, un coin pour enfants et des archives.',
  'Avec un café sur le toit, le coût atteint 8,5 millions de francs.',
  'L’opposition avait demandé un projet moins cher.',
  'Aucune votation populaire n’est prévue.',
];
const DE_MT_FR = [
  'Le conseil municipal a approuvé mercredi la transformation de l’ancienne gare.',
  'Les travaux commencent au printemps et durent deux ans.',
  'Au rez-de-chaussée, une bibliothèque avec une grande salle de lecture, un coin enfants et des archives sera créée, en haut un café avec terrasse sur le toit.',
  'Les coûts s’élèvent à 8,5 millions de francs.',
  'L’opposition avait exigé un projet moins coûteux.',
  'Aucune votation populaire n’est prévue.',
];
const FR_MT_DE = [
  'Der Gemeinderat hat am Mittwoch den Umbau des alten Bahnhofs genehmigt.',
  'Die Arbeiten beginnen im Frühling und dauern zwei Jahre.',
  'Das Erdgeschoss wird eine Bibliothek mit einem grossen Lesesaal, einer Kinderecke und einem Archiv beherbergen.',
  'Mit einem Café auf dem Dach erreichen die Kosten 8,5 Millionen Franken.',
  'Die Opposition hatte einen günstigeren Entwurf verlangt.',
  'Eine Volksabstimmung ist nicht vorgesehen.',
];
const input = { src: DE, tgt: FR, srcMt: DE_MT_FR, tgtMt: FR_MT_DE };
const ONE_TO_ONE = DE.map((_, k) => ({ src: [k], tgt: [k] }));

// Timetable lines: neighbours share most of their words both ways, and nothing crosses.
const TRAINS_DE = ['Der Zug nach Bern fährt um 8 Uhr auf Gleis 3.', 'Der Zug nach Basel fährt um 9 Uhr auf Gleis 4.', 'Der Zug nach Genf fährt um 10 Uhr auf Gleis 5.'];
const TRAINS_FR = ['Le train pour Berne part à 8 heures du quai 3.', 'Le train pour Bâle part à 9 heures du quai 4.', 'Le train pour Genève part à 10 heures du quai 5.'];
const TRAINS_DE_MT = ['Le train pour Berne part à 8 heures de la voie 3.', 'Le train pour Bâle part à 9 heures de la voie 4.', 'Le train pour Genève part à 10 heures de la voie 5.'];
const TRAINS_FR_MT = ['Der Zug nach Bern fährt um 8 Uhr vom Gleis 3.', 'Der Zug nach Basel fährt um 9 Uhr vom Gleis 4.', 'Der Zug nach Genf fährt um 10 Uhr vom Gleis 5.'];

describe('crossing pass', () => {
  it('merges two beads when one side of a boundary is rendered across it', () => {
    // Without the pass the moved clause is too short for the search to pay for a 2-2 bead.
    const off = alignParallel(input, { crossingAbove: 0 });
    expect(spans(off)).toEqual(ONE_TO_ONE);
    const on = alignParallel(input, { crossingAbove: 0.1 });
    checkCoverage(on, DE.length, FR.length);
    expect(spans(on)).toEqual([...ONE_TO_ONE.slice(0, 2), { src: [2, 3], tgt: [2, 3] }, ...ONE_TO_ONE.slice(4)]);
    const merged = on.find((b) => b.src.length === 2)!;
    expect(merged.confidence).toBeGreaterThan(0);
    expect(merged.confidence).toBeLessThan(1);
  });

  it('leaves neighbours alone that resemble each other both ways', () => {
    const beads = alignParallel({ src: TRAINS_DE, tgt: TRAINS_FR, srcMt: TRAINS_DE_MT, tgtMt: TRAINS_FR_MT }, { crossingAbove: 0.1 });
    expect(spans(beads)).toEqual(TRAINS_DE.map((_, k) => ({ src: [k], tgt: [k] })));
  });

  it('is off without MT unless asked for', () => {
    const plain = { src: DE, tgt: FR };
    expect(alignParallel(plain)).toEqual(alignParallel(plain, { crossingAbove: 0 }));
  });

  it('keeps the shapes a caller limits', () => {
    const beads = alignParallel(input, { crossingAbove: 0.1, maxBeadSize: 3, maxSide: 2 });
    checkCoverage(beads, DE.length, FR.length);
    for (const b of beads) expect(b.src.length + b.tgt.length).toBeLessThanOrEqual(3);
  });
});
