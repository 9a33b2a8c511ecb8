import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Java/Spring Boot orders service (plain-text console logs). A marketing email triples
 * traffic; the Hikari pool runs dry and the JVM runs out of heap. Nothing that runs changed:
 * the window holds a test and a contributing-guide fix. Alertmanager fires on pending connections.
 */

const FIRED = '2026-11-27T10:03:26.000Z';
const at = minutesFrom(FIRED);

const HIKARI = {
  type: 'org.springframework.jdbc.CannotGetJdbcConnectionException',
  message: 'Failed to obtain JDBC Connection: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=58)',
  stack: 'at com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)\nat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:179)\nat com.acme.orders.repo.OrderRepository.findById(OrderRepository.java:41)',
};

const OOM = {
  type: 'java.lang.OutOfMemoryError',
  message: 'Java heap space',
  stack: 'at java.base/java.util.Arrays.copyOf(Arrays.java:3541)\nat com.fasterxml.jackson.core.util.ByteArrayBuilder.toByteArray(ByteArrayBuilder.java:118)',
};

export const scenario: Scenario = {
  id: 'saturation-no-change',
  title: 'Java/Spring: traffic surge exhausts the Hikari pool and heap; only tests and docs changed',
  firedAt: FIRED,
  base: {
    'build.gradle.kts': 'plugins {\n    java\n    id("org.springframework.boot") version "3.4.1"\n}\n\ndependencies {\n    implementation("org.springframework.boot:spring-boot-starter-web")\n    implementation("org.springframework.boot:spring-boot-starter-jdbc")\n}\n',
    'src/main/resources/application.yaml': 'spring:\n  application:\n    name: orders\n  datasource:\n    hikari:\n      maximum-pool-size: 10\n',
    'src/main/java/com/acme/orders/web/OrderController.java': 'package com.acme.orders.web;\n\nimport org.springframework.web.bind.annotation.*;\n\n@RestController\npublic class OrderController {\n    @GetMapping("/api/orders/{id}")\n    public Object get(@PathVariable long id) { return null; }\n}\n',
    'src/main/java/com/acme/orders/repo/OrderRepository.java': 'package com.acme.orders.repo;\n\npublic class OrderRepository {\n}\n',
    'src/test/java/com/acme/orders/OrderTotalsTest.java': 'package com.acme.orders;\n\nclass OrderTotalsTest {\n}\n',
    'CONTRIBUTING.md': '# Contributing\n\nRun ./gradlew test before pushing.\n',
  },
  commits: [
    {
      at: -130,
      message: 'Test order totals with mixed VAT rates',
      files: { 'src/test/java/com/acme/orders/OrderTotalsTest.java': 'package com.acme.orders;\n\nimport org.junit.jupiter.api.Test;\n\nclass OrderTotalsTest {\n    @Test\n    void mixedVatRates() {}\n}\n' },
      author: 'Karin Holm',
    },
    { at: -45, message: 'Fix a typo in CONTRIBUTING', files: { 'CONTRIBUTING.md': '# Contributing\n\nRun ./gradlew test before you push.\n' }, author: 'Karin Holm' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'HikariPendingConnections',
    severity: 'critical',
    summary: 'orders: requests waiting for a database connection',
    description: 'hikaricp_connections_pending{pool="HikariPool-1"} has been above 20 for 5 minutes.',
    labels: { job: 'orders', service: 'orders', instance: 'orders-0:8081', pool: 'HikariPool-1' },
    expr: 'max(hikaricp_connections_pending{job="orders"}) > 20',
  }),
  logs: [
    {
      path: 'logs/orders.log',
      format: 'spring',
      traffic: {
        seed: 909,
        from: -120,
        to: 2,
        perMinute: [30, 40],
        hosts: ['orders-0'],
        surges: [{ from: -36, factor: 3 }],
        routes: [
          { method: 'GET', path: '/api/orders/:id', weight: 0.5, latencyMs: [15, 60] },
          { method: 'POST', path: '/api/orders', weight: 0.2, latencyMs: [40, 160] },
          { method: 'GET', path: '/api/products', weight: 0.3, latencyMs: [10, 40] },
        ],
        faults: [
          { from: -35, rate: 0.15, rampPerMinute: 0.01, maxRate: 0.45, status: 500, latencyMs: [30000, 30050], error: HIKARI },
          { from: -20, rate: 0.01, status: 500, latencyMs: [200, 900], error: OOM },
        ],
        notes: [
          { from: -34, everyMinutes: 2, level: 'warn', message: 'HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s).', fields: { logger: 'com.zaxxer.hikari.pool.HikariPool' } },
        ],
      },
    },
  ],
  expected: { suspect: null, category: 'resource-saturation', route: null, onset: minuteOf(FIRED, -35) },
  note: 'Plain-text logs carry no route or status, so no route can be localized.',
};
