import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';

/** The options of the app's main window. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'ClinicDesk',
    backgroundColor: '#f8f9fa',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Creates the main window, locks it to the app's origins and loads the renderer. */
export function openMainWindow(deps: {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  url: string;
  appOrigins: readonly string[];
}): BrowserWindow {
  const window = deps.createWindow(mainWindowOptions(deps.preloadPath));
  hardenWebContents(window.webContents, deps.appOrigins);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.url);
  return window;
}
