import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/evidence/logs/detect.js';
import { parseOneLine } from '../../src/evidence/logs/line-parser.js';

/**
 * Kubernetes ingress-nginx's default `upstreaminfo` log format (its documented
 * log-format-upstream): the combined format, then `$request_length $request_time
 * [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr
 * $upstream_response_length $upstream_response_time $upstream_status $req_id`. The request time
 * is in the middle; the last number on the line is an upstream field or the request id.
 */

const WINDOW_TO = Date.parse('2026-01-20T00:00:00Z');
const HEAD = '10.0.1.31 - - [19/Jan/2026:19:12:00 +0000]';
const LINES = [
  `${HEAD} "GET /api/recommendations/5376 HTTP/2.0" 200 301 "-" "Mozilla/5.0" 181 0.064 [shop-recs-api-80] [] 10.244.1.11:3000 301 0.063 200 7f2c0e5d1b8a4c39a6e4d0f2b1c3e5a7`,
  `10.0.2.7 - - [19/Jan/2026:19:12:01 +0000] "GET /api/products/4767?ref=home HTTP/1.1" 200 1204 "https://shop.example.com/" "Mozilla/5.0 (X11; Linux x86_64)" 412 1.204 [shop-products-80] [] 10.244.2.12:3000 1204 1.198 200 00000000000000000000000000000042`,
  // One retry: upstream fields list both attempts; the request time covers both.
  `10.0.3.9 - alice [19/Jan/2026:19:12:02 +0000] "POST /api/cart HTTP/1.1" 200 88 "-" "okhttp/4.12.0" 733 0.512 [shop-cart-80] [] 10.244.0.10:3000, 10.244.1.14:3000 0, 88 0.500, 0.011 502, 200 c0ffee00c0ffee00c0ffee00c0ffee00`,
  // Answered by the controller itself (no upstream): the upstream fields are dashes.
  `10.0.0.5 - - [19/Jan/2026:19:12:03 +0000] "GET /favicon.ico HTTP/1.1" 404 146 "-" "curl/8.5.0" 79 0.000 [upstream-default-backend] [] - - - - 9a8b7c6d5e4f30211203f4e5d6c7b8a9`,
];

describe('ingress-nginx upstreaminfo', () => {
  const parser = detectFormat(LINES, WINDOW_TO);
  const records = LINES.map((line) => parseOneLine(parser, line));

  it('is detected as its own access-log dialect', () => {
    expect(parser).toMatchObject({ format: 'access-log', dialect: 'ingress-nginx' });
  });

  it('reads the request time by position, in seconds, not the last number', () => {
    expect(records.map((record) => record?.latencyMs)).toEqual([64, 1204, 512, 0]);
  });

  it('reads time, method, route and status from the combined part', () => {
    expect(records[0]).toMatchObject({ method: 'GET', route: '/api/recommendations/:id', status: 200, level: null });
    expect(records[1]).toMatchObject({ route: '/api/products/:id', status: 200 });
    expect(records[2]).toMatchObject({ method: 'POST', route: '/api/cart', status: 200 });
    expect(records[3]).toMatchObject({ status: 404 });
    expect(new Date(records[1]?.time ?? 0).toISOString()).toBe('2026-01-19T19:12:01.000Z');
  });

  it('reads older controllers without the alternative upstream', () => {
    const line = `${HEAD} "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29" 98 0.002 [shop-recs-api-80] 10.244.1.11:3000 2 0.002 200 5d41402abc4b2a76b9719d911017c592`;
    const old = detectFormat([line], WINDOW_TO);
    expect(old.dialect).toBe('ingress-nginx');
    expect(parseOneLine(old, line)).toMatchObject({ route: '/healthz', latencyMs: 2 });
  });

  it('leaves plain nginx lines with a trailing $request_time as they were', () => {
    const line = `${HEAD} "GET /api/x HTTP/1.1" 200 5 "-" "curl/8.5.0" 0.250`;
    const nginx = detectFormat([line], WINDOW_TO);
    expect(nginx.dialect).toBe('nginx');
    expect(parseOneLine(nginx, line)?.latencyMs).toBe(250);
  });
});
