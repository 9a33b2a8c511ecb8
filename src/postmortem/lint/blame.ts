import type { ParsedEntry } from '../parse.js';
import type { LintContext, LintRule, RuleHit } from './types.js';

/**
 * Blameless postmortems describe what the system allowed, not who slipped. Two patterns:
 * judging words that blame whoever they are about ("careless", "human error"), and a person
 * (an @handle, a configured name, an action-item owner, he/she) right next to a blame word
 * ("Bob forgot", "caused by @ana", "Dave's mistake"). Systems next to blame words ("the
 * deploy broke checkout") are the point of a postmortem and are left alone.
 */

// One alternation, so the file is scanned once; `git blame` and `page fault` are not blame.
const JUDGING = /\b(?:(?<!git )blame[sd]?|blaming|careless(?:ly|ness)?|negligen(?:t|ce)|incompeten(?:t|ce)|stupid(?:ity)?|idiot(?:ic|s)?|lazy|sloppy|screwed up|messed up|dropped the ball|should have known better|human error|(?:his|her|their|your|my) fault)\b/gi;
// Kept apart: a `\w+'s` branch in the pattern above would be tried at every letter of every line.
const POSSESSIVE_FAULT = /\b[\p{L}\p{N}_]+'s fault\b/giu;

export const DEFAULT_BLAME_WORDS: readonly string[] = [
  'forgot', 'forgot to', 'broke', 'messed up', 'screwed up', 'neglected', 'ignored', 'overlooked', 'missed', 'mistake',
  'fault', 'error', 'failed to', 'should have', "shouldn't have", 'did not check', "didn't check", 'accidentally',
  'carelessly', 'caused', 'was responsible', 'blamed',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (items: Iterable<string>): string =>
  [...new Set([...items].map((item) => item.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((item) => escapeRegExp(item).replace(/ /g, '\\s+'))
    .join('|');

/** Lower-cased names a person can go by here: he/she, configured people, action-item owners. */
function personNames(context: LintContext): Set<string> {
  const names = new Set(['he', 'she']);
  const add = (name: string) => {
    const clean = name.trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
    // Owners such as "@me" or "team" name nobody in particular.
    if (clean.length >= 2 && !NOT_A_NAME.has(clean)) names.add(clean);
  };
  context.settings.blame.people.forEach(add);
  // Owners repeat from entry to entry (a solo developer is every owner): clean each spelling once.
  const seen = new Set<string>();
  for (const { entry } of context.parsed.entries) {
    for (const item of entry.actionItems ?? []) {
      if (item.owner && !seen.has(item.owner)) {
        seen.add(item.owner);
        add(item.owner);
      }
    }
  }
  return names;
}

const NOT_A_NAME = new Set(['me', 'myself', 'us', 'we', 'team', 'everyone', 'nobody', 'tbd', 'none', 'n/a']);
const POSSESSIVE = /['’]s$/;
const HANDLE = /^@[\w-]+$/;

interface Token {
  text: string;
  index: number;
}

/** A person's span ending at `tokens[end]` (one word, or two for "Dave Smith"), or null. */
function personEndingAt(tokens: readonly Token[], end: number, names: Set<string>): Token | null {
  const last = tokens[end];
  if (!last) return null;
  const bare = last.text.replace(POSSESSIVE, '');
  if (HANDLE.test(bare) || names.has(bare.toLowerCase())) return last;
  const first = tokens[end - 1];
  return first && names.has(`${first.text} ${bare}`.toLowerCase()) ? first : null;
}

// How far around a blame word a person is looked for: a name, "'s" and one word easily fit.
const REACH = 60;
const BY_OR_OF = /^\s+(?:by|of)\s+/i;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;
const PLAIN_WORD = /^\p{L}+$/u;

function tokensIn(text: string, from: number, to: number): Token[] {
  return [...text.slice(from, to).matchAll(/\S+/g)].map((match) => ({ text: match[0], index: from + match.index }));
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c || code === 0x0b || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x2000 && code <= 0x200a) || code === 0x1680 || code === 0x202f || code === 0x205f || code === 0x3000;

/** Whether text[at, limit) starts with what BY_OR_OF matches: white space, "by" or "of", white space. */
function startsByOrOf(text: string, at: number, limit: number): boolean {
  let word = at;
  while (word < limit && isSpace(text.charCodeAt(word))) word += 1;
  if (word === at || word + 2 >= limit) return false;
  // `| 0x20` lower-cases an ASCII letter; only B/b, Y/y, O/o and F/f can pass these tests.
  const first = text.charCodeAt(word) | 0x20;
  const second = text.charCodeAt(word + 1) | 0x20;
  return ((first === 0x62 && second === 0x79) || (first === 0x6f && second === 0x66)) && isSpace(text.charCodeAt(word + 2));
}

/** "Bob forgot", "@ana's mistake", "he accidentally …" (a person, at most one word between), or "caused by Bob". */
function personNear(text: string, word: { index: number; end: number }, names: Set<string>): { from: number; to: number } | null {
  const before = tokensIn(text, Math.max(0, word.index - REACH), word.index);
  const last = before.length - 1;
  const person = personEndingAt(before, last, names) ?? (PLAIN_WORD.test(before[last]?.text ?? '') ? personEndingAt(before, last - 1, names) : null);
  if (person) return { from: person.index, to: word.end };
  const by = BY_OR_OF.exec(text.slice(word.end, word.end + REACH));
  if (!by) return null;
  // After "by"/"of" the person is the next word or two, punctuation after them aside.
  const after = tokensIn(text, word.end + by[0].length, word.end + REACH).slice(0, 2).map((token) => ({ ...token, text: token.text.replace(TRAILING_PUNCTUATION, '') }));
  for (const count of [1, 2]) {
    const named = after.slice(0, count);
    if (named.length < count) break;
    const candidate = named.map((token) => token.text).join(' ').replace(POSSESSIVE, '');
    if ((count === 1 && HANDLE.test(candidate)) || names.has(candidate.toLowerCase())) {
      const end = named[named.length - 1]!;
      return { from: word.index, to: end.index + end.text.length };
    }
  }
  return null;
}

interface Match {
  from: number;
  to: number;
  personal: boolean;
}

/**
 * A pattern for "some word before here could be a person": a handle or a known name starting a
 * word. It only rules out: personNear decides, on the words themselves. Built from the
 * lower-cased names and tested on lower-cased text, as personNear compares them.
 */
function personPrefix(names: Set<string>): RegExp {
  const alternatives = [...names].map((name) => escapeRegExp(name).replace(/ /g, '\\s+'));
  return new RegExp(`(?:^|\\s)(?:@${alternatives.map((name) => `|${name}`).join('')})`);
}

function matchesIn(text: string, words: RegExp, names: Set<string>): Match[] {
  const found: Match[] = [];
  const mayBePerson = personPrefix(names);
  for (const word of text.matchAll(words)) {
    const end = word.index + word[0].length;
    // Most blame words ("error rate") have no person before them and no "by"/"of" after: one
    // native test of the words before settles it, without tokenizing them (see personNear).
    const before = text.slice(Math.max(0, word.index - REACH), word.index).toLowerCase();
    if (!mayBePerson.test(before) && !startsByOrOf(text, end, Math.min(text.length, end + REACH))) continue;
    const span = personNear(text, { index: word.index, end }, names);
    if (span) found.push({ ...span, personal: true });
  }
  for (const match of text.matchAll(JUDGING)) found.push({ from: match.index, to: match.index + match[0].length, personal: false });
  if (text.includes("'s fault")) for (const match of text.matchAll(POSSESSIVE_FAULT)) found.push({ from: match.index, to: match.index + match[0].length, personal: false });
  // A person-next-to-blame match often contains a judging word too: report the span once.
  found.sort((a, b) => a.from - b.from || b.to - a.to);
  return found.filter((match, at) => at === 0 || match.from >= found[at - 1]!.to);
}

function allowed(text: string, match: Match, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  const lineStart = text.lastIndexOf('\n', match.from) + 1;
  const lineEnd = text.indexOf('\n', match.from);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).toLowerCase();
  const [from, to] = [match.from - lineStart, match.to - lineStart];
  return allow.some((phrase) => {
    const wanted = phrase.toLowerCase();
    for (let at = line.indexOf(wanted); at >= 0; at = line.indexOf(wanted, at + 1)) if (at < to && at + wanted.length > from) return true;
    return false;
  });
}

/** 1-based line of an offset, by binary search over line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Whether a line lies inside an entry (blame in the file's intro or stray text is not an entry's). */
function entryLines(entries: readonly ParsedEntry[]): (line: number) => boolean {
  return (line) => {
    let [low, high] = [0, entries.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const entry = entries[middle]!;
      if (line < entry.line) high = middle - 1;
      else if (line > entry.endLine) low = middle + 1;
      else return true;
    }
    return false;
  };
}

let defaultWords: RegExp | undefined;

/** The blame-word pattern; the default one is built once per process. */
function blameWords(extra: readonly string[]): RegExp {
  if (extra.length > 0) return new RegExp(`\\b(?:${alternation([...DEFAULT_BLAME_WORDS, ...extra])})\\b`, 'gi');
  defaultWords ??= new RegExp(`\\b(?:${alternation(DEFAULT_BLAME_WORDS)})\\b`, 'gi');
  return defaultWords;
}

function message(text: string, personal: boolean): string {
  const quoted = text.replace(/\s+/g, ' ');
  return personal
    ? `"${quoted}" puts a person next to blame; describe what made the slip possible and what would catch it.`
    : `"${quoted}" blames a person; describe what made the mistake possible instead.`;
}

export const blamingLanguage: LintRule = {
  id: 'PM012',
  name: 'blaming-language',
  description: 'Entries describe what the system allowed, not who to blame: no judging words, no person next to a blame word (configurable).',
  defaultSeverity: 'warning',
  // One scan of the whole file, not one per entry: a 1,000-entry file is linted on every push.
  check: (context) => {
    if (context.parsed.entries.length === 0) return [];
    const text = context.text();
    const matches = matchesIn(text, blameWords(context.settings.blame.words), personNames(context));
    if (matches.length === 0) return [];
    // Line starts only when there is something to place: a clean file never needs them.
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    const inEntry = entryLines(context.parsed.entries);
    return matches.flatMap((match): RuleHit[] => {
      const line = lineAt(starts, match.from);
      if (!inEntry(line) || allowed(text, match, context.settings.blame.allow)) return [];
      return [{ line, column: match.from - starts[line - 1]! + 1, message: message(text.slice(match.from, match.to), match.personal) }];
    });
  },
};
