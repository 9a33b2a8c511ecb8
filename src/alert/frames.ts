import type { StackFrame } from './schema.js';
import { asBoolean, asInteger, asRecord, asText, firstText } from './json-values.js';

/** Paths that are someone else's code: dependencies, the runtime, the standard library. */
const THIRD_PARTY_MARKERS = [
  'node_modules/',
  'site-packages/',
  'dist-packages/',
  '/usr/lib/',
  '<anonymous>',
  'node:internal',
  '/go/pkg/mod/',
];

/** For senders that don't say whether a frame is the application's own code. */
export function guessInApp(path: string): boolean {
  const normalized = path.replaceAll('\\', '/');
  if (THIRD_PARTY_MARKERS.some((marker) => normalized.includes(marker))) return false;
  // Go's standard library frames are `runtime/panic.go`, `/usr/local/go/src/runtime/...`.
  return !/(^|\/)runtime\//.test(normalized);
}

/** A Sentry frame in either casing (`abs_path`/`absPath`, `lineno`/`lineNo`, `in_app`/`inApp`). */
export function normalizeSentryFrame(value: unknown): StackFrame | null {
  const frame = asRecord(value);
  if (frame === null) return null;
  const absPath = firstText(frame.abs_path, frame.absPath);
  const module = firstText(frame.module);
  const file = firstText(frame.filename, absPath, module);
  if (file === null) return null;
  return {
    file,
    line: asInteger(frame.lineno) ?? asInteger(frame.lineNo),
    function: asText(frame.function),
    inApp: asBoolean(frame.in_app) ?? asBoolean(frame.inApp) ?? guessInApp(absPath ?? file),
    absPath: absPath !== null && absPath !== file ? absPath : null,
    module,
  };
}

export function normalizeSentryFrames(frames: unknown): StackFrame[] {
  if (!Array.isArray(frames)) return [];
  return frames.map(normalizeSentryFrame).filter((frame): frame is StackFrame => frame !== null);
}
