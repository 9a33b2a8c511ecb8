import { MARKDOWNLINT_CONFIG } from '../postmortem/markdownlint-config.js';
import { renderPostmortemsHeader } from '../postmortem/render.js';
import { DEFAULT_SEVERITIES } from '../postmortem/lint/types.js';

/** What `triage init` writes. Plain data, so the plan and its tests need no filesystem. */

export const POSTMORTEMS_FILE = 'POSTMORTEMS.md';
export const CONFIG_FILE = '.triagerc.json';
export const PLAYBOOK_FILE = '.triage/playbooks/local.yaml';
export const MARKDOWNLINT_FILE = '.markdownlint.json';
export const WORKFLOW_FILE = '.github/workflows/postmortems.yml';
export const GITIGNORE_FILE = '.gitignore';
/** Sessions hold alert payloads and log excerpts: local working state, not history to commit. */
export const GITIGNORE_LINE = '.triage/sessions/';

/** Other names markdownlint (and markdownlint-cli2) read its config from: one of them means "configured". */
export const MARKDOWNLINT_ALTERNATIVES = [
  '.markdownlint.jsonc',
  '.markdownlint.yaml',
  '.markdownlint.yml',
  '.markdownlintrc',
  '.markdownlint-cli2.jsonc',
  '.markdownlint-cli2.yaml',
  '.markdownlint-cli2.cjs',
  '.markdownlint-cli2.mjs',
];

export const CONFIG_TEMPLATE = `${JSON.stringify(
  { severities: DEFAULT_SEVERITIES, lint: { rules: {}, blame: { people: [], words: [], allow: [] } } },
  null,
  2,
)}\n`;

export const MARKDOWNLINT_TEMPLATE = `${JSON.stringify(MARKDOWNLINT_CONFIG, null, 2)}\n`;

export const PLAYBOOK_TEMPLATE = `# A playbook of your own, written by \`triage init\`. It extends the shipped default playbook and
# adds what only this app needs. Use it with \`triage alert.json --playbook local\`, or give it
# patterns so triage picks it for the alerts that fit:
#
#   match:
#     any: ["stripe", "webhook signature"]
#
# A file in this folder whose id is a shipped playbook (default, database, upstream, latency)
# replaces that playbook. See "Playbooks" in the triage README.
id: local
name: This app
description: The default playbook plus this repository's own checks.
extends: default
steps:
  - id: mitigate
    addChecklist:
      - "Roll back this app the way it is deployed (write the exact command here)."
  - id: communicate
    addChecklist:
      - "Tell users where they hear about outages (status page, email, social)."
`;

export const WORKFLOW_TEMPLATE = `# Written by \`triage init\`: checks the postmortems whenever they change. Findings appear as
# annotations on the pull request; an error-level finding fails the check.
name: Postmortems

on:
  push:
    paths: [POSTMORTEMS.md, .triagerc.json]
  pull_request:
    paths: [POSTMORTEMS.md, .triagerc.json]

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx triage lint --format github
`;

export const POSTMORTEMS_TEMPLATE = renderPostmortemsHeader();
