import type { Alert } from '../../src/alert/schema.js';
import type { Evidence } from '../../src/evidence/types.js';
import { NO_SIGNALS } from '../../src/evidence/empty.js';
import type { Playbook } from '../../src/playbook/schema.js';
import type { SentryEvidence } from '../../src/sentry/evidence-types.js';
import { emptySteps, SESSION_VERSION, type SessionState } from '../../src/playbook/session.js';
import { ZERO_LLM_USAGE } from '../../src/report.js';

/** A valid Alert with test-chosen overrides: tests say only what matters to them. */
export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    source: 'generic',
    format: 'generic',
    title: 'Something broke',
    message: null,
    errorType: null,
    severity: 'high',
    status: 'firing',
    firedAt: '2026-03-14T03:12:00.000Z',
    firedAtSource: 'payload',
    service: 'api',
    environment: 'production',
    release: null,
    route: null,
    culprit: null,
    url: null,
    tags: {},
    stacktrace: [],
    ids: { eventId: null, issueId: null, shortId: null, project: null, org: null },
    related: [],
    raw: {},
    ...overrides,
  };
}

export function makeEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    firedAt: '2026-03-14T03:12:00.000Z',
    git: { isRepo: true, shallow: false, head: null, window: { since: '2026-03-13T03:12:00.000Z', until: '2026-03-14T03:12:00.000Z' }, commits: [], tags: [], release: null, trackedFiles: [], notes: [] },
    frames: [],
    logs: null,
    signals: NO_SIGNALS,
    localization: [],
    suspects: [],
    hypotheses: [],
    pastIncidents: [],
    facts: [{ id: 'alert', kind: 'alert', summary: 'alert' }],
    ...overrides,
  };
}

/** What a Sentry issue adds to the evidence: an issue and nothing else unless a test says so. */
export function makeSentryEvidence(overrides: Partial<SentryEvidence> = {}): SentryEvidence {
  return {
    issue: { id: '1', shortId: 'SHOP-1', url: null, project: 'shop', status: 'unresolved', count: 3, userCount: 1, firstSeen: null, lastSeen: null },
    stats: null,
    release: null,
    suspectCommits: [],
    breadcrumbs: [],
    notes: [],
    ...overrides,
  };
}

/** A fresh session at its first step, over makeAlert/makeEvidence; `options` as the test needs. */
export function makeSessionState(playbook: Playbook, options: Partial<SessionState['options']> = {}): SessionState {
  return {
    version: SESSION_VERSION,
    id: 's1',
    status: 'in-progress',
    startedAt: '2026-03-14T03:20:00.000Z',
    updatedAt: '2026-03-14T03:20:00.000Z',
    finishedAt: null,
    drill: false,
    options: { repo: '/tmp/x', logs: [], postmortems: '/tmp/x/POSTMORTEMS.md', since: '24h', window: '2h', dryRun: false, llm: false, offline: true, ...options },
    alert: makeAlert(),
    playbook,
    playbookReason: 'test',
    window: { changesSince: '2026-03-13T03:12:00.000Z', logsFrom: '2026-03-14T01:12:00.000Z', logsTo: '2026-03-14T03:42:00.000Z' },
    evidence: makeEvidence(),
    steps: emptySteps(),
    timeline: [],
    postmortem: { path: '/tmp/x/POSTMORTEMS.md', written: false },
    llm: { ...ZERO_LLM_USAGE },
  };
}
