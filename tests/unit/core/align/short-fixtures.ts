import type { BeadSpan } from '../../../../core/align/types.js';

/**
 * Short texts without MT: the case where similarity statistics cannot be calibrated on the
 * text itself and length and bead shape have to carry the alignment.
 */

/** A short English report and its Dutch translation: one sentence split (1-2), two merged (2-1). */
export const EN_VILLAGE = [
  'The village lies at the end of a narrow valley, far from the main road.',
  'In winter the snow often closes the pass for weeks.',
  'Most families used to keep goats and a few cows.',
  'Today only three farms are still in use.',
  'The school closed in the seventies.',
  'The children now take the bus to town every morning, a journey of almost an hour.',
  'Tourism changed everything.',
  'An old inn was turned into a hotel with forty rooms.',
  'In summer, hikers fill the narrow streets.',
  'They come for the lakes.',
  'They come for the quiet.',
  'Not everyone is happy about this.',
  'The baker says that rents have doubled in ten years.',
  'Young people can hardly afford a flat any more.',
  'Many of them move away after their studies.',
  'The mayor hopes that a new cable car will bring jobs in winter too.',
  'The vote on the project will take place next spring.',
];

export const NL_VILLAGE = [
  'Het dorp ligt aan het einde van een smal dal, ver van de hoofdweg.',
  'In de winter sluit de sneeuw de pas vaak wekenlang af.',
  'De meeste gezinnen hielden vroeger geiten en een paar koeien.',
  'Vandaag zijn er nog maar drie boerderijen in gebruik.',
  'De school ging in de jaren zeventig dicht.',
  'De kinderen nemen nu elke ochtend de bus naar de stad.',
  'De rit duurt bijna een uur.',
  'Het toerisme veranderde alles.',
  'Een oude herberg werd omgebouwd tot een hotel met veertig kamers.',
  'In de zomer vullen wandelaars de smalle straatjes.',
  'Ze komen voor de meren en voor de rust.',
  'Niet iedereen is daar blij mee.',
  'De bakker zegt dat de huren in tien jaar verdubbeld zijn.',
  'Jongeren kunnen zich nauwelijks nog een appartement veroorloven.',
  'Velen van hen trekken na hun studie weg.',
  'De burgemeester hoopt dat een nieuwe kabelbaan ook in de winter banen zal opleveren.',
  'Over het project wordt volgend voorjaar gestemd.',
];

export const EN_NL_VILLAGE_GOLD: BeadSpan[] = [
  { src: [0], tgt: [0] },
  { src: [1], tgt: [1] },
  { src: [2], tgt: [2] },
  { src: [3], tgt: [3] },
  { src: [4], tgt: [4] },
  { src: [5], tgt: [5, 6] },
  { src: [6], tgt: [7] },
  { src: [7], tgt: [8] },
  { src: [8], tgt: [9] },
  { src: [9, 10], tgt: [10] },
  { src: [11], tgt: [11] },
  { src: [12], tgt: [12] },
  { src: [13], tgt: [13] },
  { src: [14], tgt: [14] },
  { src: [15], tgt: [15] },
  { src: [16], tgt: [16] },
];

/**
 * An English account and its Norwegian (Bokmål) translation, sentence by sentence, with no
 * numbers or names in common: only length and a few cognates relate the two sides.
 */
export const EN_FERRY = [
  'Every morning the ferry leaves the island before sunrise.',
  'On board there are mostly fishermen and a few teachers.',
  'The crossing takes forty minutes when the sea is calm.',
  'In autumn storms it can take twice as long, and sometimes the boat does not sail at all.',
  'Then the school on the mainland stays half empty.',
  'The captain has worked on this route for most of his life.',
  'He knows every rock under the surface.',
  'He says the sea has become more restless in recent years.',
  'Nobody on the island contradicts him.',
  'A bridge has been discussed for decades, but it would be far too expensive for so few people.',
  'So the ferry remains the only connection.',
  'When it is late, the whole island waits.',
  'When it arrives, people wave from the quay as if it had been away for weeks.',
  'In the evening it makes the last trip back, almost empty.',
];

export const NB_FERRY = [
  'Hver morgen forlater fergen øya før soloppgang.',
  'Om bord er det for det meste fiskere og noen få lærere.',
  'Overfarten tar førti minutter når sjøen er rolig.',
  'I høststormene kan den ta dobbelt så lang tid.',
  'Noen ganger går båten ikke i det hele tatt.',
  'Da står skolen på fastlandet halvtom.',
  'Kapteinen har arbeidet på denne ruten mesteparten av livet.',
  'Han kjenner hvert skjær under overflaten og sier at havet har blitt mer urolig de siste årene.',
  'Ingen på øya motsier ham.',
  'En bro har vært diskutert i flere tiår, men den ville blitt altfor dyr for så få mennesker.',
  'Fergen forblir derfor den eneste forbindelsen.',
  'Når den er forsinket, venter hele øya.',
  'Når den kommer, vinker folk fra kaia som om den hadde vært borte i flere uker.',
  'Om kvelden tar den den siste turen tilbake, nesten tom.',
];

export const EN_NB_FERRY_GOLD: BeadSpan[] = [
  { src: [0], tgt: [0] },
  { src: [1], tgt: [1] },
  { src: [2], tgt: [2] },
  { src: [3], tgt: [3, 4] },
  { src: [4], tgt: [5] },
  { src: [5], tgt: [6] },
  { src: [6, 7], tgt: [7] },
  { src: [8], tgt: [8] },
  { src: [9], tgt: [9] },
  { src: [10], tgt: [10] },
  { src: [11], tgt: [11] },
  { src: [12], tgt: [12] },
  { src: [13], tgt: [13] },
];

/** A three-paragraph article in English and Norwegian. */
export const EN_RAILWAY_PARAS = [
  'The old railway line along the fjord was built before the First World War. For decades it was the only link between the small coastal towns and the capital. Trains ran twice a day, in summer three times, and the journey took most of a day.',
  'When the new road opened, passenger numbers fell quickly. The line was closed a few years later.',
  'Today the old track is a cycle path. Every summer thousands of visitors ride from the harbour to the waterfall, stopping at the restored stations, where volunteers serve coffee and waffles and tell stories about the years when the trains still ran.',
];

export const NB_RAILWAY_PARAS = [
  'Den gamle jernbanelinjen langs fjorden ble bygget før første verdenskrig. I flere tiår var den den eneste forbindelsen mellom de små kystbyene og hovedstaden. Togene gikk to ganger om dagen, om sommeren tre ganger, og reisen tok nesten en hel dag.',
  'Da den nye veien åpnet, falt antallet passasjerer raskt. Linjen ble nedlagt noen år senere.',
  'I dag er den gamle traseen en sykkelvei. Hver sommer sykler tusenvis av besøkende fra havnen til fossen og stopper ved de restaurerte stasjonene, der frivillige serverer kaffe og vafler og forteller om årene da togene fortsatt gikk.',
];

/** The same Norwegian article with its first paragraph split in two. */
export const NB_RAILWAY_PARAS_SPLIT = [
  'Den gamle jernbanelinjen langs fjorden ble bygget før første verdenskrig. I flere tiår var den den eneste forbindelsen mellom de små kystbyene og hovedstaden.',
  'Togene gikk to ganger om dagen, om sommeren tre ganger, og reisen tok nesten en hel dag.',
  NB_RAILWAY_PARAS[1],
  NB_RAILWAY_PARAS[2],
];

/** A song whose refrain recurs verbatim on both sides. */
export const EN_SONG = [
  'The wind comes down from the mountain and shakes the old wooden door.',
  'Row, row, the boat is coming home.',
  'The nets are heavy with silver fish.',
  'Row, row, the boat is coming home.',
  'The harbour lights are burning late and the children are still awake.',
  'Row, row, the boat is coming home.',
  'Row, row, the boat is coming home.',
];

export const NL_SONG = [
  'De wind komt van de berg naar beneden en schudt aan de oude houten deur.',
  'Roei, roei, de boot komt thuis.',
  'De netten zijn zwaar van zilveren vis.',
  'Roei, roei, de boot komt thuis.',
  'De lichten in de haven branden laat en de kinderen zijn nog wakker.',
  'Roei, roei, de boot komt thuis.',
  'Roei, roei, de boot komt thuis.',
];
