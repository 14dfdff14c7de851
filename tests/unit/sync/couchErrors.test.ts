import { describe, expect, it } from 'vitest';
import { authRefusedMessage, couchReason, describeNetworkError, formatDuration, isAuthRefusal } from '../../../src/main/sync/couchErrors';

describe("couchReason: the server's own words", () => {
  it("takes CouchDB's reason, else its error", () => {
    expect(couchReason('{"error":"unauthorized","reason":"Name or password is incorrect."}')).toBe('Name or password is incorrect.');
    expect(couchReason('{"error":"forbidden"}')).toBe('forbidden');
    expect(couchReason('{"error":"forbidden","reason":""}')).toBe('forbidden');
  });

  it("falls back to the body's first 200 characters, trimmed, and to null for an empty body", () => {
    expect(couchReason('  <html>Bad gateway</html>\n')).toBe('<html>Bad gateway</html>');
    expect(couchReason('x'.repeat(300))).toBe('x'.repeat(200));
    expect(couchReason('{}')).toBe('{}');
    expect(couchReason('   ')).toBeNull();
  });

  it('words a refused sign-in with or without a reason', () => {
    expect(authRefusedMessage(401, 'Name or password is incorrect.')).toBe(
      "The server refused this workstation's password (401: Name or password is incorrect.). Ask your manager to re-enter it in Settings.",
    );
    expect(authRefusedMessage(403, null)).toBe("The server refused this workstation's password (403). Ask your manager to re-enter it in Settings.");
    expect(authRefusedMessage(401, 'Account is temporarily locked due to multiple authentication failures')).toMatch(/locked this workstation's account for a few minutes/);
  });
});

describe('isAuthRefusal: the account, or one document', () => {
  it.each([
    [401, 'GET', null, true],
    [401, 'PUT', 'anything', true],
    [403, 'GET', 'You are not allowed to access this db.', true],
    [403, 'HEAD', null, true],
    [403, 'POST', 'Account is temporarily locked due to multiple authentication failures', true],
    [403, 'PUT', null, true],
    [403, 'PUT', 'Ledger entries are append-only: record a void or refund instead', false],
    [403, 'DELETE', 'Only a manager may delete this', false],
    [404, 'GET', 'missing', false],
    [500, 'GET', null, false],
  ] as const)('%i on %s (%s): %s', (status, method, reason, expected) => {
    expect(isAuthRefusal(status, method, reason)).toBe(expected);
  });
});

describe('network errors and durations in words', () => {
  it('formats milliseconds below a second, whole seconds above', () => {
    expect(formatDuration(20)).toBe('20 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1000)).toBe('1 s');
    expect(formatDuration(1500)).toBe('2 s');
  });

  it("names a known code from fetch's cause, else the message", () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND couch.example.org'), { code: 'ENOTFOUND' });
    expect(describeNetworkError(new TypeError('fetch failed', { cause }))).toBe('the server name was not found (ENOTFOUND)');
    expect(describeNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe('the connection was reset (ECONNRESET)');
    const odd = Object.assign(new Error('something odd'), { code: 'EODD' });
    expect(describeNetworkError(new TypeError('fetch failed', { cause: odd }))).toBe('something odd');
    expect(describeNetworkError(new Error('plain failure'))).toBe('plain failure');
    expect(describeNetworkError('a string')).toBe('a string');
  });
});
