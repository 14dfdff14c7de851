import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { createMain } from './composition';
import { registerIpcHandlers, sendEvent } from './ipc/electronIpc';
import { createElectronPdfRenderer, createElectronPrinter } from './print/electronPdf';
import { safeStorageSecretBox } from './settings/secretBox';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentTypeOf, resolveStaticFile } from './window/appProtocol';
import { openMainWindow } from './window/mainWindow';
import { contentSecurityPolicy, hardenSession } from './window/security';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const appOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])];
const rendererDir = path.join(import.meta.dirname, '../renderer');
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  hardenSession(session.defaultSession, appOrigins);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveStaticFile(rendererDir, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      status: response.status,
      headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': contentSecurityPolicy() },
    });
  });

  const main = await createMain({
    host: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    secrets: safeStorageSecretBox(safeStorage),
    pdf: createElectronPdfRenderer({ createWindow: (o) => new BrowserWindow(o) }),
    printer: createElectronPrinter({ createWindow: (o) => new BrowserWindow(o) }),
    // Node's fetch, not net.fetch: the default session refuses every request outside the app.
    fetch: globalThis.fetch,
    openFolder: async (folder) => {
      const failure = await shell.openPath(folder);
      if (failure) throw new Error(failure);
    },
    broadcast: (name, payload) => {
      for (const window of BrowserWindow.getAllWindows()) sendEvent(window.webContents, name, payload);
    },
  });
  registerIpcHandlers(ipcMain, main.dispatch, appOrigins);

  const open = () =>
    openMainWindow({
      createWindow: (o) => new BrowserWindow(o),
      preloadPath,
      url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
      appOrigins,
    });
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('before-quit', () => void main.stop());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
