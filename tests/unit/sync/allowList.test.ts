import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/ipc/envelope';
import { checkSyncRequest, databaseUrl, serverBase, type ClinicServer } from '../../../src/main/sync/allowList';

const SERVER: ClinicServer = { url: 'http://127.0.0.1:5984', dbPrefix: 'clinic' };
const BASE = 'http://127.0.0.1:5984';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a refusal');
}

describe('serverBase and databaseUrl: the configured server', () => {
  it('splits the address into origin and base path, without trailing slashes', () => {
    expect(serverBase('http://127.0.0.1:5984')).toEqual({ origin: 'http://127.0.0.1:5984', basePath: '' });
    expect(serverBase('https://couch.example.org/couch//')).toEqual({ origin: 'https://couch.example.org', basePath: '/couch' });
  });

  it.each([
    ['not a URL', 'couch.example.org'],
    ['another scheme', 'ftp://couch.example.org/'],
    ['credentials in the address', 'https://admin:pw@couch.example.org/'],
  ])('says NOT_CONFIGURED for %s', (_name, url) => {
    expect(codeOf(() => serverBase(url))).toBe('NOT_CONFIGURED');
  });

  it('names one clinic database under the base path, encoded', () => {
    expect(databaseUrl({ url: 'https://couch.example.org/couch/' }, 'clinic_patients')).toBe('https://couch.example.org/couch/clinic_patients');
    expect(databaseUrl({ url: BASE }, 'a/b')).toBe(`${BASE}/a%2Fb`);
  });
});

describe('checkSyncRequest: what a request addresses', () => {
  it.each([
    ['GET', `${BASE}/clinic_patients/`, { kind: 'database', db: 'clinic_patients' }],
    ['POST', `${BASE}/clinic_ledger/_bulk_docs`, { kind: 'endpoint', db: 'clinic_ledger', endpoint: '_bulk_docs' }],
    ['GET', `${BASE}/clinic_patients/a%2Fb`, { kind: 'document', db: 'clinic_patients', id: 'a/b' }],
    ['PUT', `${BASE}/clinic_patients/_local/checkpoint-1`, { kind: 'local', db: 'clinic_patients', id: 'checkpoint-1' }],
  ] as const)('%s %s', (method, url, target) => {
    expect(checkSyncRequest(url, method, SERVER).target).toEqual(target);
  });

  it('drops the fragment and keeps the query', () => {
    const { url } = checkSyncRequest(`${BASE}/clinic_patients/_changes?feed=normal&since=0#x`, 'GET', SERVER);
    expect(url.href).toBe(`${BASE}/clinic_patients/_changes?feed=normal&since=0`);
  });

  it.each([
    ['DELETE', `${BASE}/clinic_patients/_changes`],
    ['GET', `${BASE}/clinic_patients/_bulk_docs`],
    ['POST', `${BASE}/clinic_patients/doc1`],
    ['PUT', `${BASE}/clinic_patients/`],
  ])('refuses %s %s, which replication never sends', (method, url) => {
    expect(() => checkSyncRequest(url, method, SERVER)).toThrow(/is not part of replication/);
    expect(codeOf(() => checkSyncRequest(url, method, SERVER))).toBe('ORIGIN_REFUSED');
  });

  it('says NOT_CONFIGURED, not ORIGIN_REFUSED, when the configured address is unusable', () => {
    expect(codeOf(() => checkSyncRequest(`${BASE}/clinic_patients/`, 'GET', { url: 'nonsense', dbPrefix: 'clinic' }))).toBe('NOT_CONFIGURED');
  });
});
