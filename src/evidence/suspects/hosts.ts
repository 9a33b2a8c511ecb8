/**
 * Host names in error text, split into the service's own (localhost, private addresses,
 * cluster-internal names, database ports) and external ones, which point at an upstream.
 */

const DATABASE_PORTS = new Set(['5432', '3306', '6379', '27017', '9200', '11211', '1433', '26257']);
// Bare names need a recognisable suffix, or `socket.io` and `req.app` would read as hosts.
const COMMON_TLDS = 'com|net|org';
const OTHER_TLDS = 'io|dev|app|co|ai|cloud|services|tech|xyz|de|uk|eu|fr|nl|jp|ca|au';
const URL_HOST = /\bhttps?:\/\/([a-z0-9.-]+)(?::(\d+))?(\/[^\s"'<>?#]*)?/gi;
const HOST_PORT = /\b((?:\d{1,3}\.){3}\d{1,3}|[a-z0-9-]+(?:\.[a-z0-9-]+)*):(\d{2,5})\b/gi;
const BARE_DOMAIN = new RegExp(`\\b((?:[a-z0-9-]+\\.)+(?:${COMMON_TLDS})|(?:[a-z0-9-]+\\.){2,}(?:${OTHER_TLDS}))\\b`, 'gi');

const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'golang.org', 'gopkg.in', 'go.uber.org', 'google.golang.org', 'pkg.go.dev', 'go.opentelemetry.io']);

interface HostMention {
  host: string;
  port: string | null;
  /** The URL path, when the host came from a URL. */
  path: string | null;
}

function mentions(text: string): HostMention[] {
  const found: HostMention[] = [];
  for (const match of text.matchAll(URL_HOST)) found.push({ host: (match[1] ?? '').toLowerCase(), port: match[2] ?? null, path: match[3] ?? null });
  for (const match of text.matchAll(HOST_PORT)) found.push({ host: (match[1] ?? '').toLowerCase(), port: match[2] ?? null, path: null });
  for (const match of text.matchAll(BARE_DOMAIN)) {
    const host = (match[1] ?? '').toLowerCase();
    // `github.com/acme/shop/internal/x.go` in a Go stack is a module path, not a call to GitHub.
    if (!CODE_HOSTS.has(host)) found.push({ host, port: null, path: null });
  }
  return found.filter((mention) => mention.host !== '');
}

export function isInternalHost(host: string, ownHosts: string[]): boolean {
  if (host === 'localhost' || ownHosts.includes(host) || !host.includes('.')) return true;
  if (/\.(local|internal|svc|cluster\.local|lan|home|test|example)$/.test(host)) return true;
  const octets = host.split('.').map(Number);
  if (octets.length === 4 && octets.every((octet) => Number.isInteger(octet))) {
    const [a = 0, b = 0] = octets;
    return a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
  }
  return false;
}

/**
 * `ownHosts`: the service's own names (its service name, server name, request host), lower-case.
 * `ownRoutes`: its routes (`/api/orders/:id`); a URL to one of them (`https://shop.example/api/orders/4711`)
 * is a request to this service, so its host is the service's own too.
 */
export function externalHosts(text: string, ownHosts: string[], ownRoutes: string[] = []): string[] {
  const found = mentions(text);
  const routes = new Set(ownRoutes.map(routeShape));
  const own = new Set([...ownHosts, ...found.filter((mention) => mention.path && routes.has(routeShape(mention.path))).map((mention) => mention.host)]);
  const hosts = found
    .filter((mention) => !own.has(mention.host) && (mention.port === null || !DATABASE_PORTS.has(mention.port)))
    .map((mention) => mention.host)
.filter((host) => !isInternalHost(host, [...own]) && !/\.(js|ts|py|go|rb|rs|java|json|ya?ml)$/.test(host) && !/(^|\.)sentry\.io$/.test(host));
  return [...new Set(hosts)];
}

export function databaseHosts(text: string): string[] {
  return [...new Set(mentions(text).filter((mention) => mention.port !== null && DATABASE_PORTS.has(mention.port)).map((mention) => mention.host))];
}

/** `/api/orders/4711` and `GET /api/orders/:id` both become `/api/orders/:id`. */
export function routeShape(route: string): string {
  const path = route.replace(/^[A-Z]+\s+/, '').replace(/[?#].*$/, '');
  const segments = path.split('/').map((segment) => (/^[:{<]|^\d+$|^[0-9a-f-]{8,}$|\d.*[a-z]|[a-z].*\d/i.test(segment) && segment !== '' && !/^v\d+$/.test(segment) ? ':id' : segment));
  return segments.join('/').replace(/\/$/, '') || '/';
}
