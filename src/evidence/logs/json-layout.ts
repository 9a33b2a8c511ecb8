import { ERROR_CANDIDATES, FIELD_WRAPPERS, ROLE_ACCEPTS, ROLE_CANDIDATES, type Role } from './json-roles.js';

/**
 * Which key holds what in a JSON-lines source, discovered from sample lines. A field is usable
 * on the fast path (read from the raw line without JSON.parse) only when its key name appears at
 * exactly one path in the sample, so finding `"key":` in a line is unambiguous.
 */

export type LatencyUnit = 'ms' | 's' | 'us' | 'ns';

export interface FieldPath {
  path: string[];
  key: string;
}

export interface JsonLayout {
  dialect: 'pino' | 'bunyan' | 'winston' | 'structlog' | 'python-json-logger' | 'generic';
  fields: Partial<Record<Role, FieldPath>>;
  latencyUnit: LatencyUnit;
  /** Every chosen field's key is unambiguous, so lines can be read without JSON.parse. */
  fastPath: boolean;
  /** Where error lines keep their error text, when its key is unambiguous (read without JSON.parse). */
  errorField: FieldPath | null;
}

type Flat = Map<string, { path: string[]; value: unknown }>;

const MAX_DEPTH = 5;
const ROLES = Object.keys(ROLE_CANDIDATES) as Role[];

function flatten(value: unknown, prefix: string[], out: Flat, keyPaths: Map<string, Set<string>>): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || prefix.length >= MAX_DEPTH) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = [...prefix, key];
    const dotted = path.join('.');
    out.set(dotted.toLowerCase(), { path, value: child });
    const seen = keyPaths.get(key) ?? new Set<string>();
    seen.add(dotted);
    keyPaths.set(key, seen);
    flatten(child, path, out, keyPaths);
  }
}

const PREFIXES = ['', ...FIELD_WRAPPERS.map((wrapper) => `${wrapper.toLowerCase()}.`)];

/**
 * The first candidate present in the sample whose values fit the role in 80% of its lines:
 * top-level candidates first, then the same candidates under each wrapper object.
 */
function chooseField(role: Role, flats: Flat[]): FieldPath | null {
  for (const prefix of PREFIXES) {
    for (const candidate of ROLE_CANDIDATES[role]) {
      const found = flats.map((flat) => flat.get(prefix + candidate.toLowerCase())).filter((entry) => entry !== undefined);
      if (found.length === 0) continue;
      const accepted = found.filter((entry) => ROLE_ACCEPTS[role](entry.value)).length;
      if (accepted > 0 && accepted >= found.length * 0.8) {
        const path = (found[0] as { path: string[] }).path;
        return { path, key: path[path.length - 1] as string };
      }
    }
  }
  return null;
}

function dialectOf(flats: Flat[]): JsonLayout['dialect'] {
  const first = flats[0];
  if (first === undefined) return 'generic';
  const has = (key: string): boolean => first.has(key);
  const level = first.get('level')?.value;
  if (typeof level === 'number' && has('v') && has('name') && has('hostname')) return 'bunyan';
  if (typeof level === 'number' && typeof first.get('time')?.value === 'number' && has('msg')) return 'pino';
  if (has('event') && (has('level') || has('log_level') || has('timestamp'))) return 'structlog';
  if (typeof level === 'string' && has('message')) return 'winston';
  // `levelname` is Python's LogRecord attribute, written under its own name by python-json-logger.
  if (has('levelname') && has('message')) return 'python-json-logger';
  return 'generic';
}

/** Request fields of pino-http / bunyan serializers, assumed even when the sample lacks them. */
const NODE_REQUEST_FIELDS: Partial<Record<Role, string[]>> = {
  status: ['res', 'statusCode'],
  route: ['req', 'url'],
  method: ['req', 'method'],
  latency: ['responseTime'],
  host: ['hostname'],
};

/** The first error-text candidate the sample holds as a string (or as an object with a message). */
function chooseErrorField(flats: Flat[], dialect: JsonLayout['dialect']): FieldPath | null {
  for (const candidate of ERROR_CANDIDATES) {
    for (const flat of flats) {
      const entry = flat.get(candidate.toLowerCase());
      if (entry === undefined) continue;
      if (typeof entry.value === 'string') return { path: entry.path, key: entry.path[entry.path.length - 1] as string };
      const nested = flat.get(`${candidate.toLowerCase()}.message`);
      if (typeof nested?.value === 'string') return { path: nested.path, key: 'message' };
    }
  }
  return dialect === 'pino' || dialect === 'bunyan' ? { path: ['err', 'message'], key: 'message' } : null;
}

function addDialectDefaults(layout: JsonLayout): void {
  if (layout.dialect !== 'pino' && layout.dialect !== 'bunyan') return;
  for (const [role, path] of Object.entries(NODE_REQUEST_FIELDS) as [Role, string[]][]) {
    layout.fields[role] ??= { path, key: path[path.length - 1] as string };
  }
}

/**
 * Latency unit from the key name (`_ms`, `_s`, `Us`, ECS `event.duration` in ns, nginx
 * `request_time` in s), else from magnitude: small fractional values are seconds.
 */
export function latencyUnitOf(field: FieldPath | null | undefined, samples: unknown[]): LatencyUnit {
  if (field === null || field === undefined) return 'ms';
  const name = field.path.join('.');
  // By the last key, so express-winston's `meta.responseTime` is ms like pino-http's `responseTime`.
  if (/(ms|Ms|millis)$/i.test(name) || field.key === 'responseTime' || field.key === 'took') return 'ms';
  if (/(_s|sec|seconds|Sec)$/.test(name) || field.key === 'request_time') return 's';
  if (/(_us|micros|Us)$/.test(name)) return 'us';
  if (/(_ns|nanos|Ns)$/.test(name) || name === 'event.duration') return 'ns';
  const numbers = samples.filter((value): value is number => typeof value === 'number');
  const fractional = numbers.filter((value) => !Number.isInteger(value)).length;
  const small = numbers.every((value) => value < 30);
  return numbers.length > 0 && small && fractional * 2 >= numbers.length ? 's' : 'ms';
}

function isUnambiguous(field: FieldPath, keyPaths: Map<string, Set<string>>): boolean {
  const paths = keyPaths.get(field.key);
  const onlyHere = paths === undefined || (paths.size === 1 && paths.has(field.path.join('.')));
  return onlyHere && !/["\\]/.test(field.key);
}

/** The layout of JSON-lines samples (already parsed objects), or null without a time field. */
export function detectJsonLayout(samples: unknown[]): JsonLayout | null {
  const keyPaths = new Map<string, Set<string>>();
  const flats = samples.map((sample) => {
    const flat: Flat = new Map();
    flatten(sample, [], flat, keyPaths);
    return flat;
  });
  const fields: JsonLayout['fields'] = {};
  for (const role of ROLES) {
    const field = chooseField(role, flats);
    if (field !== null) fields[role] = field;
  }
  if (fields.time === undefined) return null;
  const dialect = dialectOf(flats);
  const layout: JsonLayout = { dialect, fields, latencyUnit: 'ms', fastPath: true, errorField: null };
  addDialectDefaults(layout);
  const latencyKey = layout.fields.latency?.path.join('.').toLowerCase();
  const latencySamples = latencyKey === undefined ? [] : flats.map((flat) => flat.get(latencyKey)?.value);
  layout.latencyUnit = latencyUnitOf(layout.fields.latency, latencySamples);
  layout.fastPath = Object.values(layout.fields).every((field) => isUnambiguous(field, keyPaths));
  const errorField = chooseErrorField(flats, dialect);
  layout.errorField = errorField !== null && isUnambiguous(errorField, keyPaths) ? errorField : null;
  return layout;
}
