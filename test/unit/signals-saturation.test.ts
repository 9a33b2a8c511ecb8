import { describe, expect, it } from 'vitest';
import { saturationHints } from '../../src/evidence/signals/saturation.js';

const template = (id: string, text: string, count = 10) => ({ id, template: text, sample: text, count });

describe('saturationHints', () => {
  it.each([
    ['connection-pool', 'HikariPool-1 - Connection is not available, request timed out after 30000ms.'],
    ['connection-pool', 'pg pool exhausted: 20 of 20 connections in use, 4 waiting'],
    ['connection-pool', 'FATAL: remaining connection slots are reserved for non-replication superuser connections'],
    ['connection-pool', 'sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00'],
    ['memory', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'],
    ['file-descriptors', 'Error: EMFILE: too many open files, open /srv/app/uploads/a.png'],
    ['disk', 'ENOSPC: no space left on device, write'],
    ['queue', 'RejectedExecutionException: rejected execution of task from thread pool'],
    ['rate-limit', '429 Too Many Requests from api.stripe.com'],
  ])('recognises %s in "%s"', (hint, text) => {
    expect(saturationHints([template('template:T1', text)]).map((entry) => entry.hint)).toContain(hint);
  });

  it('says nothing about ordinary lines', () => {
    expect(saturationHints([template('template:T1', 'request completed'), template('template:T2', 'user 42 logged in from the swimming pool page')])).toEqual([]);
  });

  it('cites the busiest template by ID and keeps one sample line apart', () => {
    const hints = saturationHints([
      template('template:T4', 'pool timeout after 5000 ms', 3),
      template('template:T2', 'pg pool exhausted: 20 of 20 connections in use', 40),
    ]);
    expect(hints).toEqual([{ hint: 'connection-pool', evidence: 'template:T2', sample: 'pg pool exhausted: 20 of 20 connections in use', count: 43 }]);
  });
});
