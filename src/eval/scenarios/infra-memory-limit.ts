import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Node API on Kubernetes; logs are ingress-nginx's (upstreaminfo format). A cost cut halves
 * the container memory limit; pods are OOMKilled every few minutes and in-flight requests on
 * every route get 502s. Alertmanager fires on OOMKilled containers. Decoys: an older base-image
 * bump (also infrastructure) and a logging code change.
 */

const FIRED = '2026-05-02T13:20:41.000Z';
const at = minutesFrom(FIRED);

const deployment = (memory: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/shop-api:latest
          env:
            - name: NODE_OPTIONS
              value: --max-old-space-size=400
          resources:
            requests:
              cpu: 250m
              memory: ${memory}
            limits:
              memory: ${memory}
`;

export const scenario: Scenario = {
  id: 'infra-memory-limit',
  title: 'Kubernetes: memory limit lowered 512Mi -> 256Mi; OOMKilled pods, 502s on every route',
  firedAt: FIRED,
  base: {
    'package.json': '{\n  "name": "shop-api",\n  "type": "module",\n  "dependencies": { "express": "4.21.2", "pino-http": "10.4.0" }\n}\n',
    Dockerfile: 'FROM node:22.11-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "dist/server.js"]\n',
    'k8s/deployment.yaml': deployment('512Mi'),
    'k8s/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shop-api\nspec:\n  ports:\n    - port: 80\n      targetPort: 3000\n',
    'src/server.ts': "import express from 'express';\nimport { logger } from './logging.js';\n\nexpress().use(logger).listen(3000);\n",
    'src/logging.ts': "import pinoHttp from 'pino-http';\n\nexport const logger = pinoHttp();\n",
  },
  commits: [
    { at: -410, message: 'Update the Node base image to 22.12', files: { Dockerfile: 'FROM node:22.12-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "dist/server.js"]\n' }, author: 'Femi Balogun' },
    { at: -150, message: 'Log the request id on every line', files: { 'src/logging.ts': "import { randomUUID } from 'node:crypto';\nimport pinoHttp from 'pino-http';\n\nexport const logger = pinoHttp({ genReqId: (req) => req.headers['x-request-id'] ?? randomUUID() });\n" }, author: 'Femi Balogun' },
    { at: -77, message: 'Right-size API pods to cut costs', files: { 'k8s/deployment.yaml': deployment('256Mi') }, author: 'Femi Balogun' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'ContainerOOMKilled',
    severity: 'critical',
    summary: 'Container api in default/shop-api was OOMKilled',
    description: 'Container api of deployment shop-api has been OOMKilled 5 times in the last 30 minutes (last terminated reason: OOMKilled).',
    labels: { namespace: 'default', deployment: 'shop-api', container: 'api', job: 'kube-state-metrics' },
    expr: 'increase(kube_pod_container_status_restarts_total{container="api"}[30m]) > 2 and on (pod) kube_pod_container_status_last_terminated_reason{reason="OOMKilled"} == 1',
  }),
  logs: [
    {
      path: 'logs/ingress-nginx.log',
      format: 'ingress-nginx',
      traffic: {
        seed: 1414,
        from: -120,
        to: 3,
        perMinute: [50, 65],
        hosts: ['ingress-0'],
        routes: [
          { method: 'GET', path: '/api/products', weight: 0.4, latencyMs: [10, 60] },
          { method: 'GET', path: '/api/products/:id', weight: 0.3, latencyMs: [6, 35] },
          { method: 'POST', path: '/api/cart/lines', weight: 0.2, latencyMs: [20, 90] },
          { method: 'GET', path: '/api/orders/:id', weight: 0.1, latencyMs: [10, 50] },
        ],
        faults: [{ from: -64, rate: 0.09, status: 502, latencyMs: [200, 2500] }],
      },
    },
  ],
  expected: { suspect: 'Right-size API pods to cut costs', category: 'infrastructure', route: null, onset: minuteOf(FIRED, -64) },
};
