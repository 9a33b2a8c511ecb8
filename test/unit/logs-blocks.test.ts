import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { abandonClaims, claimBlocks, createClaims } from '../../src/evidence/logs/block-claims.js';
import { blockBounds, blockCuts } from '../../src/evidence/logs/blocks.js';

const dir = mkdtempSync(join(tmpdir(), 'triage-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;

describe('blocks of a file read in parallel', () => {
  it('shrink toward the end and cover the range', () => {
    const cuts = blockCuts(0, 400 * MB);
    const sizes = cuts.slice(1).map((cut, i) => cut - (cuts[i] as number));
    expect(cuts[0]).toBe(0);
    expect(cuts[cuts.length - 1]).toBe(400 * MB);
    expect(sizes[0]).toBe(50 * MB);
    expect(sizes.every((size, i) => i === 0 || size <= (sizes[i - 1] as number))).toBe(true);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(8 * MB);
  });

  it('cuts a small range into a few blocks too', () => {
    expect(blockCuts(100, 1100).length - 1).toBeGreaterThanOrEqual(8);
  });

  it('start blocks at line starts', async () => {
    const path = join(dir, 'lines.log');
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}\n`).join('');
    writeFileSync(path, lines);
    const handle = await open(path, 'r');
    try {
      const bounds = await blockBounds(handle, 0, lines.length);
      expect(bounds[0]).toBe(0);
      expect(bounds[bounds.length - 1]).toBe(lines.length);
      for (const bound of bounds.slice(1, -1)) expect(lines[bound - 1]).toBe('\n');
      expect(new Set(bounds).size).toBe(bounds.length);
    } finally {
      await handle.close();
    }
  });

  it('find line starts past lines longer than one boundary probe', async () => {
    const path = join(dir, 'long-lines.log');
    const lines = Array.from({ length: 64 }, (_, i) => `${String(i).padStart(3, '0')} ${'y'.repeat(9000 + i * 97)}\n`).join('');
    writeFileSync(path, lines);
    const handle = await open(path, 'r');
    try {
      const bounds = await blockBounds(handle, 0, lines.length);
      expect(bounds.length).toBeGreaterThan(4);
      for (const bound of bounds.slice(1, -1)) expect(lines[bound - 1]).toBe('\n');
    } finally {
      await handle.close();
    }
  });
});

describe('block claims', () => {
  it('hand each block to exactly one of several claimers', async () => {
    const claims = createClaims();
    const seen: number[] = [];
    const read = async (index: number): Promise<boolean> => {
      await new Promise((resolve) => setTimeout(resolve, index % 3));
      seen.push(index);
      return false;
    };
    await Promise.all([claimBlocks(claims, 20, read, () => undefined), claimBlocks(claims, 20, read, () => undefined)]);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('skip the blocks after one that stopped, and none after abandoning', async () => {
    const claims = createClaims();
    const read: number[] = [];
    const skipped: number[] = [];
    await claimBlocks(claims, 6, async (index) => (read.push(index), index === 2), (index) => skipped.push(index));
    expect(read).toEqual([0, 1, 2]);
    expect(skipped).toEqual([3, 4, 5]);
    const abandoned = createClaims();
    abandonClaims(abandoned);
    await claimBlocks(abandoned, 6, async () => (read.push(-1), false), () => undefined);
    expect(read).not.toContain(-1);
  });
});
