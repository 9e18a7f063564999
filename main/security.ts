/**
 * The window's security policy in one small module, free of Electron imports
 * so that it is unit-tested here, where Electron cannot launch.
 */
export { CONTENT_SECURITY_POLICY } from '../common/security';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  spellcheck: boolean;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The app page is a file:// URL (packaged) or the dev server's origin; nothing else may load. */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  return target.origin === app.origin;
}

/** Navigation is allowed only to the app page itself (a reload); links never replace it. */
export function shouldAllowNavigation(url: string, appUrl: string): boolean {
  return isAppUrl(url, appUrl);
}

/** IPC messages are answered only when they come from the app page's main frame. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  if (!frameUrl || !isMainFrame) return false;
  return isAppUrl(frameUrl, appUrl);
}

export const DENY_ALL_PERMISSIONS = (): false => false;

/** Links that a user clicks open in the system browser only when they are plain web links. */
export function isExternalWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
