import { describe, expect, it } from 'vitest';
import { compilePatterns, RedactionConfigError } from '../../src/privacy/config.js';
import { BUILTIN_PATTERNS } from '../../src/privacy/patterns.js';
import { createRedactor, createStreamRestorer } from '../../src/privacy/redact.js';

const key = Buffer.alloc(32, 7);
const redact = (text: string): string => createRedactor({ key }).redact(text);

/** Each pattern: texts it must redact (with what stays around it), and look-alikes it must leave. */
const CASES: { name: string; positive: [string, string][]; negative: string[] }[] = [
  {
    name: 'private-key',
    positive: [['key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- done', 'key: [REDACTED:private-key] done'], ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn (cut off)', '[REDACTED:private-key]']],
    negative: ['-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----', 'set PRIVATE KEY path in config'],
  },
  {
    name: 'jwt',
    positive: [['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok', 'token [REDACTED:jwt] ok']],
    negative: ['eyJhbGciOiJIUzI1NiJ9 alone', 'version 1.2.3'],
  },
  {
    name: 'anthropic-key',
    positive: [['ANTHROPIC key sk-ant-api03-abcdefghijklmnop_QRST-uvwx', 'ANTHROPIC key [REDACTED:anthropic-key]']],
    negative: ['sk-ant-short', 'the sk-ant- prefix'],
  },
  {
    name: 'openai-key',
    positive: [['OPENAI=sk-proj-abcdefghijklmnopqrstuvwx1234', 'OPENAI=[REDACTED:openai-key]'], ['sk-abcdefghijklmnopqrstuvwxyz012345', '[REDACTED:openai-key]']],
    negative: ['task-abcdefghijklmnopqrstuvwxyz', 'sk-short'],
  },
  {
    name: 'stripe-key',
    positive: [['stripe sk_live_51HxYzAbCdEfGhIj', 'stripe [REDACTED:stripe-key]'], ['rk_test_abcdefghij12 and whsec_abcdefghijklmnop1234', '[REDACTED:stripe-key] and [REDACTED:stripe-key]']],
    negative: ['pk_live_51HxYzAbCdEfGhIj is public', 'sk_live_short'],
  },
  {
    name: 'aws-access-key-id',
    positive: [['AKIAIOSFODNN7EXAMPLE', '[REDACTED:aws-access-key-id]'], ['role ASIAY34FZKBOKMUTVV7A used', 'role [REDACTED:aws-access-key-id] used']],
    negative: ['AKIAIOSFODNN7EXAMPL (too short)', 'XAKIAIOSFODNN7EXAMPLE'],
  },
  {
    name: 'github-token',
    positive: [[`ghp_${'a1B2'.repeat(9)}`, '[REDACTED:github-token]'], [`push with github_pat_${'x'.repeat(22)}_${'Y'.repeat(59)}`, 'push with [REDACTED:github-token]']],
    negative: ['ghp_short', 'github_pat_ docs'],
  },
  {
    name: 'gitlab-token',
    positive: [['glpat-abcdefghij0123456789', '[REDACTED:gitlab-token]']],
    negative: ['glpat-short'],
  },
  {
    name: 'slack-token',
    positive: [['xoxb-123456789012-abcdefghijkl', '[REDACTED:slack-token]']],
    negative: ['xoxb-1', 'xoxo hugs'],
  },
  {
    name: 'slack-webhook',
    positive: [['post to https://hooks.slack.com/services/T000/B000/XXXXXXXX now', 'post to [REDACTED:slack-webhook] now']],
    negative: ['https://hooks.slack.com/ docs page', 'https://slack.com/services/T000'],
  },
  {
    name: 'google-api-key',
    positive: [['AIzaSyA1234567890abcdefghijklmnopqrstuv', '[REDACTED:google-api-key]']],
    negative: ['AIzaShort'],
  },
  {
    name: 'npm-token',
    positive: [[`//registry.npmjs.org/:_authToken=npm_${'A1b2C3'.repeat(6)}`, '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]']],
    negative: ['npm_config_cache=/tmp', 'npm_short'],
  },
  {
    name: 'sentry-token',
    positive: [[`SENTRY sntrys_${'eyJpYXQiOjE3'.repeat(3)}`, 'SENTRY [REDACTED:sentry-token]'], [`sntryu_${'ab12'.repeat(16)}`, '[REDACTED:sentry-token]']],
    negative: ['sntrys_', 'sentry token docs'],
  },
  {
    name: 'sentry-dsn-key',
    positive: [['dsn https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42', 'dsn https://[REDACTED:sentry-dsn-key]@o1.ingest.sentry.io/42']],
    negative: ['https://o1.ingest.sentry.io/42', 'commit 0123456789abcdef0123456789abcdef01234567'],
  },
  {
    name: 'url-password',
    positive: [['postgres://shop:hunter2@db:5432/shop', 'postgres://shop:[REDACTED:url-password]@db:5432/shop'], ['mongodb+srv://app:p%40ss@c0.mongodb.net/x', 'mongodb+srv://app:[REDACTED:url-password]@c0.mongodb.net/x']],
    negative: ['https://shop.example:8443/api', 'postgres://db.internal:5432/shop'],
  },
  {
    name: 'authorization',
    positive: [['Authorization: Token abcdef123456', 'Authorization: Token [REDACTED:authorization]'], ['"authorization":"sekrit-value-1"', '"authorization":"[REDACTED:authorization]"']],
    negative: ['authorization failed for user', 'Authorization: [REDACTED:jwt]'],
  },
  {
    name: 'bearer',
    positive: [['curl -H "x: Bearer abcdefgh12345678"', 'curl -H "x: Bearer [REDACTED:bearer]"']],
    negative: ['the bearer of bad news', 'Bearer short'],
  },
  {
    name: 'basic-auth',
    positive: [['proxy sent Basic dXNlcjpwYXNzd29yZA==', 'proxy sent Basic [REDACTED:basic-auth]']],
    negative: ['basic auth is off', 'Basic setup'],
  },
  {
    name: 'secret-value',
    positive: [
      ['password=hunter2 user=bob', 'password=[REDACTED:secret-value] user=bob'],
      ['GET /cb?code=1&access_token=abc123&state=x', 'GET /cb?code=1&access_token=[REDACTED:secret-value]&state=x'],
      ['{"db_password": "two words"}', '{"db_password": "[REDACTED:secret-value]"}'],
      ["AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG'", "AWS_SECRET_ACCESS_KEY='[REDACTED:secret-value]'"],
      ['Server=db;User Id=app;Pwd=S3cr3t;', 'Server=db;User Id=app;Pwd=[REDACTED:secret-value];'],
      ['x-api-key: abcd1234', 'x-api-key: [REDACTED:secret-value]'],
    ],
    negative: ['author=Jane max_tokens=4096', 'tokens_used: 12', 'password reset email sent', 'the secret sauce'],
  },
  {
    name: 'card-number',
    positive: [['card 4111 1111 1111 1111 declined', 'card [REDACTED:card-number] declined'], ['5555555555554444', '[REDACTED:card-number]']],
    negative: ['order 4111111111111112', 'ts 1795057927000', '2026-11-19 03:12:07', 'id 12345678901234'],
  },
  {
    name: 'email',
    positive: [['mail jane.doe+x@customer.example now', 'mail [email#'], ['From: Bob <bob@shop.co.uk>', 'From: Bob <[email#']],
    negative: ['user@localhost', '@scope/package', 'express@4.21.1', 'shop-api@1.8.0'],
  },
  {
    name: 'ip',
    positive: [['from 10.0.4.17 to', 'from [ip#'], ['client 2001:db8::8a2e:370:7334 hit', 'client [ip#'], ['fe80:0:0:0:202:b3ff:fe1e:8329', '[ip#']],
    negative: ['version 1.2.3', '127.0.0.1', '::1', 'at 03:12:45', 'std::vector', 'oid 1.3.6.1.4.1', 'v1.2.3.4.5'],
  },
];

describe('redaction: every documented pattern', () => {
  it('has a test case for each built-in pattern', () => {
    expect(new Set(BUILTIN_PATTERNS.map((p) => p.name))).toEqual(new Set(CASES.map((c) => c.name)));
  });

  for (const { name, positive, negative } of CASES) {
    it(`${name}: redacts what it should`, () => {
      for (const [input, expected] of positive) {
        const out = redact(input);
        if (expected.endsWith('#')) expect(out.startsWith(expected), `${input} → ${out}`).toBe(true);
        else expect(out).toBe(expected);
        expect(out).not.toBe(input);
      }
    });
    it(`${name}: leaves look-alikes alone`, () => {
      for (const input of negative) expect(redact(input)).toBe(input);
    });
  }

  it('is idempotent, so redacting a prompt twice changes nothing', () => {
    const text = 'postgres://u:pw@h/db password=x Bearer abcdefgh12345678 jane@x.example 10.0.0.1 AKIAIOSFODNN7EXAMPLE';
    const r = createRedactor({ key });
    expect(r.redact(r.redact(text))).toBe(r.redact(text));
  });

  it('gives the same pseudonym to the same value and restores only pseudonyms', () => {
    const r = createRedactor({ key });
    const out = r.redact('10.0.0.7 and 10.0.0.7 and 10.0.0.8; token=abc12345');
    const [a, b, c] = out.match(/\[ip#[0-9a-f]{6}\]/g)!;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(r.restore(out)).toBe('10.0.0.7 and 10.0.0.7 and 10.0.0.8; token=[REDACTED:secret-value]');
  });

  it('redacts the literal API key whatever its shape, and every string of a request, keys included', () => {
    const r = createRedactor({ key, literals: ['proxy-key-1234567890'] });
    expect(r.redactDeep({ system: [{ text: 'key proxy-key-1234567890' }], n: 3, ok: true, ['jane@x.example']: 1 })).toEqual({
      system: [{ text: 'key [REDACTED:credential]' }],
      n: 3,
      ok: true,
      [r.redact('jane@x.example')]: 1,
    });
  });

  it('restores pseudonyms split across streamed chunks', () => {
    const r = createRedactor({ key });
    const pseudonym = r.redact('jane@x.example');
    const restorer = createStreamRestorer(r);
    const chunks = ['Mail ', pseudonym.slice(0, 5), pseudonym.slice(5), ' now [1] ok'];
    const out = chunks.map((c) => restorer.push(c)).join('') + restorer.flush();
    expect(out).toBe('Mail jane@x.example now [1] ok');
  });
});

describe('redaction config', () => {
  it('adds patterns from the config to the built-in list', () => {
    const extra = compilePatterns({ redact: { patterns: [{ name: 'customer-id', pattern: 'CUST-\\d{6}', flags: 'i' }] } }, '.triagerc.json');
    const r = createRedactor({ key, extra });
    expect(r.redact('cust-123456 and password=x')).toBe('[REDACTED:customer-id] and password=[REDACTED:secret-value]');
  });

  it('reports every problem with its path', () => {
    expect(() => compilePatterns({ redact: { patterns: [{ name: 'Bad Name', pattern: '' }] } }, 'rc')).toThrow(RedactionConfigError);
    expect(() => compilePatterns({ redact: { patterns: [{ name: 'bad', pattern: '(' }] } }, 'rc')).toThrow(/rc: redact\.patterns\[0\]\.pattern/);
    expect(() => compilePatterns({ redact: { patterns: [{ name: 'x', pattern: 'a', flags: 'g' }] } }, 'rc')).toThrow(/flags/);
  });
});
