import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalWebLink, isTrustedSender, secureWebPreferences, shouldAllowNavigation } from '../../../main/security';

describe('window security policy', () => {
  it('isolates and sandboxes the renderer, with no Node in any frame', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload.endsWith('.cjs')).toBe(true);
  });

  it('allows navigation only to the app page itself', () => {
    const app = 'file:///opt/tandem/out/renderer/index.html';
    expect(shouldAllowNavigation(app, app)).toBe(true);
    expect(shouldAllowNavigation('https://example.org/', app)).toBe(false);
    expect(shouldAllowNavigation('file:///etc/passwd', app)).toBe(false);
    expect(shouldAllowNavigation('javascript:alert(1)', app)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(shouldAllowNavigation('http://localhost:5173/#/x', dev)).toBe(true);
    expect(shouldAllowNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('answers IPC only from the app page main frame', () => {
    const app = 'file:///opt/tandem/out/renderer/index.html';
    expect(isTrustedSender(app, true, app)).toBe(true);
    expect(isTrustedSender(app, false, app)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, app)).toBe(false);
    expect(isTrustedSender(undefined, true, app)).toBe(false);
  });

  it('opens only plain web links outside, and the CSP allows no remote origin', () => {
    expect(isExternalWebLink('https://deepl.com')).toBe(true);
    expect(isExternalWebLink('file:///etc/passwd')).toBe(false);
    expect(isExternalWebLink('smb://host/share')).toBe(false);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});
