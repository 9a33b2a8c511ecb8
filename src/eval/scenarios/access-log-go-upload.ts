import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Go file service behind nginx; only nginx's access log (combined + $request_time) is at hand
 * and the alert is Alertmanager's 5xx-rate rule: no stack trace. A change that streams uploads
 * to object storage makes the handler panic; nginx answers 502. Decoys: a CI change, a metrics change.
 */

const FIRED = '2026-08-12T03:41:17.000Z';
const at = minutesFrom(FIRED);

const handlerV1 = `package upload

import (
	"io"
	"net/http"
	"os"
)

// Handler stores an upload on local disk.
func Handler(w http.ResponseWriter, r *http.Request) {
	f, err := os.CreateTemp("/data/uploads", "up-*")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if _, err := io.Copy(f, r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
`;

const handlerV2 = `package upload

import (
	"net/http"

	"github.com/fileshed/api/internal/storage"
)

// Handler streams an upload straight to object storage.
func Handler(w http.ResponseWriter, r *http.Request) {
	info, err := storage.Bucket.PutObject(r.Context(), r.Header.Get("X-Upload-Name"), r.Body, r.ContentLength)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("ETag", info.ETag)
	w.WriteHeader(http.StatusCreated)
}
`;

export const scenario: Scenario = {
  id: 'access-log-go-upload',
  title: 'Go behind nginx: access log only, Alertmanager 5xx alert, POST /api/upload breaks',
  firedAt: FIRED,
  base: {
    'go.mod': 'module github.com/fileshed/api\n\ngo 1.23\n\nrequire github.com/minio/minio-go/v7 v7.0.82\n',
    'cmd/api/main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/fileshed/api/internal/upload"\n)\n\nfunc main() {\n\thttp.HandleFunc("POST /api/upload", upload.Handler)\n\thttp.ListenAndServe(":8080", nil)\n}\n',
    'internal/upload/handler.go': handlerV1,
    'internal/storage/bucket.go': 'package storage\n\nimport "github.com/minio/minio-go/v7"\n\n// Bucket is set up by Init; nil until then.\nvar Bucket *minio.Client\n',
    'internal/metrics/metrics.go': 'package metrics\n\nimport "expvar"\n\nvar Uploads = expvar.NewInt("uploads")\n',
    '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v6\n',
    'README.md': '# fileshed api\n',
  },
  commits: [
    {
      at: -170,
      message: 'Count uploads by content type',
      files: { 'internal/metrics/metrics.go': 'package metrics\n\nimport "expvar"\n\nvar (\n\tUploads       = expvar.NewInt("uploads")\n\tUploadsByType = expvar.NewMap("uploads_by_type")\n)\n' },
      author: 'Tomás Silva',
    },
    { at: -63, message: 'Stream uploads to object storage', files: { 'internal/upload/handler.go': handlerV2 }, author: 'Tomás Silva' },
    {
      at: -25,
      message: 'Pin golangci-lint to v1.62',
      files: { '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: golangci/golangci-lint-action@v6\n        with:\n          version: v1.62\n' },
      author: 'Tomás Silva',
    },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'NginxHigh5xxRate',
    severity: 'critical',
    summary: 'High 5xx rate on files.fileshed.io',
    description: 'More than 5% of requests to files.fileshed.io returned 5xx for 10 minutes.',
    labels: { job: 'nginx', instance: 'edge-1:9113', host: 'files.fileshed.io' },
    expr: 'sum(rate(nginx_http_requests_total{status=~"5.."}[5m])) / sum(rate(nginx_http_requests_total[5m])) > 0.05',
  }),
  logs: [
    {
      path: 'logs/nginx/access.log',
      format: 'nginx',
      traffic: {
        seed: 606,
        from: -120,
        to: 2,
        perMinute: [35, 50],
        hosts: ['edge-1'],
        routes: [
          { method: 'POST', path: '/api/upload', weight: 0.25, latencyMs: [90, 700] },
          { method: 'GET', path: '/api/files/:id', weight: 0.5, latencyMs: [3, 25] },
          { method: 'GET', path: '/api/files', weight: 0.15, latencyMs: [10, 60] },
          { method: 'GET', path: '/healthz', weight: 0.1, latencyMs: [1, 2] },
        ],
        faults: [{ from: -54, route: '/api/upload', rate: 0.7, status: 502, latencyMs: [2, 12] }],
      },
    },
  ],
  expected: { suspect: 'Stream uploads to object storage', category: 'code-change', route: '/api/upload', onset: minuteOf(FIRED, -54) },
};
