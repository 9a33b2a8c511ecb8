import { goFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Go orders service (log/slog JSON, sentry-go, -trimpath build). Coupon validation dereferences
 * a nil coupon for orders without one. While investigating, the developer commits more logging
 * to the same file: newest, touching the stack file, but after the errors began.
 */

const FIRED = '2026-12-04T15:30:02.000Z';
const MODULE = 'github.com/corner-shop/orders';
const app = (file: string, fn: string, lineno: number) => goFrame(MODULE, file, fn, lineno, true);
const lib = (pkg: string, file: string, fn: string, lineno: number) => goFrame(pkg, file, fn, lineno, false);

const serviceV1 = `package orders

import "context"

func (s *Service) PlaceOrder(ctx context.Context, o *Order) error {
	o.Total = o.Subtotal
	return s.repo.Insert(ctx, o)
}
`;

const serviceV2 = `package orders

import "context"

func (s *Service) PlaceOrder(ctx context.Context, o *Order) error {
	coupon, _ := s.coupons.Find(ctx, o.CouponCode)
	if !coupon.Valid(o.Subtotal) {
		return ErrInvalidCoupon
	}
	o.Total = o.Subtotal - coupon.Discount(o.Subtotal)
	return s.repo.Insert(ctx, o)
}
`;

const serviceV3 = serviceV2.replace('import "context"', 'import (\n\t"context"\n\t"log/slog"\n)').replace(
  '	coupon, _ := s.coupons.Find(ctx, o.CouponCode)\n',
  '	coupon, _ := s.coupons.Find(ctx, o.CouponCode)\n\tslog.DebugContext(ctx, "coupon lookup", "code", o.CouponCode, "found", coupon != nil)\n',
);

const NIL_DEREF = { type: 'runtime.errorString', message: 'runtime error: invalid memory address or nil pointer dereference' };

export const scenario: Scenario = {
  id: 'commit-after-onset',
  title: 'Go: a commit after the onset touches the stack file; the cause is the change before',
  firedAt: FIRED,
  base: {
    'go.mod': `module ${MODULE}\n\ngo 1.23\n\nrequire github.com/getsentry/sentry-go v0.30.0\n`,
    'cmd/orders/main.go': `package main\n\nimport (\n\t"net/http"\n\n\t"${MODULE}/internal/httpapi"\n)\n\nfunc main() {\n\thttp.ListenAndServe(":8080", httpapi.Routes())\n}\n`,
    'internal/httpapi/orders.go': `package httpapi\n\nimport "net/http"\n\nfunc createOrder(w http.ResponseWriter, r *http.Request) {\n\terr := svc.PlaceOrder(r.Context(), decode(r))\n\twriteResult(w, err)\n}\n`,
    'internal/orders/service.go': serviceV1,
    'internal/orders/coupons.go': 'package orders\n\ntype Coupon struct{ Percent int64 }\n\nfunc (c *Coupon) Valid(subtotal int64) bool { return c.Percent > 0 && subtotal > 0 }\n\nfunc (c *Coupon) Discount(subtotal int64) int64 { return subtotal * c.Percent / 100 }\n',
    'README.md': '# orders\n',
  },
  commits: [
    { at: -88, message: 'Validate coupon codes before applying them', files: { 'internal/orders/service.go': serviceV2 }, author: 'Dmitri Volkov' },
    { at: -14, message: 'Log coupon lookups at debug level', files: { 'internal/orders/service.go': serviceV3 }, author: 'Dmitri Volkov' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'go',
    sdk: { name: 'sentry.go', version: '0.30.0' },
    org: 'corner-shop',
    project: 'orders',
    issueId: '120044',
    eventId: 'e9d8c7b6a5f44e3d9c2b1a0f9e8d7c6b',
    errorType: 'runtime.errorString',
    errorValue: 'runtime error: invalid memory address or nil pointer dereference',
    culprit: `${MODULE}/internal/orders in (*Coupon).Valid`,
    transaction: 'POST /api/orders',
    release: null,
    serverName: 'orders-2',
    request: { method: 'POST', url: 'https://api.corner-shop.com/api/orders' },
    rule: 'More than 50 events in 1h',
    frames: [
      lib('net/http', 'server.go', 'conn.serve', 2092),
      lib('net/http', 'server.go', 'HandlerFunc.ServeHTTP', 2220),
      app('internal/httpapi/orders.go', 'createOrder', 6),
      app('internal/orders/service.go', '(*Service).PlaceOrder', 7),
      app('internal/orders/coupons.go', '(*Coupon).Valid', 5),
    ],
  }),
  logs: [
    {
      path: 'logs/orders.jsonl',
      format: 'slog',
      traffic: {
        seed: 1010,
        from: -120,
        to: 2,
        perMinute: [20, 30],
        hosts: ['orders-2'],
        routes: [
          { method: 'POST', path: '/api/orders', weight: 0.3, latencyMs: [20, 80] },
          { method: 'GET', path: '/api/orders/:id', weight: 0.55, latencyMs: [3, 20] },
          { method: 'GET', path: '/healthz', weight: 0.15, latencyMs: [1, 2] },
        ],
        faults: [{ from: -79, route: '/api/orders', rate: 0.6, status: 500, latencyMs: [2, 8], error: NIL_DEREF }],
      },
    },
  ],
  expected: { suspect: 'Validate coupon codes before applying them', category: 'code-change', route: '/api/orders', onset: minuteOf(FIRED, -79) },
};
