import { describe, expect, it } from 'vitest';
import { foldName, namesMatch, NameClasses } from '../../../../core/align/names.js';
import { findNumbers } from '../../../../core/align/numbers.js';

const same = (a: string, b: string) => namesMatch(foldName(a), foldName(b));

describe('names across transliterations and inflection', () => {
  it('folds the usual Latin transliterations of one name together', () => {
    for (const group of [
      ['Tokajev', 'Toqajev', 'Tokayev', 'Tokaev'],
      ['Masimov', 'Massimov', 'Mäsimov'],
      ['Zelensky', 'Zelenskyj', 'Selenskyj', 'Zelenski'],
      ['Chruschtschow', 'Khrushchev'],
      ['Noersoeltan', 'Nursultan'],
      ['Kazachstan', 'Kazakhstan', 'Kasachstan'],
    ]) {
      for (const a of group) for (const b of group) expect(same(a, b), `${a} ~ ${b}`).toBe(true);
    }
  });

  it('matches inflected forms: Finnish case endings, Scandinavian genitives', () => {
    expect(same('Nazarbajevin', 'Nazarbayev')).toBe(true);
    expect(same('Tokajevs', 'Tokayev')).toBe(true);
    expect(same('Putinille', 'Putin')).toBe(true);
    expect(same('Kazakstanissa', 'Kazakhstan')).toBe(true);
  });

  it('keeps different names apart', () => {
    for (const [a, b] of [['Putin', 'Pompeo'], ['Tokyo', 'Tokayev'], ['Almaty', 'Almaz'], ['Moskva', 'Oslo'], ['Berg', 'Bergen'], ['Anna', 'Hanna']]) {
      expect(same(a, b), `${a} / ${b}`).toBe(false);
    }
  });

  it('joins matching keys into classes, and keys said to be one (an acronym and its translation)', () => {
    const c = new NameClasses();
    for (const w of ['Tokajev', 'Tokayev', 'Tokajevin', 'Putin', 'ODKB', 'CSTO']) c.add(foldName(w));
    c.join(foldName('ODKB'), foldName('CSTO'));
    c.build();
    const id = (w: string) => c.classId(foldName(w));
    expect(id('Tokajev')).toBe(id('Tokayev'));
    expect(id('Tokajevin')).toBe(id('Tokayev'));
    expect(id('ODKB')).toBe(id('CSTO'));
    expect(id('Putin')).not.toBe(id('Tokayev'));
    expect(id('Nobody')).toBe(-1);
  });
});

describe('numbers and dates in one form', () => {
  const keys = (t: string) => findNumbers(t).map((n) => n.key);

  it('reads one date whatever the language wrote', () => {
    for (const t of ['talen 7. januar', 'on 7 January', 'January 7th, at noon', 'am 7. Januar', 'den 7 januari', 'op 7 januari', 'tapahtui 7. tammikuuta', 'le 7 janvier', 'seminaari 7.1. alkoi']) {
      expect(keys(t), t).toContain('d:01-07');
    }
    expect(keys('2022-01-07')).toContain('d:01-07');
  });

  it('reads thousands separators of every convention as one number, and keeps decimals apart', () => {
    for (const t of ['2.500 soldaten', '2,500 soldiers', '2 500 soldater', '2500 troops']) expect(keys(t), t).toContain('n:2500');
    expect(keys('4,5 prosent')).toContain('n:4.5');
    expect(keys('4.5 percent')).toContain('n:4.5');
  });

  it('finds the month of a year and both days of a range', () => {
    expect(keys('maaliskuusta 2019 alkaen')).toEqual(expect.arrayContaining(['m:2019-03', 'n:2019']));
    expect(keys('angrepet 4. og 5. januar')).toEqual(expect.arrayContaining(['d:01-04', 'd:01-05']));
    expect(keys('the market opened')).toEqual([]);
  });

  it('reads an ISO year-month as the month of that year, not as two numbers', () => {
    // A Finnish dateline and a Danish "november 2021" name one month.
    expect(keys('päivitetty 2021-11').sort()).toEqual(['m:2021-11', 'n:2021']);
    expect(keys('i november 2021')).toContain('m:2021-11');
    expect(keys('zie 2021-11-05')).toEqual(expect.arrayContaining(['d:11-05', 'n:2021']));
    expect(keys('zie 2021-11-05')).not.toContain('m:2021-11');
    expect(keys('van 2019-2021')).toEqual(['n:2019', 'n:2021']);
    expect(keys('code 2021-13')).not.toContain('m:2021-13');
  });

  it('gives offsets that cut the text where the number or date is', () => {
    const t = 'Ordene ble sagt 7. januar foran 2.500 mennesker.';
    for (const n of findNumbers(t)) expect(['7. januar', '2.500']).toContain(t.slice(n.start, n.end));
  });
});
