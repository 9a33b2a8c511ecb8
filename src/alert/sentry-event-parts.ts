import type { StackFrame } from './schema.js';
import { normalizeSentryFrames } from './frames.js';
import { asArray, asRecord, asText, dig, firstText, type JsonRecord } from './json-values.js';

/**
 * Where a Sentry event keeps things differs by era and by channel: `exception.values` in
 * webhooks, `entries[{type:'exception'}]` in the REST API, `sentry.interfaces.Exception`
 * in Sentry 8. These readers look in all of them.
 */

export interface SentryExceptionFacts {
  type: string | null;
  value: string | null;
  frames: StackFrame[];
}

/** The API's `entries` list as a lookup: `entryData(event, 'exception')`. */
export function entryData(event: JsonRecord, type: string): JsonRecord | null {
  const entry = asArray(event.entries).find((candidate) => asRecord(candidate)?.type === type);
  return asRecord(asRecord(entry)?.data);
}

/** The last exception is the one raised last (Sentry lists chained causes first). */
export function lastException(event: JsonRecord): SentryExceptionFacts | null {
  const values = exceptionValues(event).map(asRecord).filter((v): v is JsonRecord => v !== null);
  const last = values.at(-1);
  if (last === undefined) return null;
  const withFrames = [...values].reverse().find((v) => framesOf(v.stacktrace).length > 0);
  return {
    type: asText(last.type),
    value: asText(last.value),
    frames: withFrames === undefined ? [] : framesOf(withFrames.stacktrace),
  };
}

/** Frames for events without an exception (`captureMessage` with a stack, threads). */
export function standaloneFrames(event: JsonRecord): StackFrame[] {
  const candidates = [
    event.stacktrace,
    event['sentry.interfaces.Stacktrace'],
    entryData(event, 'stacktrace'),
    ...threadStacktraces(event),
  ];
  for (const candidate of candidates) {
    const frames = framesOf(candidate);
    if (frames.length > 0) return frames;
  }
  return [];
}

/** Tags as `[[k, v]]` (webhooks), `[{key, value}]` (REST API) or a plain object. */
export function readTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) addTag(tags, tagPair(item));
  } else {
    for (const [key, tagValue] of Object.entries(asRecord(value) ?? {})) addTag(tags, [key, tagValue]);
  }
  return tags;
}

export function readRequest(event: JsonRecord): { url: string | null; method: string | null } {
  const request = asRecord(event.request) ?? asRecord(event['sentry.interfaces.Http']) ?? entryData(event, 'request');
  return { url: asText(request?.url), method: asText(request?.method) };
}

export function readLogMessage(event: JsonRecord): string | null {
  const legacyMessage = asRecord(event['sentry.interfaces.Message']);
  return firstText(
    dig(event, 'logentry', 'formatted'),
    dig(event, 'logentry', 'message'),
    legacyMessage?.formatted,
    legacyMessage?.message,
    entryData(event, 'message')?.formatted,
    typeof event.message === 'string' ? event.message : null,
  );
}

function exceptionValues(event: JsonRecord): unknown[] {
  const sources = [event.exception, event['sentry.interfaces.Exception'], entryData(event, 'exception')];
  for (const source of sources) {
    if (Array.isArray(source) && source.length > 0) return source;
    const record = asRecord(source);
    if (record === null) continue;
    if (Array.isArray(record.values) && record.values.length > 0) return record.values;
    if (record.type !== undefined || record.value !== undefined) return [record];
  }
  return [];
}

function threadStacktraces(event: JsonRecord): unknown[] {
  const threads = asArray(dig(event, 'threads', 'values') ?? entryData(event, 'threads')?.values)
    .map(asRecord)
    .filter((thread): thread is JsonRecord => thread !== null);
  const crashedFirst = [...threads].sort((a, b) => Number(b.crashed === true) - Number(a.crashed === true));
  return crashedFirst.map((thread) => thread.stacktrace);
}

function framesOf(stacktrace: unknown): StackFrame[] {
  return normalizeSentryFrames(asRecord(stacktrace)?.frames);
}

function tagPair(item: unknown): [unknown, unknown] | null {
  if (Array.isArray(item)) return [item[0], item[1]];
  const record = asRecord(item);
  return record === null ? null : [record.key, record.value];
}

function addTag(tags: Record<string, string>, pair: [unknown, unknown] | null): void {
  if (pair === null) return;
  const [key, value] = [asText(pair[0]), tagValue(pair[1])];
  if (key !== null && value !== null) tags[key] = value;
}

function tagValue(value: unknown): string | null {
  if (typeof value === 'boolean') return String(value);
  return asText(value);
}
