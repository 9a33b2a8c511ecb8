import type { DeployPlatform, PlatformId, Workload } from './platforms.js';

/**
 * The exact commands each platform's own CLI takes for the moves the catalog knows. A value the
 * repository cannot tell (a Render service ID, a Fly image) stays a visible `<PLACEHOLDER>`, and
 * the run policy refuses to run a command that still has one: a wrong guess in production is
 * worse than a blank to fill in.
 */

export interface PlatformMove {
  command: string;
  /** Why this form, and how to undo it. */
  note: string;
}

export interface PlatformTarget {
  platform: DeployPlatform;
  workload: Workload | null;
}

/** Single-quoted for POSIX shells: `'it'\''s'`. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function kube(w: Workload | null): { ref: string; ns: string } | null {
  if (!w) return null;
  return { ref: `${w.kind ?? 'deployment'}/${w.name}`, ns: w.namespace ? ` -n ${w.namespace}` : '' };
}

const flag = (option: string, value: string | null | undefined): string => (value ? ` ${option} ${value}` : '');

type Moves = {
  rollback?: (t: PlatformTarget, goodCommit: string | null) => PlatformMove | null;
  restart?: (t: PlatformTarget) => PlatformMove | null;
  scale?: (t: PlatformTarget) => PlatformMove | null;
  setEnv?: (t: PlatformTarget, key: string, value: string) => PlatformMove | null;
  check?: (t: PlatformTarget) => PlatformMove | null;
  /** Ships what the working tree now holds (after a revert or a restored file). */
  deploy?: (t: PlatformTarget, file: string | null) => string | null;
};

const MOVES: Record<PlatformId, Moves> = {
  vercel: {
    rollback: () => ({ command: 'vercel rollback', note: 'Instant rollback to the previous production deployment; undo with `vercel promote <deployment>`.' }),
    check: () => ({ command: 'vercel list --prod', note: 'Lists production deployments.' }),
    deploy: () => 'vercel deploy --prod',
  },
  fly: {
    rollback: ({ workload }) => ({
      command: `fly deploy${flag('--app', workload?.name)} --image <IMAGE>`,
      note: `Fly has no rollback command: redeploy the image of the last good release, listed by \`fly releases${flag('--app', workload?.name)} --image\`.`,
    }),
    restart: ({ workload }) => (workload ? { command: `fly apps restart ${workload.name}`, note: 'Restarts every machine of the app.' } : null),
    scale: ({ workload }) => ({ command: `fly scale count <COUNT>${flag('--app', workload?.name)}`, note: `Pick a count above today's, shown by \`fly scale show${flag('--app', workload?.name)}\`.` }),
    setEnv: ({ workload }, key, value) => ({ command: `fly secrets set ${shellQuote(`${key}=${value}`)}${flag('--app', workload?.name)}`, note: 'Setting a secret restarts the machines with it.' }),
    check: ({ workload }) => ({ command: `fly releases${flag('--app', workload?.name)} --image`, note: 'Lists releases with their images.' }),
    deploy: () => 'fly deploy',
  },
  render: {
    rollback: (_t, goodCommit) => ({
      command: `render deploys create <SERVICE_ID> --commit ${goodCommit ?? '<COMMIT>'} --wait --confirm`,
      note: 'Deploys the last good commit; the service ID (srv-…) is listed by `render services`.',
    }),
    restart: () => ({ command: 'render restart <SERVICE_ID>', note: 'The service ID (srv-…) is listed by `render services`.' }),
    check: () => ({ command: 'render deploys list <SERVICE_ID>', note: 'Lists the deploys of the service.' }),
  },
  heroku: {
    rollback: ({ workload }) => ({ command: `heroku rollback${flag('-a', workload?.name)}`, note: 'Rolls back to the previous release (config changes are releases too: check `heroku releases` first); undo by rolling back to the newer one.' }),
    restart: ({ workload }) => ({ command: `heroku ps:restart${flag('-a', workload?.name)}`, note: 'Restarts every dyno.' }),
    scale: ({ workload }) => ({ command: `heroku ps:scale web+1${flag('-a', workload?.name)}`, note: 'One more web dyno; `heroku ps:scale web-1` undoes it.' }),
    setEnv: ({ workload }, key, value) => ({ command: `heroku config:set ${shellQuote(`${key}=${value}`)}${flag('-a', workload?.name)}`, note: 'Setting a config var restarts the dynos with it.' }),
    check: ({ workload }) => ({ command: `heroku releases${flag('-a', workload?.name)}`, note: 'Lists releases.' }),
  },
  railway: {
    restart: ({ workload }) => ({ command: `railway restart${flag('--service', workload?.name)} --yes`, note: 'Restarts the latest deployment without a rebuild.' }),
    setEnv: ({ workload }, key, value) => ({ command: `railway variables --set ${shellQuote(`${key}=${value}`)}${flag('--service', workload?.name)}`, note: 'Changing a variable redeploys the service.' }),
    check: () => ({ command: 'railway status', note: 'Shows the linked project and service.' }),
    deploy: ({ workload }) => `railway up --detach${flag('--service', workload?.name)}`,
  },
  'docker-compose': {
    restart: ({ workload }) => (workload ? { command: `docker compose restart ${workload.name}`, note: 'Restarts the service containers.' } : null),
    scale: ({ workload }) => {
      if (!workload) return null;
      const now = workload.replicas ?? 1;
      return { command: `docker compose up -d --no-recreate --scale ${workload.name}=${now + 1}`, note: `From ${now} to ${now + 1} containers (a fixed host port cannot be shared: scale fails then); \`--scale ${workload.name}=${now}\` undoes it.` };
    },
    check: ({ workload }) => ({ command: `docker compose ps${workload ? ` ${workload.name}` : ''}`, note: 'Shows the containers and their state.' }),
    deploy: ({ workload }) => `docker compose up -d --build${workload ? ` ${workload.name}` : ''}`,
  },
  kubernetes: {
    rollback: ({ workload }) => {
      const k = kube(workload);
      return k ? { command: `kubectl rollout undo ${k.ref}${k.ns}`, note: 'Back to the previous ReplicaSet; `kubectl rollout undo` again returns to this one.' } : null;
    },
    restart: ({ workload }) => {
      const k = kube(workload);
      return k ? { command: `kubectl rollout restart ${k.ref}${k.ns}`, note: 'Replaces the pods one by one.' } : null;
    },
    scale: ({ workload }) => {
      const k = kube(workload);
      if (!k) return null;
      // --current-replicas makes it a no-op when the live count is not what the manifest says (an autoscaler moved it).
      if (workload?.replicas) return { command: `kubectl scale ${k.ref}${k.ns} --current-replicas=${workload.replicas} --replicas=${workload.replicas * 2}`, note: `Doubles the ${workload.replicas} replicas the manifest declares; it refuses if the live count differs.` };
      return { command: `kubectl scale ${k.ref}${k.ns} --replicas=<REPLICAS>`, note: `Pick a count above the live one (\`kubectl get ${k.ref}${k.ns}\`).` };
    },
    setEnv: ({ workload }, key, value) => {
      const k = kube(workload);
      return k ? { command: `kubectl set env ${k.ref}${k.ns} ${shellQuote(`${key}=${value}`)}`, note: 'Rolls the pods with the new value; `kubectl rollout undo` reverts it.' } : null;
    },
    check: ({ workload }) => {
      const k = kube(workload);
      return k ? { command: `kubectl rollout history ${k.ref}${k.ns}`, note: 'Lists the revisions a rollback can return to.' } : null;
    },
    deploy: ({ platform }, file) => (file && /\.ya?ml$/.test(file) && !/compose/.test(file) ? `kubectl apply -f ${shellQuote(file)}` : platform.file.startsWith('kustomization') ? 'kubectl apply -k .' : null),
  },
};

export function platformRollback(target: PlatformTarget, goodCommit: string | null): PlatformMove | null {
  return MOVES[target.platform.id].rollback?.(target, goodCommit) ?? null;
}

export function platformRestart(target: PlatformTarget): PlatformMove | null {
  return MOVES[target.platform.id].restart?.(target) ?? null;
}

export function platformScale(target: PlatformTarget): PlatformMove | null {
  return MOVES[target.platform.id].scale?.(target) ?? null;
}

export function platformCheck(target: PlatformTarget): PlatformMove | null {
  return MOVES[target.platform.id].check?.(target) ?? null;
}

/** Null for keys that are not environment variable names, and for values evidence redacted. */
export function platformSetEnv(target: PlatformTarget, key: string, value: string): PlatformMove | null {
  if (!ENV_KEY.test(key) || value === '[redacted]') return null;
  return MOVES[target.platform.id].setEnv?.(target, key, value) ?? null;
}

export function platformDeploy(target: PlatformTarget, file: string | null = null): string | null {
  return MOVES[target.platform.id].deploy?.(target, file) ?? null;
}

/** `<IMAGE>`, `<SERVICE_ID>`: values a person fills in before the command can run. */
export function placeholdersIn(command: string): string[] {
  return [...command.matchAll(/<([A-Z][A-Z0-9_]*)>/g)].map((m) => m[0]);
}
