// Child process for test/commands/postmortem-append.test.ts: appends entries with the real,
// built append protocol (dist/), so tests can run several at once and kill -9 them mid-write.
// Usage: node postmortem-append-child.mjs <file> <entry-json> <count|forever>
// Entry n is the given entry with its title suffixed " #n".
import { appendPostmortem } from '../../dist/postmortem/append.js';

const [file, entryJson, countArg] = process.argv.slice(2);
const base = JSON.parse(entryJson);
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);

process.stdout.write('ready\n');
for (let n = 0; n < count; n += 1) {
  await appendPostmortem(file, { ...base, title: `${base.title} #${n}` }, { lockTimeoutMs: 60_000 });
}
