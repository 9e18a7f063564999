import { describe, expect, it } from 'vitest';
import { identifyLanguage } from '../../../../core/text/langid';

// Our own short texts on one theme, so only the language differs.
const TEXTS: Record<string, string> = {
  nb: 'Regjeringen har bestemt at det skal brukes mer penger på helse. Det sier statsministeren etter møtet i går. Hun mener at det er nødvendig fordi mange av de eldre ikke får den hjelpen de trenger. Opposisjonen kritiserer forslaget og sier at det kommer for sent. Det har lenge vært diskusjon om hvordan pengene skal fordeles mellom kommunene.',
  da: 'Regeringen har besluttet, at der skal bruges flere penge på sundhed. Det siger statsministeren efter mødet i går. Hun mener, at det er nødvendigt, fordi mange af de ældre ikke får den hjælp, de har brug for. Oppositionen kritiserer forslaget og siger, at det kommer for sent. Der har længe været diskussion om, hvordan pengene skal fordeles mellem kommunerne.',
  sv: 'Regeringen har beslutat att mer pengar ska användas till vården. Det säger statsministern efter mötet i går. Hon menar att det är nödvändigt eftersom många av de äldre inte får den hjälp de behöver. Oppositionen kritiserar förslaget och säger att det kommer för sent.',
  nn: 'Regjeringa har bestemt at det skal brukast meir pengar på helse. Det seier statsministeren etter møtet i går. Ho meiner at det er naudsynt fordi mange av dei eldre ikkje får den hjelpa dei treng. Opposisjonen kritiserer forslaget og seier at det kjem for seint.',
  en: 'The government has decided that more money will be spent on health. The prime minister said so after the meeting yesterday. She believes it is necessary because many of the elderly do not get the help they need. The opposition criticises the proposal and says that it comes too late.',
  nl: 'De regering heeft besloten dat er meer geld naar de gezondheidszorg gaat. Dat zei de premier na de vergadering van gisteren. Zij vindt het nodig omdat veel ouderen niet de hulp krijgen die ze nodig hebben. De oppositie bekritiseert het voorstel en zegt dat het te laat komt.',
  fi: 'Hallitus on päättänyt, että terveydenhuoltoon käytetään enemmän rahaa. Pääministeri sanoi tämän eilisen kokouksen jälkeen. Hänen mukaansa se on välttämätöntä, koska monet vanhukset eivät saa tarvitsemaansa apua. Oppositio arvostelee ehdotusta ja sanoo, että se tulee liian myöhään.',
  de: 'Die Regierung hat beschlossen, dass mehr Geld für die Gesundheit ausgegeben wird. Das sagte der Ministerpräsident nach der Sitzung gestern. Sie meint, dass es nötig ist, weil viele ältere Menschen nicht die Hilfe bekommen, die sie brauchen.',
  fr: 'Le gouvernement a décidé que plus d’argent sera consacré à la santé. Le premier ministre l’a dit après la réunion d’hier. Elle estime que c’est nécessaire parce que beaucoup de personnes âgées ne reçoivent pas l’aide dont elles ont besoin.',
};

describe('language identification', () => {
  for (const [lang, text] of Object.entries(TEXTS)) {
    it(`identifies ${lang}`, () => {
      const guess = identifyLanguage(text);
      expect(guess.lang).toBe(lang);
      expect(guess.confidence).toBeGreaterThan(0.5);
    });
  }

  it('tells the Scandinavian languages apart with a clear margin', () => {
    for (const lang of ['nb', 'da', 'sv']) {
      const [best, second] = identifyLanguage(TEXTS[lang]).scores;
      expect(best.lang).toBe(lang);
      expect(best.score - second.score).toBeGreaterThan(10);
    }
  });

  it('identifies scripts and says "und" when there is no text', () => {
    expect(identifyLanguage('Пароход сел на мель у острова, все пассажиры спасены.').lang).toBe('ru');
    expect(identifyLanguage('السفينة جنحت قرب الجزيرة وتم إنقاذ جميع الركاب').lang).toBe('ar');
    expect(identifyLanguage('フェリーが島の近くで座礁した').lang).toBe('ja');
    expect(identifyLanguage('12345 !!! ---').lang).toBe('und');
  });
});
