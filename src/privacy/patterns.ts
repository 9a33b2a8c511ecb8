/**
 * What is redacted before anything leaves the machine: one list, documented in the README
 * ("Privacy: what is redacted"), applied in order. Specific shapes (a JWT, an `sk-ant-` key) come
 * before generic ones (`key=value`), so the placeholder names what was found.
 *
 * A match's named groups `pre` and `post` are kept; the rest is replaced. Secrets become
 * `[REDACTED:<name>]` and are never restored. Personal data (emails, IP addresses) becomes a
 * keyed pseudonym `[<name>#a1b2c3]`: the model can still tell two hosts apart and cite them, and
 * triage maps the pseudonym back locally in what it shows.
 */
export interface RedactionPattern {
  name: string;
  regex: RegExp;
  pseudonym?: boolean;
  /** A second look at a match, for shapes a regular expression alone over-matches (card numbers). */
  accept?: (match: string) => boolean;
}

/** A key name that says its value is a secret: a whole `_`/`-`/`.` segment, so `author` and `max_tokens` are not. */
const SECRET_KEY = String.raw`(?<![A-Za-z0-9])(?:[A-Za-z0-9]+[_.-])*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|session[_-]?id|sessionid|cookie|auth)(?:[_.-][A-Za-z0-9]+)*(?![A-Za-z0-9])`;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Visa, Mastercard, Amex, Discover prefixes and a valid check digit: order IDs and timestamps are not cards. */
function isCardNumber(match: string): boolean {
  const digits = match.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  return /^(?:4|5[1-5]|2[2-7]|3[47]|6011|65)/.test(digits) && luhn(digits);
}

const LOOPBACK = new Set(['127.0.0.1', '0.0.0.0', '::1', '::']);

export const BUILTIN_PATTERNS: readonly RedactionPattern[] = [
  { name: 'private-key', regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { name: 'anthropic-key', regex: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { name: 'openai-key', regex: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'stripe-key', regex: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|\bwhsec_[A-Za-z0-9+/=]{16,}/g },
  { name: 'aws-access-key-id', regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { name: 'github-token', regex: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{22,255}/g },
  { name: 'gitlab-token', regex: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { name: 'slack-token', regex: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { name: 'slack-webhook', regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g },
  { name: 'google-api-key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { name: 'npm-token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'sentry-token', regex: /\bsntry[su]_[A-Za-z0-9_=+/-]{20,}/g },
  { name: 'sentry-dsn-key', regex: /(?<pre>\bhttps?:\/\/)[0-9a-f]{32}(?::[0-9a-f]{32})?(?<post>@)/g },
  { name: 'url-password', regex: /(?<pre>\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@[\]]+:)(?!\[REDACTED)[^\s@/]+(?<post>@)/gi },
  { name: 'authorization', regex: /(?<pre>\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:[A-Za-z]+\s+)?)(?!\[REDACTED)[^\s"',;]{4,}/gi },
  { name: 'bearer', regex: /(?<pre>\bbearer\s+)(?!\[REDACTED)[A-Za-z0-9._~+/-]{8,}=*/gi },
  { name: 'basic-auth', regex: /(?<pre>\bBasic\s+)[A-Za-z0-9+/]{8,}=*/g },
  { name: 'secret-value', regex: new RegExp(String.raw`(?<pre>${SECRET_KEY}"?\s*[=:]\s*")(?!\[REDACTED)[^"\n]+(?<post>")`, 'gi') },
  { name: 'secret-value', regex: new RegExp(String.raw`(?<pre>${SECRET_KEY}'?\s*[=:]\s*')(?!\[REDACTED)[^'\n]+(?<post>')`, 'gi') },
  { name: 'secret-value', regex: new RegExp(String.raw`(?<pre>${SECRET_KEY}\s*[=:]\s*)(?!\[REDACTED)(?!["'])[^\s&,;"'}\]]+`, 'gi') },
  { name: 'card-number', regex: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g, accept: isCardNumber },
  { name: 'email', regex: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, pseudonym: true },
  {
    name: 'ip',
    regex: /(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w]|\.\d)/g,
    pseudonym: true,
    accept: (match) => !LOOPBACK.has(match),
  },
  {
    name: 'ip',
    // Eight groups, or a `::` compression: never a clock time like 03:12:45.
    regex: /(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,6})?)(?![\w:])/g,
    pseudonym: true,
    accept: (match) => !LOOPBACK.has(match) && /[0-9a-fA-F]/.test(match),
  },
];
