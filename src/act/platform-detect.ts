import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  herokuAppFromGitConfig,
  parseCompose,
  parseFlyToml,
  parseKubernetesManifests,
  parseRenderYaml,
  parseVercelName,
  type DeployPlatform,
  type Workload,
} from './platforms.js';

/**
 * Reading the repository for the files a deploy platform leaves there. Only known names at
 * known places are opened (and only small ones): a repository is never walked wholesale.
 */

const MAX_FILE_BYTES = 256 * 1024;
const MAX_MANIFESTS = 40;
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const KUBE_DIRS = ['k8s', 'kubernetes', 'kube', 'deploy', 'deployment', 'manifests', '.k8s', 'infra/k8s', 'deploy/k8s'];
const KUSTOMIZATIONS = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

async function readSmall(file: string): Promise<string | null> {
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return null;
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function firstExisting(repo: string, names: string[]): Promise<{ name: string; text: string } | null> {
  for (const name of names) {
    const text = await readSmall(path.join(repo, name));
    if (text !== null) return { name, text };
  }
  return null;
}

/** YAML files in the usual manifest folders (one level of subfolders, for overlays/base). */
async function manifestFiles(repo: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of KUBE_DIRS) {
    // Sorted: the same repository always shows the same file first.
    const entries = (await readdir(path.join(repo, dir), { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(rel);
      if (entry.isDirectory()) {
        const nested = await readdir(path.join(repo, rel), { withFileTypes: true }).catch(() => []);
        found.push(...nested.filter((n) => n.isFile() && /\.ya?ml$/.test(n.name)).map((n) => path.posix.join(rel, n.name)).sort());
      }
      if (found.length >= MAX_MANIFESTS) return found.slice(0, MAX_MANIFESTS);
    }
  }
  return found;
}

async function kubernetes(repo: string): Promise<DeployPlatform | null> {
  const kustomization = await firstExisting(repo, KUSTOMIZATIONS);
  const files = kustomization ? [kustomization.name, ...(await manifestFiles(repo))] : await manifestFiles(repo);
  const workloads: Workload[] = [];
  let shown: string | null = kustomization?.name ?? null;
  for (const file of files) {
    const text = await readSmall(path.join(repo, file));
    const found = text === null ? [] : parseKubernetesManifests(text);
    if (found.length && !shown) shown = file;
    for (const w of found) if (!workloads.some((x) => x.name === w.name && x.namespace === w.namespace)) workloads.push(w);
  }
  return shown ? { id: 'kubernetes', file: shown, workloads } : null;
}

async function heroku(repo: string, others: DeployPlatform[]): Promise<DeployPlatform | null> {
  const gitConfig = await readSmall(path.join(repo, '.git', 'config'));
  const app = gitConfig === null ? null : herokuAppFromGitConfig(gitConfig);
  const workloads = app ? [{ name: app }] : [];
  if (app) return { id: 'heroku', file: '.git/config', workloads };
  const marker = await firstExisting(repo, ['app.json', 'heroku.yml']);
  if (marker) return { id: 'heroku', file: marker.name, workloads };
  // Render, Railway and Dokku read a Procfile too: alone it says Heroku only when nothing else does.
  const procfile = others.length === 0 ? await firstExisting(repo, ['Procfile']) : null;
  return procfile ? { id: 'heroku', file: 'Procfile', workloads } : null;
}

/** Every platform the repository shows, the most specific evidence first. */
export async function detectPlatforms(repo: string): Promise<DeployPlatform[]> {
  const platforms: DeployPlatform[] = [];
  const fly = await firstExisting(repo, ['fly.toml']);
  if (fly) platforms.push({ id: 'fly', file: fly.name, workloads: parseFlyToml(fly.text) });
  const vercelJson = await readSmall(path.join(repo, 'vercel.json'));
  const vercelProject = await readSmall(path.join(repo, '.vercel', 'project.json'));
  if (vercelJson !== null || vercelProject !== null) {
    platforms.push({ id: 'vercel', file: vercelJson !== null ? 'vercel.json' : '.vercel/project.json', workloads: parseVercelName(vercelJson, vercelProject) });
  }
  const render = await firstExisting(repo, ['render.yaml', 'render.yml']);
  if (render) platforms.push({ id: 'render', file: render.name, workloads: parseRenderYaml(render.text) });
  const railway = await firstExisting(repo, ['railway.json', 'railway.toml']);
  if (railway) platforms.push({ id: 'railway', file: railway.name, workloads: [] });
  const herokuPlatform = await heroku(repo, platforms);
  if (herokuPlatform) platforms.push(herokuPlatform);
  const kube = await kubernetes(repo);
  if (kube) platforms.push(kube);
  const compose = await firstExisting(repo, COMPOSE_FILES);
  if (compose) platforms.push({ id: 'docker-compose', file: compose.name, workloads: parseCompose(compose.text) });
  return platforms;
}
