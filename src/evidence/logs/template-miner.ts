import { WILDCARD, messageHead, tokenizeForTemplate } from './template-mask.js';
import { copyString } from './text.js';

/**
 * Drain-style online template mining (He et al., ICWS 2017): messages are grouped first by
 * token count, then by their leading tokens in a fixed-depth prefix tree, and within a leaf
 * joined to the most similar template when the similarity clears a threshold; positions where
 * members differ become `<*>`. Memory is bounded by `maxClusters`; messages beyond it are
 * counted in one overflow cluster.
 */

export interface TemplateCluster {
  /** Stable for the life of the miner, even as the template text generalizes. */
  id: number;
  tokens: string[];
  count: number;
  sample: string;
}

export interface TemplateMinerOptions {
  /** Minimum share of equal tokens to join a template (Drain's st). */
  similarity?: number;
  /** Leading tokens used as tree levels (Drain's depth minus 2). */
  prefixTokens?: number;
  maxChildren?: number;
  maxClusters?: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: TemplateCluster[];
}

const SAMPLE_CHARS = 300;
const CACHE_LIMIT = 10_000;

function newNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}

/**
 * Share of positions where template and message agree. Unlike Drain, a position where both are
 * `<*>` (a masked value in the message too) counts as agreeing: otherwise a template that has
 * generalized a few positions can no longer reach the threshold and splits.
 */
export function templateSimilarity(template: string[], tokens: string[]): { score: number; wildcards: number } {
  let same = 0;
  let wildcards = 0;
  for (let i = 0; i < template.length; i++) {
    const token = template[i];
    if (token === WILDCARD) wildcards++;
    if (token === tokens[i]) same++;
  }
  return { score: template.length === 0 ? 1 : same / template.length, wildcards };
}

function generalize(template: string[], tokens: string[]): void {
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== tokens[i]) template[i] = WILDCARD;
  }
}

export class TemplateMiner {
  private readonly similarity: number;
  private readonly prefixTokens: number;
  private readonly maxChildren: number;
  private readonly maxClusters: number;
  private readonly root = newNode();
  private readonly all: TemplateCluster[] = [];
  private readonly cache = new Map<string, TemplateCluster>();
  private overflow: TemplateCluster | null = null;
  private lastMessage = '';
  private lastCluster: TemplateCluster | null = null;

  constructor(options: TemplateMinerOptions = {}) {
    this.similarity = options.similarity ?? 0.65;
    this.prefixTokens = options.prefixTokens ?? 2;
    this.maxChildren = options.maxChildren ?? 100;
    this.maxClusters = options.maxClusters ?? 1000;
  }

  /** Adds one message (`weight` times) and returns its cluster id. */
  add(message: string, weight = 1): number {
    let cluster = message === this.lastMessage ? this.lastCluster : this.cache.get(message);
    if (cluster === undefined || cluster === null) {
      cluster = this.match(message, tokenizeForTemplate(message));
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      // Copied: the message may be a slice of a multi-megabyte chunk, which a key would keep alive.
      this.cache.set(copyString(message), cluster);
    }
    // Not copied: keeping one chunk alive is cheaper than a copy whenever the message changes.
    this.lastMessage = message;
    this.lastCluster = cluster;
    cluster.count += weight;
    return cluster.id;
  }

  /** Adds an already-mined template (from another miner) and returns the cluster it joined. */
  addTemplate(tokens: string[], count: number, sample: string): number {
    const cluster = this.match(sample, [...tokens]);
    cluster.count += count;
    return cluster.id;
  }

  clusters(): TemplateCluster[] {
    return this.overflow === null ? [...this.all] : [...this.all, this.overflow];
  }

  private match(message: string, tokens: string[]): TemplateCluster {
    const leaf = this.leafFor(tokens);
    const best = this.bestIn(leaf.clusters, tokens);
    if (best !== null) {
      generalize(best.tokens, tokens);
      return best;
    }
    if (this.all.length >= this.maxClusters) return this.overflowCluster();
    // Copied: tokens are slices of the message, which may be a slice of a whole read chunk.
    const cluster: TemplateCluster = {
      id: this.all.length,
      tokens: tokens.map(copyString),
      count: 0,
      sample: copyString(messageHead(message).slice(0, SAMPLE_CHARS)),
    };
    this.all.push(cluster);
    leaf.clusters.push(cluster);
    return cluster;
  }

  private bestIn(clusters: TemplateCluster[], tokens: string[]): TemplateCluster | null {
    let best: TemplateCluster | null = null;
    let bestScore = -1;
    let bestWildcards = -1;
    for (const cluster of clusters) {
      const { score, wildcards } = templateSimilarity(cluster.tokens, tokens);
      if (score > bestScore || (score === bestScore && wildcards > bestWildcards)) {
        best = cluster;
        bestScore = score;
        bestWildcards = wildcards;
      }
    }
    return bestScore >= this.similarity ? best : null;
  }

  /** The tree leaf for a token sequence (token count, then the leading tokens), created as needed. */
  private leafFor(tokens: string[]): TreeNode {
    let node = this.child(this.root, String(tokens.length));
    const depth = Math.min(this.prefixTokens, tokens.length);
    for (let i = 0; i < depth; i++) node = this.child(node, tokens[i] as string);
    return node;
  }

  /** A node's child for a token; a full node sends new tokens down its `<*>` branch. */
  private child(node: TreeNode, key: string): TreeNode {
    const existing = node.children.get(key);
    if (existing !== undefined) return existing;
    const full = node.children.size >= this.maxChildren;
    const branch = full ? WILDCARD : copyString(key);
    const created = node.children.get(branch) ?? newNode();
    node.children.set(branch, created);
    return created;
  }

  private overflowCluster(): TemplateCluster {
    this.overflow ??= { id: this.maxClusters, tokens: [WILDCARD], count: 0, sample: '(messages beyond the template limit)' };
    return this.overflow;
  }
}
