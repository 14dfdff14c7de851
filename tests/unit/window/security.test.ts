import { describe, expect, it, vi } from 'vitest';
import { resolveStaticFile } from '../../../src/main/window/appProtocol';
import { mainWindowOptions } from '../../../src/main/window/mainWindow';
import { contentSecurityPolicy, hardenSession, hardenWebContents, isPermissionAllowed, secureWebPreferences } from '../../../src/main/window/security';

const APP = ['app://clinicdesk'];

describe('window security', () => {
  it('uses the security checklist settings for the main window', () => {
    const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/app/preload/index.cjs'));
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
  });

  it('has a CSP that lets the desktop renderer connect nowhere and run only its own scripts', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('lets the web host connect only to its own WebSocket', () => {
    expect(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5174/ipc'] })).toContain('connect-src ws://127.0.0.1:5174/ipc;');
  });

  it.each([
    ['camera', 'app://clinicdesk/index.html', false],
    ['geolocation', 'app://clinicdesk/index.html', false],
    ['notifications', 'app://clinicdesk/index.html', false],
    ['clipboard-sanitized-write', 'app://clinicdesk/index.html', true],
    ['clipboard-sanitized-write', 'https://evil.example/', false],
  ])('permission %s from %s → %s', (permission, url, allowed) => {
    expect(isPermissionAllowed(permission, url, APP)).toBe(allowed);
  });

  it('denies navigation away from the app, new windows and webviews', () => {
    const handlers = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    hardenWebContents(contents as never, APP);

    const away = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(inside, 'app://clinicdesk/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('makes the session refuse requests outside the app and deny unknown permissions', () => {
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    let permissionRequest: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void) | null = null;
    const session = {
      setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
      setPermissionCheckHandler: vi.fn(),
      webRequest: {
        onBeforeRequest: (fn: typeof beforeRequest) => (beforeRequest = fn),
        onHeadersReceived: (fn: typeof headers) => (headers = fn),
      },
    };
    hardenSession(session as never, APP);

    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://couch.example.org/clinic_patients')).toBe(true);
    expect(verdict('app://clinicdesk/assets/index.js')).toBe(false);

    let answered: boolean | undefined;
    permissionRequest!(null, 'media', (ok) => (answered = ok), { requestingUrl: 'app://clinicdesk/index.html' });
    expect(answered).toBe(false);

    let out: Record<string, string[]> = {};
    headers!({ responseHeaders: {} }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']?.[0]).toContain("connect-src 'none'");
  });
});

describe('serving the renderer', () => {
  it.each([
    ['app://clinicdesk/', '/srv/renderer/index.html'],
    ['app://clinicdesk/assets/index.js', '/srv/renderer/assets/index.js'],
    ['app://clinicdesk/../secret.txt', '/srv/renderer/secret.txt'],
    ['app://clinicdesk/%2e%2e/%2e%2e/etc/passwd', '/srv/renderer/etc/passwd'],
    ['app://clinicdesk/..%2f..%2fetc%2fpasswd', null],
    ['app://other/index.html', null],
    ['app://clinicdesk/%00', null],
    ['app://clinicdesk/%E0%A4%A', null],
  ])('%s → %s', (url, expected) => {
    const resolved = resolveStaticFile('/srv/renderer', url, 'clinicdesk');
    expect(resolved).toBe(expected);
    if (resolved) expect(resolved.startsWith('/srv/renderer/')).toBe(true);
  });
});
