import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realWorldDir } from '../helpers/shared-samples.js';
import { decodeAlertJson } from '../../src/alert/json-text.js';
import { parseAlert } from '../../src/alert/parse.js';
import { parseSentryApiEvent } from '../../src/alert/sentry-api.js';
import { AlertSchema } from '../../src/alert/schema.js';

/** Payloads copied from public sources (Sentry's docs, alerta-contrib, sentry-mcp); present on dev machines only. */
const REAL_WORLD = realWorldDir('sentry');
const present = existsSync(REAL_WORLD);
const files = present ? readdirSync(REAL_WORLD).filter((name) => name.endsWith('.json')) : [];
const load = (name: string): unknown => decodeAlertJson(readFileSync(join(REAL_WORLD, name)), name);

describe.skipIf(!present)('real-world Sentry payloads', () => {
  it('has payloads to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s parses into a valid alert', (name) => {
    const alert = parseAlert(load(name), { receivedAt: new Date('2030-01-01T00:00:00Z') });
    expect(AlertSchema.parse(alert)).toEqual(alert);
    expect(alert.source).toBe('sentry');
    expect(alert.firedAtSource).toBe('payload');
  });

  it.skipIf(!files.includes('api-issue-latest-event-sentry-mcp-fixture.json'))('an API event with its issue', () => {
    const alert = parseSentryApiEvent(
      load('api-issue-latest-event-sentry-mcp-fixture.json'),
      load('api-issue-details-sentry-mcp-fixture.json'),
    );
    expect(alert.ids).toMatchObject({ shortId: 'CLOUDFLARE-MCP-41', org: 'sentry-mcp-evals' });
    expect(alert.stacktrace.at(-1)?.function).toBe('Object.fetch');
  });
});
