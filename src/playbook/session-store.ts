import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { SESSION_VERSION, type SessionState } from './session.js';

/** Sessions live in <repo>/.triage/sessions/<id>/state.json, next to their log. */
export function sessionsDir(repo: string): string {
  return path.join(repo, '.triage', 'sessions');
}

export function sessionDir(repo: string, id: string): string {
  return path.join(sessionsDir(repo), id);
}

export async function saveSession(state: SessionState): Promise<void> {
  const dir = sessionDir(state.options.repo, state.id);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

export async function loadSession(repo: string, id: string): Promise<SessionState> {
  if (!/^[\w.-]+$/.test(id)) throw new InputError(`"${id}" is not a session id`, { hint: 'Run `triage sessions` to list them.' });
  const file = path.join(sessionDir(repo, id), 'state.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(`no session "${id}" in ${sessionsDir(repo)}`, { hint: 'Run `triage sessions` to list them.' });
  }
  let state: SessionState;
  try {
    state = JSON.parse(text) as SessionState;
  } catch {
    throw new InputError(`session file ${file} is not valid JSON`, { hint: 'It may have been edited by hand; start a new session.' });
  }
  if (state.version !== SESSION_VERSION) {
    throw new InputError(`session ${id} was saved by an incompatible triage (version ${String(state.version)})`);
  }
  return state;
}

export interface SessionSummary {
  id: string;
  status: SessionState['status'];
  title: string;
  firedAt: string;
  startedAt: string;
  updatedAt: string;
  stepsDone: number;
  drill: boolean;
}

export async function listSessions(repo: string): Promise<SessionSummary[]> {
  let ids: string[];
  try {
    ids = await readdir(sessionsDir(repo));
  } catch {
    return [];
  }
  const summaries: SessionSummary[] = [];
  for (const id of ids.sort().reverse()) {
    const state = await loadSession(repo, id).catch(() => null);
    if (!state) continue;
    summaries.push({
      id,
      status: state.status,
      title: state.alert.title,
      firedAt: state.alert.firedAt,
      startedAt: state.startedAt,
      updatedAt: state.updatedAt,
      stepsDone: state.steps.filter((s) => s.status !== 'pending').length,
      drill: state.drill,
    });
  }
  return summaries;
}
