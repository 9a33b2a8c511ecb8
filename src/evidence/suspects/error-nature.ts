import type { Alert } from '../../alert/schema.js';
import { libraryPackage } from '../frames/frame-path.js';
import type { LocalizationEntry, LogTemplate } from '../types.js';
import { externalHosts, databaseHosts } from './hosts.js';
import { messageTermsOf } from './terms.js';

/**
 * What kind of failure the alert describes, read from its text, its stack and the log
 * templates that grew after the onset. Suspect ranking weighs change kinds by it (a timeout
 * error and a changed timeout setting); hypotheses use the upstream hints.
 */

export type ErrorNatureFlag = 'timeout' | 'database' | 'upstream' | 'memory' | 'auth' | 'config' | 'parsing';

export interface ErrorNature {
  flags: ErrorNatureFlag[];
  /** Hosts outside the service that the error text names (`api.stripe.com`). */
  externalHosts: string[];
  /** Short, checkable reasons to think another service is failing. */
  upstreamHints: { hint: string; evidence: string[] }[];
  /** The error text the flags were read from, lower-cased. */
  text: string;
  /** Distinctive names in the error (`gift_note`, `toBuffer`, `OrderSerializer`); `flat` is lower-case letters and digits only. */
  identifiers: { name: string; flat: string }[];
  /**
   * Set when the error reports another host's own failure (a 502/503/504 answer, a reset or
   * refused connection, a timeout on a call out), as a short phrase: `api.stripe.com failing with "503"`.
   * The service's code then only shows where that failure surfaced.
   */
  remoteFailure: string | null;
  /** Words of the error message (not of the hosts it names), for matching commit subjects. */
  words: string[];
}

const PATTERNS: Record<Exclude<ErrorNatureFlag, 'upstream'>, RegExp> = {
  timeout: /time[d ]?out|ETIMEDOUT|ESOCKETTIMEDOUT|deadline exceeded|statement timeout|\b504\b/i,
  database:
    /database|\bdb\b|\bsql|postgres|\bpg\b|mysql|mariadb|sqlite|mongo|redis|prisma|sequelize|typeorm|knex|OperationalError|IntegrityError|connection pool|too many (clients|connections)|deadlock|relation "?\S+"? does not exist|column "?\S+"? does not exist/i,
  memory: /out of memory|heap|\bOOM|ENOMEM|allocation failed|MemoryError|memory limit|OOMKilled/i,
  auth: /unauthori[sz]ed|forbidden|\b40[13]\b|invalid (token|signature|credentials)|jwt|token (has )?expired|permission denied|authenticat/i,
  config:
    /missing (required )?(env|environment|config|setting)|environment variable|env var|is not set|not configured|invalid config|configuration (error|invalid|missing)|KeyError: '[A-Z][A-Z0-9_]+'|process\.env/i,
  parsing:
    /TypeError|SyntaxError|ValueError|AttributeError|unexpected token|cannot read propert|undefined is not|is not a function|NoneType|nil pointer|invalid character|unmarshal|JSON\.parse|parse error|validation (error|failed)|ZodError/i,
};

const NETWORK_ERROR = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|fetch failed|getaddrinfo|connection reset|connection refused|name resolution/i;
const UPSTREAM_STATUS = /too many requests|rate.?limit|service unavailable|bad gateway|gateway time-?out|upstream/i;
const STATUS_CODE = /\b(429|502|503|504)\b/;

const HTTP_CLIENTS = new Set(
  (
    'axios node-fetch undici got superagent request ky ofetch cross-fetch needle stripe openai @anthropic-ai/sdk twilio @sendgrid/mail ' +
    'requests urllib3 httpx httpcore aiohttp botocore boto3 net/http google.golang.org/grpc github.com/go-resty/resty ' +
    'faraday httparty rest-client excon net-http reqwest hyper'
  ).split(' '),
);

const DATABASE_CLIENTS = new Set(
  (
    'pg pg-pool mysql mysql2 mongodb mongoose ioredis redis sequelize typeorm knex @prisma/client prisma drizzle-orm better-sqlite3 ' +
    'psycopg2 psycopg asyncpg sqlalchemy pymongo django github.com/lib/pq github.com/jackc/pgx gorm.io/gorm database/sql ' +
    'github.com/go-sql-driver/mysql github.com/redis/go-redis activerecord'
  ).split(' '),
);

export function isHttpClientPackage(pkg: string | null): boolean {
  return pkg !== null && (HTTP_CLIENTS.has(pkg) || pkg.startsWith('@aws-sdk/'));
}

/** `ownRoutes`: the service's routes, so a URL naming one is not mistaken for a call to another host. */
export function classifyErrorNature(alert: Alert, templates: LogTemplate[], ownRoutes: string[] = []): ErrorNature {
  const grown = templates.filter((template) => template.after > template.before).sort((a, b) => b.after - a.after).slice(0, 5);
  const alertText = [alert.title, alert.message, alert.errorType, alert.culprit].filter(Boolean).join('\n');
  const text = [alertText, ...grown.map((template) => `${template.template}\n${template.sample}`)].join('\n');
  const flags = new Set<ErrorNatureFlag>();
  for (const [flag, pattern] of Object.entries(PATTERNS)) if (pattern.test(text)) flags.add(flag as ErrorNatureFlag);
  const packages = alert.stacktrace.map((frame) => libraryPackage(frame.absPath ?? frame.file) ?? libraryPackage(frame.file));
  if (packages.some((pkg) => pkg !== null && DATABASE_CLIENTS.has(pkg)) || databaseHosts(text).length > 0) flags.add('database');
  const hosts = externalHosts(text, ownHosts(alert), [...ownRoutes, ...(alert.route ? [alert.route] : [])]);
  const upstreamHints = readUpstreamHints({ alertText, text, hosts, grown, packages });
  if (upstreamHints.length > 0) flags.add('upstream');
  const hostWords = new Set(hosts.flatMap((host) => host.split('.')));
  const messages = [alertText, ...grown.slice(0, 3).map((template) => template.template)].join('\n');
  return {
    flags: [...flags],
    externalHosts: hosts,
    upstreamHints,
    text: text.toLowerCase(),
    identifiers: identifiersIn(text),
    remoteFailure: readRemoteFailure(text, hosts, packages),
    // The hosts an error names say who failed, not which change broke it.
    words: messageTermsOf(messages).filter((word) => !hostWords.has(word)),
  };
}

/** 500 is left out: it is as often this service's own answer, logged beside the URL it was serving. */
const REMOTE_STATUS = /\b50[234]\b|service unavailable|bad gateway|gateway time-?out/i;

/** Another host failing on its own: named (or called through an HTTP client) and answering 5xx, resetting or timing out. */
function readRemoteFailure(text: string, hosts: string[], packages: (string | null)[]): string | null {
  const nearTop = packages.slice(-5).some(isHttpClientPackage);
  if (hosts.length === 0 && !nearTop) return null;
  const patterns = [NETWORK_ERROR, REMOTE_STATUS, ...(hosts.length > 0 ? [PATTERNS.timeout] : [])];
  // The earliest sign: the alert's own text comes first, so it describes the alerting error.
  const signs = patterns.map((pattern) => pattern.exec(text)).filter((match): match is RegExpExecArray => match !== null);
  const sign = signs.sort((a, b) => a.index - b.index)[0]?.[0];
  return sign === undefined ? null : `${hosts[0] ?? 'a called service'} failing with "${sign}"`;
}

const IDENTIFIER = /\b(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*)\b/g;
/** Names every service logs: they say nothing about which change broke it. */
const COMMON_IDENTIFIERS = new Set(['requestid', 'userid', 'traceid', 'spanid', 'statuscode', 'responsetime', 'createdat', 'updatedat', 'errorcode', 'processticksandrejections']);

/** snake_case, camelCase and PascalCase names: what the failing code or data is called. */
function identifiersIn(text: string): ErrorNature['identifiers'] {
  const names = new Map<string, string>();
  for (const [name] of text.matchAll(IDENTIFIER)) {
    const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (flat.length >= 6 && !/(error|exception)$/.test(flat) && !COMMON_IDENTIFIERS.has(flat) && !names.has(flat)) names.set(flat, name);
  }
  return [...names].slice(0, 40).map(([flat, name]) => ({ name, flat }));
}

interface UpstreamInput {
  alertText: string;
  text: string;
  hosts: string[];
  grown: LogTemplate[];
  packages: (string | null)[];
}

function readUpstreamHints({ alertText, text, hosts, grown, packages }: UpstreamInput): ErrorNature['upstreamHints'] {
  const hints: ErrorNature['upstreamHints'] = [];
  const templateIds = (pattern: RegExp) => [
    ...(pattern.test(alertText) ? ['alert'] : []),
    ...grown.filter((t) => pattern.test(`${t.template}\n${t.sample}`)).map((t) => templateFactId(t.id)),
  ];
  if (hosts.length > 0) hints.push({ hint: `the errors name ${hosts.slice(0, 2).join(' and ')}`, evidence: templateIds(new RegExp(hosts.map(escapeRegExp).join('|'), 'i')) });
  const networkCode = NETWORK_ERROR.exec(text)?.[0];
  if (networkCode && (hosts.length > 0 || packages.some(isHttpClientPackage))) hints.push({ hint: `calls fail with ${networkCode}`, evidence: templateIds(NETWORK_ERROR) });
  // A bare 503 may be this service's own answer; it points upstream only beside a named host.
  const statusPattern = UPSTREAM_STATUS.test(text) ? UPSTREAM_STATUS : hosts.length > 0 ? STATUS_CODE : null;
  const status = statusPattern?.exec(text)?.[0];
  if (statusPattern && status) hints.push({ hint: `responses say "${status}"`, evidence: templateIds(statusPattern) });
  const clientFrames = packages
    .map((pkg, index) => ({ index, pkg, depth: packages.length - 1 - index }))
    .filter((frame) => frame.depth <= 4 && isHttpClientPackage(frame.pkg));
  const newest = clientFrames[clientFrames.length - 1];
  if (newest) hints.push({ hint: `it threw inside the HTTP client ${newest.pkg ?? ''}`, evidence: [`frame:${newest.index}`] });
  return hints;
}

function ownHosts(alert: Alert): string[] {
  const names = [alert.service, alert.tags.server_name, alert.tags.host, alert.tags.hostname];
  // The request's own URL, and the alerting system's link back to itself.
  for (const url of [alert.tags.url, alert.tags['request.url'], alert.url]) {
    try {
      if (url) names.push(new URL(url).hostname);
    } catch {
      // Not a URL: nothing to add.
    }
  }
  return names.filter((name): name is string => typeof name === 'string' && name !== '').map((name) => name.toLowerCase());
}

export function templateFactId(id: string): string {
  return id.startsWith('template:') ? id : `template:${id}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function routesOf(localization: LocalizationEntry[]): string[] {
  return localization.filter((entry) => entry.dimension === 'route').map((entry) => entry.value);
}

export function hasNature(nature: ErrorNature, flag: ErrorNatureFlag): boolean {
  return nature.flags.includes(flag);
}
