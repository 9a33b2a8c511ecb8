export { digestLogs, type DigestLogsOptions } from './digest.js';
export { detectFormat } from './detect.js';
export { parseOneLine, type LineParser } from './line-parser.js';
export { normalizeRoute, isIdSegment } from './route.js';
export { TemplateMiner, type TemplateCluster, type TemplateMinerOptions } from './template-miner.js';
export { tokenizeForTemplate, maskToken, WILDCARD } from './template-mask.js';
export { parseIsoTimestamp, parseTimeValue, parseClfTimestamp, epochToMs } from './timestamps.js';
export { detectJsonLayout, type JsonLayout } from './json-layout.js';
