#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.mjs, each printing its numbers as ratios against a
// baseline measured in the same run, so results compare across machines and loads.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.mjs')).sort();
const log = (line) => process.stdout.write(`${line}\n`);
let failed = 0;
for (const file of files) {
  const name = file.replace('.bench.mjs', '');
  if (only.length && !only.includes(name)) continue;
  log(`\n== ${name}`);
  try {
    const mod = await import(pathToFileURL(path.join(here, file)).href);
    await mod.default({ log });
  } catch (error) {
    failed++;
    log(`   failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
