import { z } from 'zod';
import { formatZodIssues } from '../alert/payload-error.js';
import type { RedactionPattern } from './patterns.js';

/**
 * Extra redaction patterns from the triage config (`.triagerc.json` → `redact.patterns`, or the
 * `triage` key of package.json; src/config/load.ts finds it). They add to the built-in list;
 * nothing here can switch a built-in pattern off.
 */

const PatternSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
  pattern: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/, 'only i, m, s and u (g is always added)').default(''),
});

const RedactConfigSchema = z.object({
  redact: z.object({ patterns: z.array(PatternSchema).default([]) }).optional(),
});

export class RedactionConfigError extends Error {}

export function compilePatterns(raw: unknown, origin: string): RedactionPattern[] {
  const parsed = RedactConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new RedactionConfigError(`${origin}: ${formatZodIssues(parsed.error.issues)}`);
  return (parsed.data.redact?.patterns ?? []).map((p, i) => {
    try {
      return { name: p.name, regex: new RegExp(p.pattern, `${p.flags}g`) };
    } catch (error) {
      throw new RedactionConfigError(`${origin}: redact.patterns[${i}].pattern: ${(error as Error).message}`);
    }
  });
}

/**
 * Throws RedactionConfigError on a broken config (unreadable, invalid, a bad pattern): the caller
 * then sends nothing at all. The file is found the way every triage command finds it.
 */
export async function loadRedactionPatterns(repo: string): Promise<RedactionPattern[]> {
  const { loadTriageConfig } = await import('../config/load.js');
  let loaded;
  try {
    loaded = await loadTriageConfig(repo, { cwd: repo });
  } catch (error) {
    throw new RedactionConfigError((error as Error).message.replace(/\s+/g, ' '));
  }
  return compilePatterns(loaded.config, loaded.file ?? 'the triage config');
}
