export { collectGitChanges, type CollectGitOptions } from './collect.js';
export { classifyChange, dependencyFileFormat, isDependencyFile } from './change-kind.js';
export { diffDependencies, mergeDependencyChanges, compareVersions } from './dependency-diff.js';
export { parseConfigDiff, type ConfigChange } from './config-diff.js';
export { parseGitLog, type RawCommit } from './log-format.js';
export { parseTagRefs, releaseCandidates, matchReleaseTag } from './tags.js';
