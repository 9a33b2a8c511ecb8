import type { StackFrame } from '../../alert/schema.js';
import type { MappedFrame } from '../types.js';
import { compiledSourceCandidates, libraryPackage, pathSegments } from './frame-path.js';
import { buildTrackedIndex, findTrackedPath, type TrackedIndex, type TrackedMatch } from './tracked-index.js';

/**
 * Points each stack frame at a tracked file of the repository, or names the package it
 * comes from. Frames arrive oldest first (Sentry's order), so depth 0 is the last frame.
 */
export function mapFrames(frames: StackFrame[], trackedFiles: string[]): MappedFrame[] {
  const index = buildTrackedIndex(trackedFiles);
  return frames.map((frame, i) => mapFrame(frame, i, frames.length - 1 - i, index));
}

function mapFrame(frame: StackFrame, index: number, depth: number, tracked: TrackedIndex): MappedFrame {
  const paths = [frame.absPath, frame.file].filter((path): path is string => typeof path === 'string' && path !== '');
  const pkg = firstNonNull(paths.map(libraryPackage));
  const repoPath = pkg === null ? locateInRepo(paths, frame.module, tracked) : null;
  const nodeInternal = pkg === null && repoPath === null && paths.some((path) => /^internal\/.+\.js$/.test(path));
  const fromModule = pkg === null && repoPath === null && !frame.inApp ? moduleLibrary(frame) : null;
  const library = pkg ?? (nodeInternal ? 'node' : fromModule);
  return {
    index,
    file: frame.file,
    line: frame.line,
    function: frame.function,
    // Sentry's in-app rules are often unset; a frame that resolves to a tracked, non-vendored file is app code.
    inApp: library === null && (frame.inApp || repoPath !== null),
    repoPath,
    package: library,
    depth,
  };
}

function locateInRepo(paths: string[], module: string | null, tracked: TrackedIndex): string | null {
  let best: TrackedMatch | null = null;
  for (const path of paths) {
    const segments = pathSegments(path);
    const direct = findTrackedPath(tracked, segments);
    const match = direct ?? bestOf(compiledSourceCandidates(segments).map((variant) => findTrackedPath(tracked, variant)));
    if (match && (!best || match.matched > best.matched)) best = match;
  }
  if (best) return best.path;
  return module ? locateModule(module, tracked) : null;
}

/** Python-style dotted modules (`app.views`) when the path itself matched nothing. */
function locateModule(module: string, tracked: TrackedIndex): string | null {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(module)) return null;
  const segments = module.split('.');
  const last = segments.pop() ?? '';
  return findTrackedPath(tracked, [...segments, `${last}.py`])?.path ?? null;
}

/** A non-app frame that points nowhere we know: Python's `requests.adapters` is package `requests`, Go's module is the package. */
function moduleLibrary(frame: StackFrame): string | null {
  if (!frame.module) return null;
  if (/\.go$/.test(frame.file)) return frame.module;
  return /\.py$/.test(frame.file) ? frame.module.split('.')[0] || null : null;
}

function bestOf(matches: (TrackedMatch | null)[]): TrackedMatch | null {
  let best: TrackedMatch | null = null;
  for (const match of matches) if (match && (!best || match.matched > best.matched)) best = match;
  return best;
}

function firstNonNull<T>(values: (T | null)[]): T | null {
  for (const value of values) if (value !== null) return value;
  return null;
}
