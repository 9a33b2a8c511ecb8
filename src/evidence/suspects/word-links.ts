import type { Commit } from '../types.js';
import type { ErrorNature } from './error-nature.js';
import type { Link } from './links.js';
import { termsOf, type RouteTerm } from './terms.js';

/**
 * A word of the error message in the commit's subject: "Are you passing the raw request body"
 * and "Parse JSON bodies globally". Error messages often say what went wrong in the words a
 * developer would use to describe the change, even when the changed file is not in the stack.
 *
 * Words that other links already weigh are left out, so one fact is not counted twice: the
 * failing route's words (route links) and the names of packages the commit bumps (dependency links).
 */
export function errorWordLinks(commit: Commit, nature: ErrorNature, routeTerms: RouteTerm[]): Link[] {
  if (nature.words.length === 0) return [];
  const counted = new Set([...routeTerms.map((route) => route.term), ...commit.dependencyChanges.flatMap((change) => termsOf(change.name))]);
  const errorWords = new Set(nature.words);
  const shared = termsOf(commit.subject).filter((word) => word.length >= 4 && errorWords.has(word) && !counted.has(word));
  if (shared.length === 0) return [];
  const quoted = shared.slice(0, 2).map((word) => `"${word}"`).join(' and ');
  // One shared word is a hint; two are a description of the same failure.
  return [{ strength: shared.length > 1 ? 0.5 : 0.4, reason: `its subject says ${quoted}, like the error message`, evidence: [] }];
}
