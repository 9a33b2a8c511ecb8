import type { ActRecord, ActSettings } from '../act/act-record.js';
import type { Alert } from '../alert/schema.js';
import type { Evidence } from '../evidence/types.js';
import type { HelperName, StepOutput, TimelineEntry } from '../helpers/types.js';
import type { LlmUsage } from '../report.js';
import { STEP_IDS, type Playbook, type StepId } from './schema.js';

/**
 * A session is the whole state of one incident walk, saved after every step so a crash or
 * Ctrl-C loses at most the step in progress. Evidence is saved too: a resumed session reasons
 * over exactly what the first run read.
 */

export const SESSION_VERSION = 1;

export interface StepRecord {
  id: StepId;
  status: 'pending' | 'done' | 'skipped';
  output: StepOutput | null;
  helper: HelperName | null;
  notes: string[];
  finishedAt: string | null;
  /** Model usage at this step (the step, a repair, follow-up questions); absent offline. */
  llm?: LlmUsage | null;
  /** Questions the person asked at this step and Claude's answers. */
  followUps?: { at: string; question: string; answer: string }[];
}

export interface SessionOptions {
  repo: string;
  logs: string[];
  postmortems: string;
  since: string;
  window: string;
  dryRun: boolean;
  llm: boolean;
  offline: boolean;
  /** The Claude settings the session started with, so `resume` keeps model, budget and timeout. */
  claude?: { model: string; maxTokensBudget: number | null; timeoutSeconds: number };
  /** --allow-run, the stabilize watch and the update cadence, so `resume` keeps them. */
  act?: ActSettings;
}

export interface SessionState {
  version: typeof SESSION_VERSION;
  id: string;
  status: 'in-progress' | 'stopped' | 'completed';
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  drill: boolean;
  options: SessionOptions;
  alert: Alert;
  playbook: Playbook;
  playbookReason: string;
  window: { changesSince: string; logsFrom: string; logsTo: string };
  evidence: Evidence;
  steps: StepRecord[];
  timeline: TimelineEntry[];
  postmortem: { path: string; written: boolean };
  llm: LlmUsage;
  /** Commands run, the stabilize watch, status updates sent; absent until something was done. */
  act?: ActRecord;
}

/** `20261123-031500-a1b2`: sortable by start time, unique enough for one repository. */
export function newSessionId(now: Date, random: () => number = Math.random): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const suffix = Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  return `${stamp}-${suffix}`;
}

export function emptySteps(): StepRecord[] {
  return STEP_IDS.map((id) => ({ id, status: 'pending', output: null, helper: null, notes: [], finishedAt: null }));
}

export function nextPendingStep(state: SessionState): number {
  return state.steps.findIndex((s) => s.status === 'pending');
}
