/**
 * The shapes collectors produce. Every fact carries an ID (`commit:3f2a1b9`, `template:T3`,
 * `signal:onset`, ...) that helpers cite, so a claim can always be traced to what was read.
 * Everything here is plain data: no functions, no Dates (ISO strings), so it serializes
 * into the session file and the report unchanged.
 */

import type { SentryEvidence } from '../sentry/evidence-types.js';
import type { DeployPlatform } from '../act/platforms.js';

export type ChangeKind =
  | 'code'
  | 'test'
  | 'docs'
  | 'style'
  | 'config'
  | 'dependency'
  | 'migration'
  | 'infrastructure'
  | 'ci'
  | 'other';

export interface FileChange {
  path: string;
  additions: number;
  deletions: number;
  /** git's status letter: A, M, D, R, C, T. */
  status: string;
  kind: ChangeKind;
}

export interface DependencyChange {
  /** Package name as the ecosystem spells it. */
  name: string;
  ecosystem: 'npm' | 'pypi' | 'go' | 'rubygems' | 'cargo';
  from: string | null;
  to: string | null;
  /** The manifest or lockfile the change was read from. */
  file: string;
}

export interface Commit {
  sha: string;
  shortSha: string;
  subject: string;
  author: string;
  committedAt: string;
  files: FileChange[];
  kinds: ChangeKind[];
  dependencyChanges: DependencyChange[];
  /** Setting lines changed in config files: `timeout: 30s -> 3s`, for "restore the previous value". */
  configChanges: { file: string; key: string; from: string | null; to: string | null }[];
  tags: string[];
}

export interface GitChanges {
  isRepo: boolean;
  shallow: boolean;
  head: string | null;
  window: { since: string; until: string };
  /** Newest first. */
  commits: Commit[];
  tags: { name: string; sha: string; date: string }[];
  /** The alert's release string resolved to a tag or commit, when it could be. */
  release: { value: string; sha: string | null; tag: string | null } | null;
  trackedFiles: string[];
  notes: string[];
}

export interface MappedFrame {
  /** Index into alert.stacktrace. */
  index: number;
  file: string;
  line: number | null;
  function: string | null;
  inApp: boolean;
  /** Tracked file in the repository this frame points at, or null. */
  repoPath: string | null;
  /** For library frames: the package (node_modules/<pkg>, site-packages/<pkg>, Go module path). */
  package: string | null;
  /** 0 = where it threw (newest); grows toward the oldest call. */
  depth: number;
}

/** One parsed log line, reduced to what the golden signals and localization need. */
export interface LogRecord {
  time: number;
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | null;
  status: number | null;
  method: string | null;
  route: string | null;
  latencyMs: number | null;
  message: string | null;
  host: string | null;
  release: string | null;
}

export interface LogSourceSummary {
  path: string;
  format: 'json' | 'access-log' | 'plain' | 'unknown';
  /** Logger or dialect recognised within the format (pino, bunyan, winston, structlog, nginx, ...). */
  dialect: string | null;
  lines: number;
  parsed: number;
  unparsed: number;
  inWindow: number;
  /** Byte offset a time-ordered file was entered at (binary search), 0 when read from the start. */
  seekedTo: number;
}

export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface GoldenSignals {
  minutes: number;
  requestsPerMin: number;
  errorRate: number;
  errorsPerMin: number;
  latencyMs: LatencySummary;
  failedLatencyMs: LatencySummary;
}

export interface MinutePoint {
  minute: string;
  requests: number;
  errors: number;
  p95: number | null;
}

export interface Signals {
  source: 'logs' | 'sentry' | 'none';
  onset: string | null;
  /** Which signal moved at the onset: error rate, latency, traffic drop. */
  onsetSignal: 'errors' | 'latency' | 'traffic' | null;
  before: GoldenSignals | null;
  after: GoldenSignals | null;
  /** `evidence` is the ID of the template that shows it best; `sample` one line of it. */
  saturation: { hint: string; evidence: string; sample: string; count: number }[];
  series: MinutePoint[];
}

export interface LocalizationEntry {
  id: string;
  dimension: 'route' | 'method' | 'status' | 'host' | 'release' | 'error';
  value: string;
  /** Share of the after-onset errors (or slow requests) that carry this value. */
  share: number;
  /** share after / share before (baseline); >1 means it over-contributes. */
  lift: number;
  count: number;
  metric: 'errors' | 'latency';
}

export interface LogTemplate {
  id: string;
  template: string;
  count: number;
  before: number;
  after: number;
  /** Error-level or 5xx lines of this template in the window: 0 for "request completed". */
  errors: number;
  sample: string;
}

export interface LogDigest {
  sources: LogSourceSummary[];
  window: { from: string; to: string };
  records: number;
  signals: Signals;
  localization: LocalizationEntry[];
  templates: LogTemplate[];
}

export type HypothesisCategory =
  | 'code-change'
  | 'config-change'
  | 'dependency-change'
  | 'external-dependency'
  | 'resource-saturation'
  | 'infrastructure'
  | 'unknown';

export interface Suspect {
  commit: string;
  shortSha: string;
  subject: string;
  author: string;
  committedAt: string;
  files: string[];
  score: number;
  reasons: string[];
  evidence: string[];
}

export interface Hypothesis {
  summary: string;
  category: HypothesisCategory;
  confidence: number;
  evidence: string[];
}

export interface Fact {
  id: string;
  kind:
    | 'alert'
    | 'frame'
    | 'commit'
    | 'release'
    | 'dependency'
    | 'config'
    | 'log-source'
    | 'signal'
    | 'localization'
    | 'template'
    | 'saturation'
    | 'past-incident'
    | 'sentry'
    | 'platform'
    | 'note';
  summary: string;
}

export interface PastIncident {
  id: string;
  date: string;
  title: string;
  line: number;
  rootCause: string | null;
  fix: string | null;
  /** Action items that entry left open (absent in sessions saved before triage read them). */
  openActionItems?: string[];
  similarity: number;
  reasons: string[];
}

/** Everything the collectors found for one incident: what helpers reason over. */
export interface Evidence {
  firedAt: string;
  git: GitChanges;
  frames: MappedFrame[];
  logs: LogDigest | null;
  signals: Signals;
  localization: LocalizationEntry[];
  suspects: Suspect[];
  hypotheses: Hypothesis[];
  pastIncidents: PastIncident[];
  facts: Fact[];
  /** What Sentry's API added; absent in sessions saved before triage asked Sentry, null when it did not. */
  sentry?: SentryEvidence | null;
  /** Deploy platforms the repository shows (fly.toml, k8s manifests, ...); absent in sessions saved before triage looked. */
  platforms?: DeployPlatform[];
}
