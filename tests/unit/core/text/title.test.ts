import { describe, expect, it } from 'vitest';
import { chooseTitle, isDateLine, isMetadataLine, stripLeadingDate } from '../../../../core/text/title';

describe('document titles', () => {
  it('skips a dateline above the headline, in several languages', () => {
    for (const date of ['Tuesday, March 8, 2022', 'tirsdag 8. mars 2022', '8. März 2022, 14:30 Uhr', 'Publié le 8 mars 2022 à 10h12', '2022-03-08', 'Updated 08.03.2022 kl. 10.45', '8 марта 2022', 'tiistai 8. maaliskuuta 2022']) {
      expect(isDateLine(date), date).toBe(true);
      expect(chooseTitle([date, 'Storm closes the harbour for a second day', 'Body text follows here.'], 'en'), date).toBe('Storm closes the harbour for a second day');
    }
  });

  it('does not take a headline that mentions a date for a dateline', () => {
    expect(isDateLine('Elections set for 8 March 2022 after months of talks')).toBe(false);
    expect(chooseTitle(['Elections set for 8 March 2022 after months of talks', 'Body.'], 'en')).toBe('Elections set for 8 March 2022 after months of talks');
  });

  it('skips bylines, credits, section labels and stray numbers', () => {
    for (const line of ['By Anna Berg', 'Av Kari Nordmann, NTB', 'Von Hans Müller', 'Foto: Per Hansen', '© Reuters', 'Analysis', '0', '12']) {
      expect(isMetadataLine(line), line).toBe(true);
    }
    expect(chooseTitle(['0', 'By Anna Berg', 'Ferry runs aground off the island', 'Text.'], 'en')).toBe('Ferry runs aground off the island');
  });

  it('cuts a date stamp off the front of the text, and takes the lede\'s first sentence when there is no headline', () => {
    const lede = 'date 2022-03 Lautta ajoi karille saaren edustalla tänä aamuna. Poliisin mukaan kukaan ei loukkaantunut, ja matkustajat vietiin satamaan.';
    expect(stripLeadingDate(lede)).toMatch(/^Lautta ajoi/);
    expect(chooseTitle([lede, 'Toinen kappale.'], 'fi')).toBe('Lautta ajoi karille saaren edustalla tänä aamuna.');
    // A sentence that starts with a date keeps it.
    expect(stripLeadingDate('On 8 March 2022 the ferry ran aground off the island.')).toBe('On 8 March 2022 the ferry ran aground off the island.');
  });

  it('keeps a declared title unless it is metadata, and shortens long ones at a word', () => {
    expect(chooseTitle(['Body text here.'], 'en', 'Ferry aground')).toBe('Ferry aground');
    expect(chooseTitle(['Ferry runs aground off the island', 'Body.'], 'en', 'Monday, March 7, 2022')).toBe('Ferry runs aground off the island');
    const long = `${'word '.repeat(60)}end`;
    const title = chooseTitle([long], 'en');
    expect(title.length).toBeLessThanOrEqual(160);
    expect(title.endsWith('…')).toBe(true);
    expect(title).not.toMatch(/ …$/);
  });
});
