/**
 * Words that name a part of the application, for matching a failing route or component
 * (`/api/upload`, `UploadController`) with the paths and subjects of commits
 * (`internal/upload/handler.go`, `uploads.ts`).
 */

const STOP_WORDS = new Set(
  (
    'api app apps src lib libs internal pkg cmd index main server servers handler handlers route routes controller controllers ' +
    'service services util utils helper helpers common core shared http https www com get post put delete patch head options ' +
    'the and for with from into fix fixes add adds update updates bump chore feat refactor test tests spec new use when more less ' +
    'error errors json yaml yml ts tsx js jsx mjs cjs py go rb rs java php html css view views model models v1 v2 v3 id ids ' +
    'file function method object anonymous module async await default run call handle request response req res data ' +
    'promise process node this self dist build out'
  ).split(' '),
);

/** Lower-case words of a path, route or sentence, split on punctuation and camelCase, roughly singular. */
export function termsOf(text: string): string[] {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/:[A-Za-z_]+|\{[^}]*\}|\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const terms = words.filter((word) => word.length >= 3 && !/^\d+$/.test(word)).map(singular).filter((word) => !STOP_WORDS.has(word));
  return [...new Set(terms)];
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

export interface RouteTerm {
  term: string;
  /** Where the term was read: the route or component as written. */
  source: string;
  /** The localization fact it came from, when it came from the logs. */
  evidence: string | null;
}

/**
 * Words every error message uses, whatever broke: they would tie any commit to any error.
 * (Verbs and nouns of commit subjects such as `parse` or `body` stay: they name what changed.)
 */
const MESSAGE_WORDS = new Set(
  (
    'are you your was were has have had been being does did not none null nil undefined unknown cannot could would should must ' +
    'found expected expect matching match passing passed received receive given got unable failed fail failure invalid missing ' +
    'exist exists value type argument property attribute object string number code status message reason cause caused while ' +
    'during after before than that this these those there their which what when where because please check make sure see ' +
    'exception traceback stack line column call called calling return returned read write unexpected occurred internal'
  )
    .split(' ')
    // Compared after termsOf has made words singular (`does` becomes `doe`), so store them that way.
    .map(singular),
);

/** Words of an error message worth matching against commit subjects: at least four letters, not error boilerplate. */
export function messageTermsOf(text: string): string[] {
  return termsOf(text).filter((word) => word.length >= 4 && !MESSAGE_WORDS.has(word));
}
