import { parse as parseYaml, parseAllDocuments } from 'yaml';

/**
 * Where the application runs, read from the files its repository keeps for the platform
 * (fly.toml, render.yaml, k8s manifests, ...). Pure: each parser takes a file's text, so the
 * catalog's platform commands are tested without a filesystem.
 */

export const PLATFORM_IDS = ['vercel', 'fly', 'render', 'heroku', 'railway', 'docker-compose', 'kubernetes'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export interface Workload {
  /** App, service or deployment name as the platform's CLI takes it. */
  name: string;
  /** Kubernetes only. */
  namespace?: string | null;
  /** Kubernetes `deployment` or `statefulset`. */
  kind?: string;
  /** Replicas or instances the repository declares, when it does. */
  replicas?: number | null;
}

export interface DeployPlatform {
  id: PlatformId;
  /** The file that showed it (relative to the repository). */
  file: string;
  /** What runs there, best match for the alert's service first; empty when the files do not name it. */
  workloads: Workload[];
}

export const PLATFORM_NAMES: Record<PlatformId, string> = {
  vercel: 'Vercel',
  fly: 'Fly.io',
  render: 'Render',
  heroku: 'Heroku',
  railway: 'Railway',
  'docker-compose': 'Docker Compose',
  kubernetes: 'Kubernetes',
};

function safeName(value: unknown): string | null {
  // Names end up in shell commands: anything beyond a plain identifier is left out, not quoted.
  return typeof value === 'string' && /^[A-Za-z0-9][\w.-]{0,62}$/.test(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** fly.toml: the top-level `app = "name"` (a TOML subset is enough: it is one key). */
export function parseFlyToml(text: string): Workload[] {
  const app = /^\s*app\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  const name = safeName(app);
  const machines = /^\s*min_machines_running\s*=\s*(\d+)/m.exec(text)?.[1];
  return name ? [{ name, replicas: machines ? Number(machines) : null }] : [];
}

/** render.yaml (a Blueprint): its web and worker services. */
export function parseRenderYaml(text: string): Workload[] {
  const doc = record(safeYaml(text));
  const services = Array.isArray(doc?.services) ? doc.services : [];
  return services.flatMap((s): Workload[] => {
    const service = record(s);
    const name = safeName(service?.name);
    return name ? [{ name, replicas: typeof service?.numInstances === 'number' ? service.numInstances : null }] : [];
  });
}

/** docker-compose.yml / compose.yaml: the services, those that build from this repository first. */
export function parseCompose(text: string): Workload[] {
  const services = record(record(safeYaml(text))?.services);
  if (!services) return [];
  const entries = Object.entries(services).map(([key, value]) => ({ key, built: Boolean(record(value)?.build), replicas: record(record(value)?.deploy)?.replicas }));
  entries.sort((a, b) => Number(b.built) - Number(a.built));
  return entries.flatMap((e) => {
    const name = safeName(e.key);
    return name ? [{ name, replicas: typeof e.replicas === 'number' ? e.replicas : null }] : [];
  });
}

const WORKLOAD_KINDS: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset' };

/** Kubernetes manifests (several documents per file): Deployments and StatefulSets. */
export function parseKubernetesManifests(text: string): Workload[] {
  let documents: unknown[];
  try {
    documents = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  } catch {
    return [];
  }
  return documents.flatMap((d): Workload[] => {
    const doc = record(d);
    const kind = typeof doc?.kind === 'string' ? WORKLOAD_KINDS[doc.kind] : undefined;
    const metadata = record(doc?.metadata);
    const name = safeName(metadata?.name);
    if (!kind || !name) return [];
    const replicas = record(doc?.spec)?.replicas;
    return [{ name, kind, namespace: safeName(metadata?.namespace), replicas: typeof replicas === 'number' ? replicas : null }];
  });
}

/** The Heroku app from a git remote URL (`https://git.heroku.com/<app>.git`), when .git/config has one. */
export function herokuAppFromGitConfig(text: string): string | null {
  const app = /url\s*=\s*(?:https:\/\/git\.heroku\.com\/|git@heroku\.com:)([\w-]+)\.git/.exec(text)?.[1];
  return safeName(app);
}

/** vercel.json's `name` (older projects), else .vercel/project.json's `projectName` when it was linked. */
export function parseVercelName(vercelJson: string | null, projectJson: string | null): Workload[] {
  for (const text of [projectJson, vercelJson]) {
    if (text === null) continue;
    const doc = record(safeJson(text));
    const name = safeName(doc?.projectName) ?? safeName(doc?.name);
    if (name) return [{ name }];
  }
  return [];
}

/** The workload named like the alert's service first: that is the one the incident is about. */
export function preferService(workloads: Workload[], service: string | null): Workload[] {
  if (!service) return workloads;
  const wanted = service.toLowerCase();
  const score = (w: Workload): number => (w.name.toLowerCase() === wanted ? 2 : w.name.toLowerCase().includes(wanted) || wanted.includes(w.name.toLowerCase()) ? 1 : 0);
  return [...workloads].sort((a, b) => score(b) - score(a));
}

function safeYaml(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** One fact per platform, so a helper can cite what a platform command rests on. */
export function platformFacts(platforms: DeployPlatform[]): { id: string; kind: 'platform'; summary: string }[] {
  return platforms.map((p) => ({
    id: `platform:${p.id}`,
    kind: 'platform' as const,
    summary: `${PLATFORM_NAMES[p.id]} (${p.file})${p.workloads.length ? `: ${p.workloads.slice(0, 5).map((w) => `${w.kind ? `${w.kind}/` : ''}${w.name}${w.namespace ? ` in ${w.namespace}` : ''}`).join(', ')}` : ''}`,
  }));
}
