// A stand-in for $EDITOR in terminal tests: writes the next text queued in FAKE_EDITOR_QUEUE (a JSON
// array in a file) into the file it is given, or leaves the file as it is when the queue is empty.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[process.argv.length - 1];
const queueFile = process.env.FAKE_EDITOR_QUEUE;
const queue = queueFile ? JSON.parse(readFileSync(queueFile, 'utf8')) : [];
if (queue.length > 0) {
  writeFileSync(file, `${queue.shift()}\n`);
  writeFileSync(queueFile, JSON.stringify(queue));
}
