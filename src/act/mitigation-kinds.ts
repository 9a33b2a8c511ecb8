/**
 * What a catalog mitigation does, in the words `--allow-run` takes. A kind names a family of
 * commands a person can approve ahead of time ("rollbacks may run unattended"), which blast
 * radius alone cannot: a reversible rollback and a reversible scale-out are different consents.
 */
export const MITIGATION_KINDS = [
  'rollback',
  'restore-setting',
  'pin-dependency',
  'feature-flag',
  'restart',
  'scale',
  'throttle',
  'failover',
  'check',
] as const;

export type MitigationKind = (typeof MITIGATION_KINDS)[number];

export function isMitigationKind(value: string): value is MitigationKind {
  return (MITIGATION_KINDS as readonly string[]).includes(value);
}
