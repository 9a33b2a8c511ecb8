import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { NO_SIGNALS } from '../../src/evidence/empty.js';
import { closeOutStep } from '../../src/helpers/offline/later-steps.js';
import type { StepContext } from '../../src/helpers/types.js';
import { loadPlaybooks } from '../../src/playbook/loader.js';
import { makeAlert, makeEvidence } from '../helpers/factories.js';

const playbook = (await loadPlaybooks(tmpdir())).find((p) => p.id === 'default')!;
const FIRED_AT = '2026-03-14T03:12:30.000Z';

function closeOutContext(onset: string | null): StepContext {
  const index = playbook.steps.findIndex((step) => step.id === 'close-out');
  return {
    step: playbook.steps[index]!,
    stepIndex: index,
    playbook,
    alert: makeAlert({ firedAt: FIRED_AT }),
    evidence: makeEvidence({ firedAt: FIRED_AT, signals: { ...NO_SIGNALS, onset, onsetSignal: onset ? 'errors' : null } }),
    timeline: [],
    previous: [],
  };
}

const timelineFinding = (context: StepContext): string | undefined => closeOutStep(context).findings.find((finding) => finding.text.startsWith('Timeline starts'))?.text;

describe('the offline close-out', () => {
  it('says where the drafted timeline really begins: the onset, before the alert', () => {
    expect(timelineFinding(closeOutContext('2026-03-14T02:40:00.000Z'))).toBe('Timeline starts at 2026-03-14 02:40 UTC: Onset: errors began to rise (2 events).');
  });

  it('starts with the alert when nothing came before it', () => {
    expect(timelineFinding(closeOutContext(null))).toBe('Timeline starts at 2026-03-14 03:12 UTC: Alert fired: ' + `${makeAlert().title} (1 event).`);
  });
});
