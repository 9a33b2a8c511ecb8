import type { Scenario } from '../types.js';
import { scenario as accessLogGoUpload } from './access-log-go-upload.js';
import { scenario as busyDayKotlin } from './busy-day-kotlin.js';
import { scenario as commitAfterOnset } from './commit-after-onset.js';
import { scenario as configTimeout } from './config-timeout.js';
import { scenario as dependencyBump } from './dependency-bump.js';
import { scenario as docsBeforeAlert } from './docs-before-alert.js';
import { scenario as flaskJsonLogger } from './flask-json-logger.js';
import { scenario as infraMemoryLimit } from './infra-memory-limit.js';
import { scenario as latencyIngressNginx } from './latency-ingress-nginx.js';
import { scenario as latencyNPlusOne } from './latency-n-plus-one.js';
import { scenario as leakRampGo } from './leak-ramp-go.js';
import { scenario as mergedPullRequest } from './merged-pull-request.js';
import { scenario as migrationGenericAlert } from './migration-generic-alert.js';
import { scenario as pythonStructlog } from './python-structlog.js';
import { scenario as releaseTag } from './release-tag.js';
import { scenario as routeBreakDecoys } from './route-break-decoys.js';
import { scenario as saturationNoChange } from './saturation-no-change.js';
import { scenario as sentryOnlyDjango } from './sentry-only-django.js';
import { scenario as upstreamAfterClientChange } from './upstream-after-client-change.js';
import { scenario as upstreamOutage } from './upstream-outage.js';
import { scenario as webhookRawBody } from './webhook-raw-body.js';

/** Every scenario of the eval, in the order the report lists them. */
export const SCENARIOS: Scenario[] = [
  routeBreakDecoys,
  docsBeforeAlert,
  upstreamOutage,
  dependencyBump,
  configTimeout,
  accessLogGoUpload,
  latencyNPlusOne,
  pythonStructlog,
  saturationNoChange,
  commitAfterOnset,
  migrationGenericAlert,
  releaseTag,
  sentryOnlyDjango,
  infraMemoryLimit,
  mergedPullRequest,
  latencyIngressNginx,
  upstreamAfterClientChange,
  busyDayKotlin,
  webhookRawBody,
  leakRampGo,
  flaskJsonLogger,
];
