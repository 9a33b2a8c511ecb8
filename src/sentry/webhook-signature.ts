import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Sentry signs each integration webhook: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of the
 * raw request body keyed with the integration's client secret. The check runs over the bytes as
 * received (re-encoded JSON would not match) and compares in constant time.
 */

export type SignatureVerdict = { valid: true } | { valid: false; reason: string };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export function sentryHookSignature(body: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifySentrySignature(body: Uint8Array, secret: string, signature: string): SignatureVerdict {
  const expected = createHmac('sha256', secret).update(body).digest();
  const text = signature.trim();
  const given = HEX_SHA256.test(text) ? Buffer.from(text, 'hex') : null;
  // Compare even when the signature is malformed, so timing says nothing about which check failed.
  const equal = timingSafeEqual(expected, given ?? Buffer.alloc(expected.length));
  if (given === null) return { valid: false, reason: 'the signature is not a SHA-256 hex digest (64 hex characters)' };
  return equal ? { valid: true } : { valid: false, reason: 'the signature does not match the body and secret' };
}
