import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Go exports API (zap production JSON). Streaming export rows returns early on an empty page
 * without closing the rows, so each such export keeps a pooled connection. The first timeouts
 * appear a few minutes after the deploy and grow as the pool drains: a ramp, not a step.
 * Alertmanager fires on the error ratio once it is high.
 */

const FIRED = '2026-07-08T22:14:09.000Z';
const at = minutesFrom(FIRED);

const exportV1 = `package export

import (
	"context"
	"database/sql"
)

func Rows(ctx context.Context, db *sql.DB, id string) ([]Row, error) {
	rows, err := db.QueryContext(ctx, "select * from export_rows where export_id = $1", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows)
}
`;

const exportV2 = `package export

import (
	"context"
	"database/sql"
	"io"
)

// Stream writes rows as they are read instead of buffering the whole export.
func Stream(ctx context.Context, db *sql.DB, id string, w io.Writer) error {
	rows, err := db.QueryContext(ctx, "select * from export_rows where export_id = $1", id)
	if err != nil {
		return err
	}
	if !rows.Next() {
		return ErrEmpty
	}
	defer rows.Close()
	return writeAll(rows, w)
}
`;

const TIMEOUT = { type: 'context.deadlineExceededError', message: 'export 4821: context deadline exceeded' };

export const scenario: Scenario = {
  id: 'leak-ramp-go',
  title: 'Go: a connection leak makes timeouts ramp up gradually after a deploy (zap logs)',
  firedAt: FIRED,
  base: {
    'go.mod': 'module github.com/tallyhq/exports\n\ngo 1.23\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.7.1\n\tgo.uber.org/zap v1.27.0\n)\n',
    'internal/export/export.go': exportV1,
    'internal/httpapi/exports.go': 'package httpapi\n\nimport "net/http"\n\nfunc getExport(w http.ResponseWriter, r *http.Request) {\n\twriteExport(w, r)\n}\n',
    'internal/httpapi/middleware.go': 'package httpapi\n\n// logRequests logs one line per request with zap.\nfunc logRequests() {}\n',
    'README.md': '# exports\n',
  },
  commits: [
    { at: -200, message: 'Add request ids to the access log', files: { 'internal/httpapi/middleware.go': 'package httpapi\n\n// logRequests logs one line per request with zap, with the request id.\nfunc logRequests() {}\n' }, author: 'Aiko Tanaka' },
    { at: -56, message: 'Stream export rows instead of buffering them', files: { 'internal/export/export.go': exportV2 }, author: 'Aiko Tanaka' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'ExportsHighErrorRate',
    severity: 'critical',
    summary: 'exports: error ratio above 20%',
    description: 'More than 20% of exports requests failed over the last 5 minutes.',
    labels: { job: 'exports', service: 'exports', instance: 'exports-1:9090' },
    expr: 'sum(rate(http_requests_total{job="exports",status=~"5.."}[5m])) / sum(rate(http_requests_total{job="exports"}[5m])) > 0.2',
  }),
  logs: [
    {
      path: 'logs/exports.jsonl',
      format: 'zap',
      traffic: {
        seed: 2020,
        from: -120,
        to: 3,
        perMinute: [25, 35],
        hosts: ['exports-1'],
        routes: [
          { method: 'GET', path: '/v1/exports/:id', weight: 0.4, latencyMs: [40, 400] },
          { method: 'POST', path: '/v1/exports', weight: 0.2, latencyMs: [15, 60] },
          { method: 'GET', path: '/v1/exports', weight: 0.3, latencyMs: [10, 40] },
          { method: 'GET', path: '/healthz', weight: 0.1, latencyMs: [1, 2] },
        ],
        faults: [{ from: -44, route: '/v1/exports/:id', rate: 0.02, rampPerMinute: 0.02, maxRate: 0.9, status: 500, latencyMs: [30000, 30010], error: TIMEOUT }],
      },
    },
  ],
  expected: { suspect: 'Stream export rows instead of buffering them', category: 'code-change', route: '/v1/exports/:id', onset: minuteOf(FIRED, -44) },
};
