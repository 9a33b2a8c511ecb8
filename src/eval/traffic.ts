/**
 * A seeded request simulator: a healthy baseline of traffic over a few routes, then faults
 * (a route failing), slowdowns (a route getting slow) and notes (non-request lines such as
 * pool warnings) from given minutes on. Pure and deterministic: the same spec and clock give
 * the same events, so the eval gives the same answer every run.
 */

export type NoteLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface RouteSpec {
  method: string;
  /** URL template; each `:id` becomes a random number per request. */
  path: string;
  weight: number;
  /** Healthy latency range, ms. */
  latencyMs: [number, number];
}

export interface ErrorSpec {
  type: string;
  message: string;
  stack?: string;
}

export interface FaultSpec {
  /** Minutes relative to the alert firing. */
  from: number;
  until?: number;
  /** Route template (as in RouteSpec.path) the fault hits; every route when absent. */
  route?: string;
  /** Share of matching requests that fail; grows by `rampPerMinute` up to `maxRate` (a leak filling up). */
  rate: number;
  rampPerMinute?: number;
  maxRate?: number;
  status: number;
  latencyMs?: [number, number];
  error?: ErrorSpec;
}

export interface SlowdownSpec {
  from: number;
  route: string;
  latencyMs: [number, number];
}

export interface NoteSpec {
  from: number;
  until?: number;
  everyMinutes: number;
  level: NoteLevel;
  message: string;
  fields?: Record<string, unknown>;
}

export interface TrafficSpec {
  seed: number;
  /** First and last minute of the logs, relative to the alert firing. */
  from: number;
  to: number;
  perMinute: [number, number];
  routes: RouteSpec[];
  hosts: string[];
  /** The release each request reports: fixed, or switching at a deploy. */
  release?: string | { before: string; after: string; at: number };
  faults?: FaultSpec[];
  slowdowns?: SlowdownSpec[];
  notes?: NoteSpec[];
  /** More (or less) traffic from a minute on: a campaign, a crawler, a retry storm. */
  surges?: { from: number; factor: number }[];
  /** Share of `:id` requests answered 404 (unknown ids): real logs are never clean. Default 0.02. */
  notFoundRate?: number;
}

export interface RequestEvent {
  kind: 'request';
  time: number;
  id: number;
  method: string;
  url: string;
  /** The route template the request was drawn from. */
  route: string;
  status: number;
  latencyMs: number;
  host: string;
  release: string | null;
  error: ErrorSpec | null;
}

export interface NoteEvent {
  kind: 'note';
  time: number;
  level: NoteLevel;
  message: string;
  host: string;
  fields: Record<string, unknown>;
}

export type LogEvent = RequestEvent | NoteEvent;

const MINUTE = 60_000;

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

interface Simulation {
  spec: TrafficSpec;
  firedAt: number;
  random: () => number;
  nextId: number;
}

function between(sim: Simulation, [low, high]: [number, number]): number {
  return low + sim.random() * (high - low);
}

function pickRoute(sim: Simulation): RouteSpec {
  const total = sim.spec.routes.reduce((sum, route) => sum + route.weight, 0);
  let r = sim.random() * total;
  for (const route of sim.spec.routes) if ((r -= route.weight) <= 0) return route;
  return sim.spec.routes[0] as RouteSpec;
}

function releaseAt(spec: TrafficSpec, minute: number): string | null {
  if (spec.release === undefined) return null;
  if (typeof spec.release === 'string') return spec.release;
  return minute >= spec.release.at ? spec.release.after : spec.release.before;
}

function activeFault(sim: Simulation, route: RouteSpec, minute: number): FaultSpec | null {
  for (const fault of sim.spec.faults ?? []) {
    if (minute < fault.from || (fault.until !== undefined && minute >= fault.until)) continue;
    if (fault.route !== undefined && fault.route !== route.path) continue;
    const rate = Math.min(fault.maxRate ?? 1, fault.rate + (fault.rampPerMinute ?? 0) * (minute - fault.from));
    if (sim.random() < rate) return fault;
  }
  return null;
}

function healthyLatency(sim: Simulation, route: RouteSpec, minute: number): number {
  const slow = (sim.spec.slowdowns ?? []).find((entry) => entry.route === route.path && minute >= entry.from);
  return between(sim, slow?.latencyMs ?? route.latencyMs);
}

function requestAt(sim: Simulation, time: number): RequestEvent {
  const minute = (time - sim.firedAt) / MINUTE;
  const route = pickRoute(sim);
  const url = route.path.replace(/:id/g, () => String(1000 + Math.floor(sim.random() * 9000)));
  const host = sim.spec.hosts[Math.floor(sim.random() * sim.spec.hosts.length)] ?? 'web-1';
  const fault = activeFault(sim, route, minute);
  const notFound = fault === null && route.path.includes(':id') && sim.random() < (sim.spec.notFoundRate ?? 0.02);
  const base = { kind: 'request' as const, time, id: sim.nextId++, method: route.method, url, route: route.path, host, release: releaseAt(sim.spec, minute) };
  if (fault !== null) {
    return { ...base, status: fault.status, latencyMs: Math.round(between(sim, fault.latencyMs ?? route.latencyMs)), error: fault.error ?? null };
  }
  return { ...base, status: notFound ? 404 : route.method === 'POST' ? 201 : 200, latencyMs: Math.round(healthyLatency(sim, route, minute)), error: null };
}

function notesAt(sim: Simulation, minuteStart: number, minute: number): NoteEvent[] {
  return (sim.spec.notes ?? [])
    .filter((note) => minute >= note.from && (note.until === undefined || minute < note.until))
    .filter((note) => Math.round(minute - note.from) % note.everyMinutes === 0)
    .map((note) => ({
      kind: 'note' as const,
      time: minuteStart + Math.floor(sim.random() * MINUTE),
      level: note.level,
      message: note.message,
      host: sim.spec.hosts[0] ?? 'web-1',
      fields: note.fields ?? {},
    }));
}

/** Every request and note of the spec's span, in time order. */
export function simulateTraffic(spec: TrafficSpec, firedAtIso: string): LogEvent[] {
  const firedAt = Date.parse(firedAtIso);
  const sim: Simulation = { spec, firedAt, random: seededRandom(spec.seed), nextId: 1 };
  const events: LogEvent[] = [];
  const start = Math.floor(firedAt / MINUTE) * MINUTE + spec.from * MINUTE;
  for (let minuteStart = start; minuteStart <= start + (spec.to - spec.from) * MINUTE; minuteStart += MINUTE) {
    const minute = (minuteStart - firedAt) / MINUTE;
    const factor = (spec.surges ?? []).filter((surge) => minute >= surge.from).reduce((total, surge) => total * surge.factor, 1);
    const count = Math.round(between(sim, spec.perMinute) * factor);
    for (let i = 0; i < count; i++) {
      events.push(requestAt(sim, minuteStart + Math.floor(((i + sim.random()) / count) * MINUTE)));
    }
    events.push(...notesAt(sim, minuteStart, minute));
  }
  return events.sort((a, b) => a.time - b.time);
}
