import { describe, expect, it } from 'vitest';
import { isIdSegment, normalizeRoute } from '../../src/evidence/logs/route.js';

describe('normalizeRoute', () => {
  it.each([
    ['/api/orders/123/items/9f1c2e3d4b', '/api/orders/:id/items/:id'],
    ['/api/orders/123?expand=items&page=2', '/api/orders/:id'],
    ['/api/users/550e8400-e29b-41d4-a716-446655440000', '/api/users/:id'],
    ['/api/users/alice@example.com/settings', '/api/users/:id/settings'],
    ['/files/abc123def456/download', '/files/:id/download'],
    ['/v1/tokens/tok_9J3kd8sLq2xZ', '/v1/tokens/:id'],
    ['/reports/2024/05', '/reports/:id/:id'],
    ['/api/orders/', '/api/orders'],
    ['/', '/'],
    ['', '/'],
    ['https://shop.example.com/api/cart/42?x=1', '/api/cart/:id'],
    ['http://shop.example.com', '/'],
    ['/page#section-2', '/page'],
    ['/api/v1/health', '/api/v1/health'],
    ['/oauth2/callback', '/oauth2/callback'],
    ['/sha256/verify', '/sha256/verify'],
    ['/orders/ord-12345', '/orders/:id'],
    ['/static/app.js', '/static/app.js'],
    ['/a;jsessionid=ABC123', '/a'],
  ])('%s → %s', (url, route) => {
    expect(normalizeRoute(url)).toBe(route);
  });
});

describe('isIdSegment', () => {
  it.each([
    ['12345', true],
    ['deadbeef01', true],
    ['550e8400e29b41d4a716446655440000', true],
    ['me@x.io', true],
    ['orders', false],
    ['v2', false],
    ['page2', false],
    ['beef', false],
  ])('%s → %s', (segment, expected) => {
    expect(isIdSegment(segment)).toBe(expected);
  });
});
