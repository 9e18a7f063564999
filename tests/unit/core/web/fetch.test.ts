import { describe, expect, it } from 'vitest';
import { describeNetworkError, isUrl, normalizeUrl } from '../../../../core/web/fetch';

describe('web addresses and network failures', () => {
  it('accepts http and https, drops the #fragment, and refuses anything else with the reason', () => {
    expect(normalizeUrl(' https://www.avisa.example/nyheter/ferja#kommentarer ')).toBe('https://www.avisa.example/nyheter/ferja');
    expect(() => normalizeUrl('file:///etc/passwd')).toThrow(/only http and https/);
    expect(() => normalizeUrl('javascript:alert(1)')).toThrow(/only http and https/);
    expect(() => normalizeUrl('not an address')).toThrow(/is not a web address/);
    expect(isUrl('ftp://x/y')).toBe(true);
    expect(isUrl('C:\\pages\\a.html')).toBe(false);
    expect(isUrl('pages/a.html')).toBe(false);
  });

  it('says in words what a failed connection means (the errors undici reports as the cause)', () => {
    const url = new URL('https://nyheter.avisa.example/sak');
    const fail = (code: string) => describeNetworkError(Object.assign(new TypeError('fetch failed'), { cause: { code, message: code } }), url, 30_000, false).message;
    expect(fail('ENOTFOUND')).toBe('the host name nyheter.avisa.example could not be found (DNS)');
    expect(fail('ECONNREFUSED')).toBe('nyheter.avisa.example refused the connection');
    expect(fail('CERT_HAS_EXPIRED')).toMatch(/certificate that cannot be trusted/);
    expect(describeNetworkError(new Error('aborted'), url, 30_000, true).message).toBe('no complete answer from nyheter.avisa.example within 30 s (timeout)');
  });
});
