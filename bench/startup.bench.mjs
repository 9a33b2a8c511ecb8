// triage --help must cost little more than starting Node itself (goal: within 1.5x of `node -e 0`).
import { fileURLToPath } from 'node:url';
import { compare } from './timing.mjs';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export default async function run({ log }) {
  const [bare, help, version] = compare([
    { command: process.execPath, args: ['-e', '0'] },
    { command: process.execPath, args: [cli, '--help'] },
    { command: process.execPath, args: [cli, '--version'] },
  ]);
  log(`node -e 0        ${bare.toFixed(1)} ms (baseline)`);
  log(`triage --help    ${help.toFixed(1)} ms  ${(help / bare).toFixed(2)}x baseline (goal <= 1.5x)`);
  log(`triage --version ${version.toFixed(1)} ms  ${(version / bare).toFixed(2)}x baseline`);
}
