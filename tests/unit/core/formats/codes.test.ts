import { describe, expect, it } from 'vitest';
import { CODE_CHAR, codesOfEdit, joinCoded, sanitizeCode, sliceCodes, stripCodes, validateCodes, wellNestedPairs, type InlineCode } from '../../../../core/formats/index.js';

const { open: O, close: C, standalone: S } = CODE_CHAR;
// "Trykk ⟦Lagre⟧ nå.⬚ Så ⟦ferdig"
const text = `Trykk ${O}Lagre${C} nå.${S} Så ${O}ferdig`;
const codes: InlineCode[] = [
  { at: 6, kind: 'open', pair: 1, el: 'tmx:bpt', native: '<b>' },
  { at: 12, kind: 'close', pair: 1, el: 'tmx:ept', native: '</b>' },
  { at: 17, kind: 'standalone', el: 'tmx:ph', native: '<br/>' },
  { at: 22, kind: 'open', el: 'tmx:it', native: '<i>' },
];

describe('inline code placeholders', () => {
  it('are not letters or digits, so word counts and search ignore them', () => {
    for (const ch of Object.values(CODE_CHAR)) expect(/[\p{L}\p{N}]/u.test(ch)).toBe(false);
    expect(text.match(/[\p{L}\p{N}]+/gu)).toEqual(['Trykk', 'Lagre', 'nå', 'Så', 'ferdig']);
  });

  it('validate against the text they sit in', () => {
    expect(validateCodes(text, codes)).toBeNull();
    expect(validateCodes(text, [{ ...codes[0]!, at: 5 }])).toMatch(/no open placeholder at 5/);
    expect(validateCodes(text, [codes[1]!])).toMatch(/has no opening code/);
  });

  it('are left out of plain text, but literal look-alikes stay', () => {
    expect(stripCodes(text, codes)).toBe('Trykk Lagre nå. Så ferdig');
    expect(stripCodes(`a ${O} b`, [])).toBe(`a ${O} b`);
  });

  it('follow a sentence cut: a pair split by it becomes isolated codes', () => {
    expect(sliceCodes(codes, 0, 16)).toEqual([codes[0], codes[1]]);
    const cut = sliceCodes(codes, 8, 25)!;
    expect(cut.map((c) => [c.at, c.kind, c.pair])).toEqual([[4, 'close', undefined], [9, 'standalone', undefined], [14, 'open', undefined]]);
  });

  it('join with n:m links, pairs renumbered so they stay unique', () => {
    const joined = joinCoded([{ text, codes }, { text: `${O}x${C}`, codes: [{ at: 0, kind: 'open', pair: 1 }, { at: 2, kind: 'close', pair: 1 }] }]);
    expect(joined.text).toBe(`${text} ${O}x${C}`);
    expect(joined.codes!.map((c) => [c.at, c.pair])).toEqual([[6, 1], [12, 1], [17, undefined], [22, undefined], [text.length + 1, 2], [text.length + 3, 2]]);
  });

  it('survive a post-edit that moves or drops placeholders', () => {
    // The annotator moved the bold and deleted the line break.
    const edited = codesOfEdit(`${O}Trykk${C} Lagre nå. Så ${O}ferdig`, codes)!;
    expect(edited.map((c) => [c.at, c.kind, c.native, c.pair])).toEqual([
      [0, 'open', '<b>', 1],
      [6, 'close', '</b>', 1],
      [21, 'open', '<i>', undefined],
    ]);
    // A close typed before its open breaks the pair.
    expect(codesOfEdit(`${C}a${O}`, codes)!.every((c) => c.pair === undefined)).toBe(true);
  });

  it('tell which pairs nest properly', () => {
    const crossing: InlineCode[] = [
      { at: 0, kind: 'open', pair: 1 },
      { at: 1, kind: 'open', pair: 2 },
      { at: 2, kind: 'close', pair: 1 },
      { at: 3, kind: 'close', pair: 2 },
      { at: 4, kind: 'open', pair: 3 },
      { at: 5, kind: 'close', pair: 3 },
    ];
    expect([...wellNestedPairs(crossing)]).toEqual([3]);
  });

  it('from JSON keep only well-typed fields, never raw XML', () => {
    expect(sanitizeCode({ at: 1, kind: 'open', pair: 2, inner: '</seg>', attrs: { i: '1', 'bad name': 'x', n: 3 } })).toEqual({ at: 1, kind: 'open', pair: 2, attrs: { i: '1' } });
    expect(sanitizeCode({ at: 'x', kind: 'open' })).toBeNull();
  });
});
