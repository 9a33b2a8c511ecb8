export { rankSuspects, type RankSuspectsInput } from './rank-suspects.js';
export { buildHypotheses, type BuildHypothesesInput } from './hypotheses.js';
export { classifyErrorNature, type ErrorNature, type ErrorNatureFlag } from './error-nature.js';
export { judgeTiming } from './timing.js';
export { termsOf } from './terms.js';
