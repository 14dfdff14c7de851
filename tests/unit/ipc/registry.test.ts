import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/registry';
import { isTrustedSender, registerIpcHandlers } from '../../../src/main/ipc/electronIpc';
import { CHANNELS } from '../../../src/shared/ipc/contract';
import { AppError } from '../../../src/shared/ipc/envelope';

const settings = {
  workstationId: 'ws-1',
  workstationPrefix: 'N2',
  siteId: 'main',
  clinic: { name: 'Test Clinic', address: '', phone: '', timeZone: 'America/Chicago', npi: '', taxId: '', demo: false },
  sync: null,
  receiptPrinter: null,
  documentPrinter: null,
  labelPrinter: null,
  labelStock: '2.25x1.25in' as const,
  printCopies: { receipt: 1, document: 1, label: 1 },
  pdfOnlyKinds: [],
  receiptPaper: 'thermal-80mm' as const,
  documentPaper: 'letter' as const,
  receiptAutoPrint: true,
  lockMinutes: 5,
  syncMode: { kind: 'live' as const },
  setupComplete: true,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  return {
    'app:info': () => ({ host: 'web', version: '1.0.0' }),
    'settings:get': () => settings,
    'settings:setClinic': unused,
    'settings:setWorkstation': unused,
    'settings:setReceiptPrinter': unused,
    'settings:setDocumentPrinter': unused,
    'settings:setSync': unused,
    'settings:setSyncMode': unused,
    'numbers:next': () => ({ value: 'N2-000001' }),
    'sync:fetch': unused,
    'sync:abort': () => ({}),
    'sync:connectivity': unused,
    'sync:check': unused,
    'print:receipt': unused,
    'print:daySchedule': unused,
    'print:appointmentCard': unused,
    'print:reminderList': unused,
    'print:form': unused,
    'print:statement': unused,
    'print:send': unused,
    'print:printers': unused,
    'print:testPage': unused,
    'print:daySheet': unused,
    'print:visitSummary': unused,
    'print:list': () => [],
    'print:reprint': unused,
    'print:openFolder': unused,
    'print:jobs': unused,
    'print:labels': unused,
    'print:cardCopy': unused,
    'print:formPacket': unused,
    'print:signedForm': unused,
    'print:formPreview': unused,
    'settings:setLabelPrinter': unused,
    'settings:setPrintOptions': unused,
    'print:cancelJob': unused,
    'print:retryJob': unused,
    'print:moveJob': unused,
    'settings:setLockMinutes': unused,
    'setup:complete': unused,
    'auth:hashSecret': unused,
    'auth:verify': unused,
    'auth:signOut': unused,
    'files:saveExport': unused,
    'keys:database': unused,
    'settings:adoptClinicProfile': unused,
    'demo:seedRequest': () => null,
    'demo:seedDone': unused,
    ...overrides,
  };
}

const quiet = { error: vi.fn() };
const ctx = { transport: 'web' as const };

describe('dispatcher', () => {
  it('answers a valid request with its value', async () => {
    const dispatch = createDispatcher(handlers(), quiet);
    expect(await dispatch('numbers:next', { kind: 'receipt' }, ctx)).toEqual({ ok: true, value: { value: 'N2-000001' } });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const dispatch = createDispatcher(handlers(), quiet);
    const result = await dispatch('fs:readFile', { path: '/etc/passwd' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses an inherited property name as a channel', async () => {
    const dispatch = createDispatcher(handlers(), quiet);
    expect(await dispatch('constructor', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses an invalid request before the handler runs', async () => {
    const next = vi.fn(() => ({ value: 'N2-000001' }));
    const dispatch = createDispatcher(handlers({ 'numbers:next': next }), quiet);
    const result = await dispatch('numbers:next', { kind: 'invoice' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(next).not.toHaveBeenCalled();
  });

  it('refuses extra fields on a strict request', async () => {
    const dispatch = createDispatcher(handlers(), quiet);
    expect(await dispatch('settings:get', { sneaky: true }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('maps an AppError to its code and message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'numbers:next': () => {
          throw new AppError('CONFLICT', 'Prefix already used');
        },
      }),
      quiet,
    );
    expect(await dispatch('numbers:next', { kind: 'mrn' }, ctx)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Prefix already used' } });
  });

  it('hides the details of an unexpected error behind INTERNAL and logs them', async () => {
    const logger = { error: vi.fn() };
    const dispatch = createDispatcher(
      handlers({
        'numbers:next': () => {
          throw new Error('disk path /home/x/secret');
        },
      }),
      logger,
    );
    const result = await dispatch('numbers:next', { kind: 'mrn' }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/home/x/secret');
    expect(logger.error).toHaveBeenCalled();
  });

  it('refuses a response that breaks its schema', async () => {
    const dispatch = createDispatcher(handlers({ 'numbers:next': () => ({ value: 'not-a-number' }) }), quiet);
    expect(await dispatch('numbers:next', { kind: 'mrn' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_RESPONSE' } });
  });

  it('makes a missing handler a compile error', () => {
    // @ts-expect-error every channel of the contract needs a handler
    const incomplete: Handlers = { 'app:info': () => ({ host: 'web', version: '1' }) };
    expect(incomplete).toBeDefined();
  });
});

describe('Electron IPC sender check', () => {
  const trusted = ['app://clinicdesk', 'http://localhost:5173'];

  it.each([
    ['the app page', { url: 'app://clinicdesk/index.html', isMainFrame: true }, true],
    ['the dev server', { url: 'http://localhost:5173/', isMainFrame: true }, true],
    ['another site', { url: 'https://evil.example/', isMainFrame: true }, false],
    ['a look-alike host', { url: 'app://clinicdesk.evil/index.html', isMainFrame: true }, false],
    ['a subframe of the app', { url: 'app://clinicdesk/index.html', isMainFrame: false }, false],
    ['a file URL', { url: 'file:///etc/passwd', isMainFrame: true }, false],
    ['no URL', { url: undefined, isMainFrame: true }, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isTrustedSender(sender, trusted)).toBe(expected);
  });

  it('registers every channel and refuses a forbidden sender without dispatching', async () => {
    const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = { handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) => registered.set(channel, fn) };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: {} }));
    registerIpcHandlers(ipcMain as never, dispatch, trusted);
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());

    const evil = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const answer = await registered.get('settings:get')!(evil, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(dispatch).not.toHaveBeenCalled();

    const good = { senderFrame: { url: 'app://clinicdesk/index.html', parent: null } };
    await registered.get('settings:get')!(good, {});
    expect(dispatch).toHaveBeenCalledWith('settings:get', {}, { transport: 'electron' });
  });
});
