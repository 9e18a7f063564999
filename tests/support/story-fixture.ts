/**
 * Puts the invented storm story (tests/fixtures/story/storm.ts) into a
 * project: four originals in one story, with English translations of the
 * Norwegian and the Swedish report.
 */
import type { WorkbenchApi } from '../../common/api';
import { STORM_EN, STORM_FI, STORM_NB, STORM_NB_EN, STORM_SV, STORM_SV_EN, STORY } from '../fixtures/story/storm';
import { b64 } from './project';

export interface StormIds {
  nb: number;
  nbEn: number;
  en: number;
  sv: number;
  svEn: number;
  fi: number;
}

export async function importStorm(api: WorkbenchApi, story = STORY): Promise<StormIds> {
  const original = async (name: string, text: string, lang: string) => {
    const rep = await api.importArticles([{ name, base64: b64(text) }], { collection: story, lang, paragraphs: 'line' });
    if (rep.files[0].status !== 'imported') throw new Error(`${name}: ${rep.files[0].reason ?? rep.files[0].status}`);
    return rep.files[0].docId!;
  };
  const english = async (of: number, name: string, text: string) => {
    const rep = await api.importTranslation(of, { name, base64: b64(text) }, { lang: 'en', provider: 'agency', kind: 'human' });
    if (rep.status !== 'imported') throw new Error(`${name}: ${rep.reason ?? rep.status}`);
    return rep.docId!;
  };
  const nb = await original(`${story}-nb.txt`, STORM_NB, 'nb');
  const nbEn = await english(nb, `${story}-nb.en.txt`, STORM_NB_EN);
  const en = await original(`${story}-en.txt`, STORM_EN, 'en');
  const sv = await original(`${story}-sv.txt`, STORM_SV, 'sv');
  const svEn = await english(sv, `${story}-sv.en.txt`, STORM_SV_EN);
  const fi = await original(`${story}-fi.txt`, STORM_FI, 'fi');
  return { nb, nbEn, en, sv, svEn, fi };
}
