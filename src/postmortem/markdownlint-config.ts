/**
 * A markdownlint config (`.markdownlint.json` contents) under which files written by triage
 * are clean. The structure triage writes already satisfies the default rules: ATX headings
 * surrounded by blank lines, one H1 first, dash bullets, no trailing spaces or blank-line runs
 * (render escapes those in user text), a single final newline. What is relaxed below is either
 * repeated by design or judges the prose people type into fields, which triage keeps verbatim.
 */
export const MARKDOWNLINT_CONFIG = {
  default: true,
  // Every entry has its own "### Timeline" and "### Action items": duplicates only among siblings count.
  MD024: { siblings_only: true },
  // Root causes and lessons are prose; wrapping them would only make diffs noisier.
  MD013: false,
  // Tabs in pasted logs and code are kept as written.
  MD010: false,
  // Titles are people's words: "Checkout down!" may end in punctuation.
  MD026: false,
  // Inline HTML (<img>, <br>) and bare URLs in user text are kept as written.
  MD033: false,
  MD034: false,
  // Timeline bullets start with a bold time; a bold-only line is not meant as a heading.
  MD036: false,
  // Pasted logs arrive as fenced blocks right under a sentence, often without a language.
  MD031: false,
  MD040: false,
} as const;

export type MarkdownlintConfig = typeof MARKDOWNLINT_CONFIG;
