import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { packagePath } from '../util/package-root.js';
import {
  PlaybookFileSchema,
  PlaybookStepOverrideSchema,
  PlaybookStepSchema,
  STEP_IDS,
  type Playbook,
  type PlaybookFile,
  type PlaybookStep,
  type PlaybookStepOverride,
} from './schema.js';

/** The playbooks that ship with triage: <package>/playbooks, next to dist/ and src/. */
export const SHIPPED_PLAYBOOK_DIR = `${packagePath('playbooks')}${path.sep}`;

export interface PlaybookProblem {
  file: string;
  line: number | null;
  field: string;
  message: string;
}

interface ParsedPlaybookFile {
  file: string;
  data: PlaybookFile;
}

export function formatProblem(p: PlaybookProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/** Parse one YAML playbook; every schema problem is reported with its line. */
export function parsePlaybookText(text: string, file: string): { data: PlaybookFile | null; problems: PlaybookProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      data: null,
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        field: '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (segments: readonly PropertyKey[]): number | null => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const toProblems = (issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): PlaybookProblem[] =>
    issues.map((issue) => {
      const segments = [...prefix, ...issue.path];
      return { file, line: lineOf(segments), field: fieldPath(segments), message: issue.message };
    });

  const result = PlaybookFileSchema.safeParse(doc.toJS());
  if (!result.success) return { data: null, problems: toProblems(result.error.issues) };
  // An extending playbook lists only what it changes; a standalone one lists every step in full.
  const stepSchema = result.data.extends ? PlaybookStepOverrideSchema : PlaybookStepSchema;
  const problems: PlaybookProblem[] = [];
  const steps = result.data.steps.flatMap((raw, i) => {
    const step = stepSchema.safeParse(raw);
    if (step.success) return [step.data];
    problems.push(...toProblems(step.error.issues, ['steps', i]));
    return [];
  });
  const ids = steps.map((s) => s.id).join(', ');
  if (!result.data.extends && problems.length === 0 && ids !== STEP_IDS.join(', ')) {
    problems.push({ file, line: lineOf(['steps']), field: 'steps', message: `a playbook without "extends" lists the eight steps in order (${STEP_IDS.join(', ')}); found ${ids}` });
  }
  return { data: problems.length ? null : { ...result.data, steps }, problems };
}

async function readPlaybookDir(dir: string, label: string): Promise<{ files: ParsedPlaybookFile[]; problems: PlaybookProblem[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], problems: [] };
    throw new InputError(`cannot read playbooks in ${label}: ${(error as Error).message}`);
  }
  const files: ParsedPlaybookFile[] = [];
  const problems: PlaybookProblem[] = [];
  for (const name of names) {
    const file = path.join(label, name);
    const { data, problems: found } = parsePlaybookText(await readFile(path.join(dir, name), 'utf8'), file);
    problems.push(...found);
    if (data) files.push({ file, data });
  }
  return { files, problems };
}

function applyOverrides(base: PlaybookStep[], overrides: PlaybookFile['steps']): PlaybookStep[] {
  return base.map((step) => {
    const parsed = overrides.find((o) => o.id === step.id);
    if (!parsed) return step;
    const o = parsed as PlaybookStepOverride;
    return {
      id: step.id,
      title: o.title ?? step.title,
      goal: o.goal ?? step.goal,
      checklist: [...(o.checklist ?? step.checklist), ...(o.addChecklist ?? [])],
      evidence: o.evidence ?? step.evidence,
    };
  });
}

/** Resolve `extends` chains; later files (the repository's) override shipped ones with the same id. */
export function resolvePlaybooks(files: ParsedPlaybookFile[]): { playbooks: Playbook[]; problems: PlaybookProblem[] } {
  const byId = new Map<string, ParsedPlaybookFile>();
  for (const f of files) byId.set(f.data.id, f);
  const resolved = new Map<string, Playbook>();
  const problems: PlaybookProblem[] = [];

  const resolve = (id: string, chain: string[]): Playbook | null => {
    const done = resolved.get(id);
    if (done) return done;
    const entry = byId.get(id);
    if (!entry) return null;
    const { data, file } = entry;
    let steps = data.steps as PlaybookStep[];
    if (data.extends) {
      if (chain.includes(data.extends)) {
        problems.push({ file, line: null, field: 'extends', message: `circular: ${[...chain, id, data.extends].join(' → ')}` });
        return null;
      }
      const base = resolve(data.extends, [...chain, id]);
      if (!base) {
        if (byId.has(data.extends)) return null;
        problems.push({ file, line: null, field: 'extends', message: `no playbook with id "${data.extends}" (known: ${[...byId.keys()].join(', ')})` });
        return null;
      }
      steps = applyOverrides(base.steps, data.steps);
    }
    const playbook: Playbook = {
      id,
      name: data.name,
      description: data.description,
      priority: data.priority,
      match: data.match ?? null,
      steps,
      origin: file,
    };
    resolved.set(id, playbook);
    return playbook;
  };

  for (const id of byId.keys()) resolve(id, []);
  return { playbooks: [...resolved.values()], problems };
}

/** Load shipped playbooks, then the repository's overrides; any problem anywhere stops the run. */
export async function loadPlaybooks(repo: string, shippedDir = SHIPPED_PLAYBOOK_DIR): Promise<Playbook[]> {
  const shipped = await readPlaybookDir(shippedDir, 'playbooks');
  const local = await readPlaybookDir(path.join(repo, '.triage', 'playbooks'), path.join('.triage', 'playbooks'));
  const { playbooks, problems } = resolvePlaybooks([...shipped.files, ...local.files]);
  const all = [...shipped.problems, ...local.problems, ...problems];
  if (all.length > 0) {
    throw new InputError(`${all.length === 1 ? 'a playbook is' : `${all.length} playbook problems are`} invalid:\n  ${all.map(formatProblem).join('\n  ')}`, {
      hint: 'Fix the file and field named above; `triage --help` lists the playbook format in the README.',
    });
  }
  if (!playbooks.some((p) => p.id === 'default')) {
    throw new InputError('no "default" playbook was found', { hint: `The shipped playbooks should be in ${shippedDir}.` });
  }
  return playbooks;
}
