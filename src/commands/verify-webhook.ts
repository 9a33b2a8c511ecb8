import { z } from 'zod';
import { ExitCode, InputError } from '../errors.js';
import { verifySentrySignature } from '../sentry/webhook-signature.js';
import { parseOptions } from './options.js';

const VerifyWebhookOptionsSchema = z.object({
  secret: z.string().min(1, 'the secret is empty').optional(),
  signature: z.string().min(1, 'the signature is empty'),
  debug: z.boolean().optional(),
});

export interface VerifyWebhookIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  write: (text: string) => void;
}

/**
 * `triage verify-webhook --secret S --signature HEX < body`: exit 0 when the body's HMAC-SHA256
 * under the secret is the signature (Sentry-Hook-Signature), 1 when not, 2 for usage errors.
 * The body is read as raw bytes: a re-encoded JSON body would not match, and must not.
 */
export async function runVerifyWebhookCommand(rawOptions: Record<string, unknown>, io: VerifyWebhookIo = defaultIo()): Promise<number> {
  const options = parseOptions(VerifyWebhookOptionsSchema, rawOptions, 'verify-webhook');
  const secret = options.secret ?? io.env.SENTRY_CLIENT_SECRET;
  if (!secret) throw new InputError('no secret: pass --secret S or set SENTRY_CLIENT_SECRET', { hint: 'It is the client secret of the Sentry integration that sends the webhook.' });
  if (io.stdin.isTTY) throw new InputError('no body on stdin (it is a terminal)', { hint: 'Pipe the raw body in: `triage verify-webhook --secret S --signature HEX < body.json`.' });
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const verdict = verifySentrySignature(Buffer.concat(chunks), secret, options.signature);
  if (verdict.valid) {
    io.write('valid: the body was signed with this secret\n');
    return ExitCode.ok;
  }
  io.write(`invalid: ${verdict.reason}\n`);
  return ExitCode.failure;
}

function defaultIo(): VerifyWebhookIo {
  return { stdin: process.stdin, env: process.env, write: (text) => process.stderr.write(text) };
}
