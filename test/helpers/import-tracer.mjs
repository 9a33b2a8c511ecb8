// Loaded with `node --import`: records every module URL the process resolves into the file
// named by TRIAGE_IMPORT_TRACE, so a test can prove what a command did NOT load.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { appendFileSync } from 'node:fs';

const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => appendFileSync(process.env.TRIAGE_IMPORT_TRACE, `${url}\n`));
port1.unref();
register('./import-tracer-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
