import { describe, expect, it } from 'vitest';
import { parseCatFileBatch } from '../../src/evidence/git/cat-file.js';
import { matchReleaseTag, parseTagRefs, releaseCandidates, tagsBySha } from '../../src/evidence/git/tags.js';

const commitSha = 'c'.repeat(40);
const tagObject = 't'.repeat(40);

describe('parseTagRefs', () => {
  it('peels annotated tags to their commit and keeps lightweight ones as they are', () => {
    const output = [
      ['v1.1.0', tagObject, commitSha, 'tag', 'commit', '2024-05-02T12:00:00+02:00'].join('\0'),
      ['v1.0.0', 'a'.repeat(40), '', 'commit', '', '2024-05-01T10:00:00Z'].join('\0'),
      ['tree-tag', 'b'.repeat(40), '', 'tree', '', '2024-05-01T10:00:00Z'].join('\0'),
      '',
    ].join('\n');
    expect(parseTagRefs(output)).toEqual([
      { name: 'v1.1.0', sha: commitSha, date: '2024-05-02T10:00:00.000Z' },
      { name: 'v1.0.0', sha: 'a'.repeat(40), date: '2024-05-01T10:00:00.000Z' },
    ]);
  });

  it('groups tag names by commit', () => {
    const bySha = tagsBySha([
      { name: 'v1', sha: 'x', date: '' },
      { name: 'app@1', sha: 'x', date: '' },
    ]);
    expect(bySha.get('x')).toEqual(['v1', 'app@1']);
  });
});

describe('release strings', () => {
  const tags = [
    { name: 'v1.4.2', sha: 'a'.repeat(40), date: '' },
    { name: 'myapp@2.0.0', sha: 'b'.repeat(40), date: '' },
    { name: '3.0.0', sha: 'c'.repeat(40), date: '' },
  ];

  it.each([
    ['1.4.2', 'v1.4.2'],
    ['v1.4.2', 'v1.4.2'],
    ['myapp@1.4.2', 'v1.4.2'],
    ['myapp@1.4.2+abc1234', 'v1.4.2'],
    ['myapp@2.0.0', 'myapp@2.0.0'],
    ['v3.0.0', '3.0.0'],
  ])('%s resolves to tag %s', (release, tag) => {
    expect(matchReleaseTag(release, tags)?.name).toBe(tag);
  });

  it('resolves nothing when no tag fits', () => {
    expect(matchReleaseTag('9.9.9', tags)).toBeNull();
  });

  it('offers build metadata and bare hex strings as commit candidates', () => {
    expect(releaseCandidates('myapp@1.4.2+abc1234').shas).toEqual(['abc1234']);
    expect(releaseCandidates('3f2a1b9c').shas).toEqual(['3f2a1b9c']);
    expect(releaseCandidates('1.4.2').shas).toEqual([]);
  });
});

describe('parseCatFileBatch', () => {
  it('reads contents by byte count, including multi-byte text and missing objects', () => {
    const first = Buffer.from('naïve\nline\n');
    const output = Buffer.concat([
      Buffer.from(`${'1'.repeat(40)} blob ${first.length}\n`),
      first,
      Buffer.from('\nHEAD^:gone.json missing\n'),
      Buffer.from(`${'2'.repeat(40)} blob 2\n{}\n`),
    ]);
    const contents = parseCatFileBatch(output, ['HEAD:a', 'HEAD^:gone.json', 'HEAD:b']);
    expect([...contents]).toEqual([
      ['HEAD:a', 'naïve\nline\n'],
      ['HEAD^:gone.json', null],
      ['HEAD:b', '{}'],
    ]);
  });
});
