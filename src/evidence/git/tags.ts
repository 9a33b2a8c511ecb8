import type { GitChanges } from '../types.js';

/**
 * Tags and releases. `for-each-ref` lists lightweight and annotated tags in one call; for an
 * annotated tag `%(*objectname)` is the commit it peels to. Release strings come in many
 * spellings (`1.4.2`, `v1.4.2`, `myapp@1.4.2`, `myapp@1.4.2+abc123`, a sha) and are matched here.
 */

export type TagRef = GitChanges['tags'][number];

export const TAG_REF_FORMAT =
  '--format=%(refname:short)%00%(objectname)%00%(*objectname)%00%(objecttype)%00%(*objecttype)%00%(creatordate:iso-strict)';

export function parseTagRefs(output: string): TagRef[] {
  const tags: TagRef[] = [];
  for (const line of output.split('\n')) {
    const [name, objectName, peeledName, type, peeledType, date] = line.split('\0');
    if (!name || !objectName) continue;
    const sha = type === 'tag' ? peeledName : objectName;
    const pointsAtCommit = type === 'tag' ? peeledType === 'commit' : type === 'commit';
    if (!sha || !pointsAtCommit) continue;
    const time = Date.parse(date ?? '');
    tags.push({ name, sha, date: Number.isNaN(time) ? (date ?? '') : new Date(time).toISOString() });
  }
  return tags;
}

export function tagsBySha(tags: TagRef[]): Map<string, string[]> {
  const bySha = new Map<string, string[]>();
  for (const tag of tags) bySha.set(tag.sha, [...(bySha.get(tag.sha) ?? []), tag.name]);
  return bySha;
}

export interface ReleaseCandidates {
  /** Tag names that would mean this release, most specific first. */
  tagNames: string[];
  /** Hex strings in the release that may be commit shas. */
  shas: string[];
}

/** `myapp@1.4.2+abc123` → tags `myapp@1.4.2+abc123`, `myapp@1.4.2`, `v1.4.2`, `1.4.2`, ...; sha `abc123`. */
export function releaseCandidates(release: string): ReleaseCandidates {
  const value = release.trim();
  const at = value.lastIndexOf('@');
  const project = at > 0 ? value.slice(0, at) : null;
  const afterProject = at > 0 ? value.slice(at + 1) : value;
  const [versionPart = afterProject, build] = afterProject.split('+', 2);
  const version = versionPart.replace(/^v(?=\d)/, '');
  const names = [value, `${project ?? ''}@${versionPart}`, afterProject, versionPart, `v${version}`, version];
  if (project) names.push(`${project}-v${version}`, `${project}-${version}`, `${project}/v${version}`, `${project}/${version}`, `${project}@v${version}`);
  const shas = [build, afterProject, value].filter((text): text is string => text !== undefined && /^[0-9a-f]{7,40}$/i.test(text));
  return { tagNames: [...new Set(names.filter((name) => name !== '' && !name.startsWith('@')))], shas: [...new Set(shas)] };
}

/** The tag a release string names, when one exists. */
export function matchReleaseTag(release: string, tags: TagRef[]): TagRef | null {
  const byName = new Map(tags.map((tag) => [tag.name, tag]));
  for (const name of releaseCandidates(release).tagNames) {
    const tag = byName.get(name);
    if (tag) return tag;
  }
  return null;
}
