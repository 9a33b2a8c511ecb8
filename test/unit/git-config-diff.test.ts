import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_CHANGES_PER_COMMIT, parseConfigDiff } from '../../src/evidence/git/config-diff.js';

const fileDiff = (path: string, hunk: string) => `diff --git a/${path} b/${path}\nindex 1..2 100644\n--- a/${path}\n+++ b/${path}\n${hunk}`;

describe('parseConfigDiff', () => {
  it('reads a changed YAML setting with the parent keys the hunk shows', () => {
    const diff = fileDiff('config/app.yaml', '@@ -3,4 +3,4 @@ server:\n database:\n   pool:\n-    timeout: 30s\n+    timeout: 3s\n     max: 10\n');
    expect(parseConfigDiff(diff)).toEqual([{ file: 'config/app.yaml', key: 'database.pool.timeout', from: '30s', to: '3s' }]);
  });

  it('uses the bare key when no parent is in view', () => {
    const diff = fileDiff('app.yml', '@@ -9 +9 @@\n-  timeout: 30s\n+  timeout: 3s\n');
    expect(parseConfigDiff(diff)).toEqual([{ file: 'app.yml', key: 'timeout', from: '30s', to: '3s' }]);
  });

  it('reads env and ini files as key=value, sections included', () => {
    const env = fileDiff('.env.production', '@@ -1,2 +1,3 @@\n-DB_POOL_SIZE=20\n+DB_POOL_SIZE=2\n+FEATURE_X="on"\n LOG_LEVEL=info\n');
    const ini = fileDiff('settings.ini', '@@ -1,3 +1,3 @@\n [redis]\n-ttl = 300\n+ttl = 30\n');
    expect(parseConfigDiff(env)).toEqual([
      { file: '.env.production', key: 'DB_POOL_SIZE', from: '20', to: '2' },
      { file: '.env.production', key: 'FEATURE_X', from: null, to: 'on' },
    ]);
    expect(parseConfigDiff(ini)).toEqual([{ file: 'settings.ini', key: 'redis.ttl', from: '300', to: '30' }]);
  });

  it('reads JSON "key": value lines inside their objects', () => {
    const diff = fileDiff('config/default.json', '@@ -2,5 +2,5 @@\n   "http": {\n-    "timeoutMs": 30000,\n+    "timeoutMs": 3000,\n     "retries": 2\n   },\n');
    expect(parseConfigDiff(diff)).toEqual([{ file: 'config/default.json', key: 'http.timeoutMs', from: '30000', to: '3000' }]);
  });

  it('reads nginx-style directives', () => {
    const diff = fileDiff('deploy/site.conf', '@@ -4,3 +4,3 @@ server {\n     location /api {\n-        proxy_read_timeout 60s;\n+        proxy_read_timeout 5s;\n');
    expect(parseConfigDiff(diff)).toEqual([{ file: 'deploy/site.conf', key: 'proxy_read_timeout', from: '60s', to: '5s' }]);
  });

  it('reads a deleted file as settings removed', () => {
    const diff = 'diff --git a/old.env b/old.env\ndeleted file mode 100644\n--- a/old.env\n+++ /dev/null\n@@ -1 +0,0 @@\n-PORT=3000\n';
    expect(parseConfigDiff(diff)).toEqual([{ file: 'old.env', key: 'PORT', from: '3000', to: null }]);
  });

  it('never copies the values of secret settings', () => {
    const diff = fileDiff('.env', '@@ -1 +1 @@\n-STRIPE_API_KEY=sk_live_old\n+STRIPE_API_KEY=sk_live_new\n');
    expect(parseConfigDiff(diff)).toEqual([{ file: '.env', key: 'STRIPE_API_KEY', from: '[redacted]', to: '[redacted]' }]);
  });

  it('skips comments, unchanged values and lines that are not settings', () => {
    const diff = fileDiff('app.yaml', '@@ -1,3 +1,3 @@\n-# old comment\n+# new comment\n-name: shop\n+name: shop\n- - item\n');
    expect(parseConfigDiff(diff)).toEqual([]);
  });

  it('keeps a commit to a bounded number of settings', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `-K${i}=1\n+K${i}=2`).join('\n');
    expect(parseConfigDiff(fileDiff('.env', `@@ -1,60 +1,60 @@\n${lines}\n`))).toHaveLength(MAX_CONFIG_CHANGES_PER_COMMIT);
  });

  it('separates files within one diff', () => {
    const diff = `${fileDiff('a.env', '@@ -1 +1 @@\n-A=1\n+A=2\n')}\n${fileDiff('b.env', '@@ -1 +1 @@\n-B=1\n+B=2\n')}`;
    expect(parseConfigDiff(diff).map((change) => `${change.file}:${change.key}`)).toEqual(['a.env:A', 'b.env:B']);
  });
});
