/**
 * Route normalization: the same endpoint with different ids must count as one value, or an
 * incident on `/api/orders/:id` is spread over thousands of distinct URLs. Runs once per
 * request line, so it avoids regexps and allocations on the common paths.
 */

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const TOKEN = /^[A-Za-z0-9_~.-]+$/;

function countDigits(segment: string): number {
  let count = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}

/** Whether a path segment is an identifier (number, uuid, hex id, email, opaque token). */
export function isIdSegment(segment: string): boolean {
  const digitCount = countDigits(segment);
  if (digitCount === segment.length) return digitCount > 0;
  if (segment.includes('@')) return true;
  if (digitCount === 0) return false;
  if (UUID.test(segment)) return true;
  if (segment.length >= 8 && HEX.test(segment)) return true;
  if (segment.length >= 12 && TOKEN.test(segment)) return true;
  return digitCount >= 4 && digitCount / segment.length >= 0.4;
}

function withoutOrigin(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme <= 0 || scheme >= 10) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash === -1 ? '/' : url.slice(slash);
}

interface PathScan {
  end: number;
  mayHoldIds: boolean;
}

/** Where the path ends (query, fragment, matrix params) and whether any segment could be an id. */
function scanPath(path: string): PathScan {
  let mayHoldIds = false;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 63 || c === 35 || c === 59) return { end: i, mayHoldIds };
    if ((c >= 48 && c <= 57) || c === 64) mayHoldIds = true;
  }
  return { end: path.length, mayHoldIds };
}

/** One pass over the path: segments that may be ids are checked, the rest copied as they are. */
function replaceIds(path: string, end: number): string {
  let route = '';
  let copied = 0;
  let segmentStart = 0;
  let digits = 0;
  let hasAt = false;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? path.charCodeAt(i) : 47;
    if (c === 47) {
      const length = i - segmentStart;
      if (length > 0 && (digits > 0 || hasAt) && (digits === length || isIdSegment(path.slice(segmentStart, i)))) {
        route += `${path.slice(copied, segmentStart)}:id`;
        copied = i;
      }
      segmentStart = i + 1;
      digits = 0;
      hasAt = false;
    } else if (c >= 48 && c <= 57) digits++;
    else if (c === 64) hasAt = true;
  }
  return copied === 0 ? path.slice(0, end) : route + path.slice(copied, end);
}

/**
 * `/api/orders/123/items/9f1c2e3d?x=1` → `/api/orders/:id/items/:id`. Strips the scheme, host,
 * query string and fragment, and a trailing slash; ids of any kind become `:id`.
 */
export function normalizeRoute(url: string): string {
  const path = url.charCodeAt(0) === 47 ? url : withoutOrigin(url.trim());
  const { end, mayHoldIds } = scanPath(path);
  let route = mayHoldIds ? replaceIds(path, end) : end === path.length ? path : path.slice(0, end);
  if (route.length > 1 && route.charCodeAt(route.length - 1) === 47) route = route.slice(0, -1);
  if (route === '') return '/';
  return route.charCodeAt(0) === 47 ? route : `/${route}`;
}
