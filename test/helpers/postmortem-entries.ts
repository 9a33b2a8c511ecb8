import { PostmortemEntrySchema, type PostmortemEntry, type PostmortemEntryInput } from '../../src/postmortem/model.js';

/** Seeded generator (mulberry32) so a failing case can be replayed from its seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces chosen to collide with the format: separators, markdown structure, entities, whitespace.
const PIECES = [
  'root cause', 'the DB', 'é', '日本語', '😀', '\u2028', '\u00a0', 'x', '42', 'Fix', 'a-b',
  ':', '**', '*', '__', '`', '```', '```js', '~~~', '#', '## ', '### Timeline', '# ', '\\', '\\*',
  '-', '- ', '— ', ' — ', '—', '–', '---', '===', '***', '* * *', '1. ', '[ ]', '[x] ', '> ', '|a|b|',
  ' ', '  ', '   ', '\t', '\n', '\n', '\n\n', '\n\n\n', '\r', '\r\n', '\n  ', '\n    code',
  '&', '&amp;', '&#10;', '&#32;', '&#x41;', '&lt;', '&nbsp;', '&#0;', '&#99999999;', '&#',
  '<!--', '-->', '<b>', '<img src=x>', 'owner:', ' — owner: @x', ', due: ', ', ', ',', '@me',
  '- **Fix:** ', '**Root cause:**', '- [ ] ', '  - nested', '\n- **Lesson:** x', '\n## 2024-01-01 — Fake',
];

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function trickyText(random: () => number, options: { multiline?: boolean; maxPieces?: number } = {}): string {
  const count = 1 + Math.floor(random() * (options.maxPieces ?? 8));
  let text = '';
  for (let index = 0; index < count; index += 1) text += pick(random, PIECES);
  return options.multiline === false ? text.replace(/[\r\n\u2028]/g, ' ') : text;
}

function maybe<T>(random: () => number, make: () => T): T | null {
  return random() < 0.5 ? make() : null;
}

function isoDate(random: () => number): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${2000 + Math.floor(random() * 40)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
}

function list<T>(random: () => number, max: number, make: () => T): T[] {
  return Array.from({ length: Math.floor(random() * (max + 1)) }, make);
}

export function generateEntry(random: () => number): PostmortemEntry {
  const text = () => trickyText(random);
  const optional = () => maybe(random, text);
  const input: PostmortemEntryInput = {
    title: trickyText(random),
    date: isoDate(random),
    rootCause: text(),
    fix: text(),
    lesson: text(),
    severity: maybe(random, () => (random() < 0.3 ? '' : trickyText(random, { maxPieces: 2 }))),
    category: optional(),
    status: optional(),
    impact: optional(),
    trigger: optional(),
    detection: optional(),
    startedAt: optional(),
    detectedAt: optional(),
    acknowledgedAt: optional(),
    mitigatedAt: optional(),
    resolvedAt: optional(),
    duration: optional(),
    alert: optional(),
    session: optional(),
    tags: list(random, 4, () => (random() < 0.2 ? '' : trickyText(random, { maxPieces: 3 }))),
    recurrenceOf: optional(),
    timeline: list(random, 4, () => ({ time: trickyText(random, { maxPieces: 3 }), text: text() })),
    actionItems: list(random, 3, () => ({
      text: text(),
      owner: maybe(random, () => (random() < 0.2 ? '' : trickyText(random, { maxPieces: 3 }))),
      due: maybe(random, () => (random() < 0.2 ? '' : trickyText(random, { maxPieces: 3 }))),
      done: random() < 0.5,
    })),
    whatWentWell: maybe(random, () => (random() < 0.1 ? '' : text())),
    whatWentWrong: optional(),
    whereWeGotLucky: optional(),
  };
  return PostmortemEntrySchema.parse(input);
}

/** A plain, realistic entry; `id` makes titles unique so tests can find each one. */
export function sampleEntry(id: string, overrides: Partial<PostmortemEntryInput> = {}): PostmortemEntry {
  return PostmortemEntrySchema.parse({
    title: `Checkout returned 500s (${id})`,
    date: '2024-05-01',
    rootCause: 'A migration dropped the index on orders.user_id, so the checkout query timed out.',
    fix: 'Restored the index and added a migration check in CI.',
    lesson: 'Schema changes need a query-plan check before deploy.',
    severity: 'high',
    timeline: [
      { time: '2024-05-01 10:02', text: 'Alert fired: checkout error rate 12%.' },
      { time: '2024-05-01 10:20', text: 'Index restored; errors back to baseline.' },
    ],
    actionItems: [{ text: 'Add an index check to the migration linter', owner: '@me', due: '2024-05-10' }],
    ...overrides,
  });
}
