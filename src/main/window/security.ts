import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * The web preferences of every app window. Each line is one item of Electron's security checklist;
 * tests assert them so that a change here is a deliberate one.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/**
 * The renderer's Content Security Policy. In the desktop app the renderer connects nowhere: all
 * network traffic goes through main. The Node host adds only its own WebSocket.
 */
export function contentSecurityPolicy(options: { connectSrc?: readonly string[] } = {}): string {
  const connect = options.connectSrc && options.connectSrc.length > 0 ? options.connectSrc.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine writes its theme variables into <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Permissions the app uses. Everything else (camera, geolocation, notifications…) is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Decides a permission request: only what the app uses, and only for its own pages. */
export function isPermissionAllowed(permission: string, requestingUrl: string, appOrigins: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && appOrigins.some((o) => requestingUrl.startsWith(`${o}/`));
}

/** True when a navigation target stays inside the app; everything else is refused. */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    const origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
    return appOrigins.includes(origin);
  } catch {
    return false;
  }
}

/** Applies the session-wide rules: permissions, CSP header, and no requests outside the app. */
export function hardenSession(session: Session, appOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigins));
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, `${requestingOrigin}/`, appOrigins),
  );
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url, appOrigins) || details.url.startsWith('devtools:') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
  const csp = contentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/** Denies navigation away from the app, new windows and webviews for one window's contents. */
export function hardenWebContents(contents: WebContents, appOrigins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigins)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
