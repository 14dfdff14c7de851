import { describe, expect, it } from 'vitest';
import { describeReplicationError, isOwnAbort } from '../../../src/renderer/features/sync/replication';

/** The shape RxDB's CouchDB long-poll reports a failed `_changes` request in (RC_STREAM). */
const streamError = (inner: { name: string; message: string }) => ({ code: 'RC_STREAM', message: '\nRxDB Error-Code: RC_STREAM.', parameters: { args: { url: 'x' }, error: inner } });

describe('replication errors for the status bar', () => {
  it('reads the reason inside a stream error rather than RxDB’s error code', () => {
    expect(describeReplicationError(streamError({ name: 'PlatformError', message: 'Cannot reach the sync server: connection refused.' }))).toBe('Cannot reach the sync server: connection refused.');
  });

  it('does not report the long-polls this workstation cancelled itself', () => {
    expect(isOwnAbort(streamError({ name: 'PlatformError', message: 'The sync request was cancelled.' }))).toBe(true);
    expect(isOwnAbort(streamError({ name: 'AbortError', message: 'Aborted' }))).toBe(true);
    expect(isOwnAbort(streamError({ name: 'PlatformError', message: 'Cannot reach the sync server: no answer within 30 s.' }))).toBe(false);
    expect(isOwnAbort(new Error('other'))).toBe(false);
  });
});
