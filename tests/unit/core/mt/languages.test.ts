import { describe, expect, it, vi } from 'vitest';
import { LanguageListCache, fromDeepLCode, toDeepLSource, toDeepLTarget } from '../../../../core/mt';

describe('toDeepLSource', () => {
  it.each([
    ['no', 'NB'], ['nb', 'NB'], ['nb-NO', 'NB'], ['en', 'EN'], ['en-US', 'EN'], ['nl', 'NL'], ['sv', 'SV'],
    ['fi', 'FI'], ['da', 'DA'], ['de', 'DE'], ['fr', 'FR'], ['pt-BR', 'PT'], ['zh-Hant', 'ZH'], ['NB', 'NB'], ['de_AT', 'DE'],
  ])('%s → %s', (code, expected) => {
    expect(toDeepLSource(code)).toBe(expected);
  });

  it.each(['nn', 'is', 'se', 'fo', 'xx', '', 'not a code'])('%s is left to detection', (code) => {
    expect(toDeepLSource(code)).toBeNull();
  });

  it('accepts languages the live list knows about', () => {
    expect(toDeepLSource('vi')).toBeNull();
    expect(toDeepLSource('vi', ['de', 'vi'])).toBe('VI');
    expect(toDeepLSource(null)).toBeNull();
  });
});

describe('toDeepLTarget', () => {
  it.each([
    ['en', 'EN-GB'], ['en-US', 'EN-US'], ['en-GB', 'EN-GB'], ['en-AU', 'EN-GB'], ['EN-US', 'EN-US'],
    ['pt', 'PT-PT'], ['pt-BR', 'PT-BR'], ['zh', 'ZH-HANS'], ['zh-TW', 'ZH-HANT'], ['zh-Hant', 'ZH-HANT'],
    ['no', 'NB'], ['nb', 'NB'], ['de', 'DE'], ['sv', 'SV'], ['fi', 'FI'], ['nl', 'NL'], ['da', 'DA'],
  ])('%s → %s', (code, expected) => {
    expect(toDeepLTarget(code)).toBe(expected);
  });

  it('honours the preferred English and Portuguese variants', () => {
    expect(toDeepLTarget('en', { english: 'EN-US' })).toBe('EN-US');
    expect(toDeepLTarget('pt', { portuguese: 'PT-BR' })).toBe('PT-BR');
  });

  it('returns null for unsupported targets', () => {
    expect(toDeepLTarget('nn')).toBeNull();
    expect(toDeepLTarget('is')).toBeNull();
  });
});

describe('fromDeepLCode', () => {
  it('uses BCP-47 casing', () => {
    expect(fromDeepLCode('NB')).toBe('nb');
    expect(fromDeepLCode('EN-US')).toBe('en-US');
    expect(fromDeepLCode('zh-HANS')).toBe('zh-Hans');
  });
});

describe('LanguageListCache', () => {
  it('fetches once within the lifetime, shares concurrent calls and forgets failures', async () => {
    let t = 0;
    const provider = {
      sourceLanguages: vi.fn(async () => [{ code: 'nb', name: 'Norwegian' }]),
      targetLanguages: vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue([{ code: 'de', name: 'German' }]),
    };
    const cache = new LanguageListCache(provider, 1000, () => t);
    await Promise.all([cache.sourceLanguages(), cache.sourceLanguages()]);
    expect(provider.sourceLanguages).toHaveBeenCalledTimes(1);
    t = 999;
    await cache.sourceLanguages();
    expect(provider.sourceLanguages).toHaveBeenCalledTimes(1);
    t = 1000;
    await cache.sourceLanguages();
    expect(provider.sourceLanguages).toHaveBeenCalledTimes(2);

    await expect(cache.targetLanguages()).rejects.toThrow('down');
    await Promise.resolve();
    expect(await cache.targetLanguages()).toEqual([{ code: 'de', name: 'German' }]);
    expect(provider.targetLanguages).toHaveBeenCalledTimes(2);
  });
});
