import { javaFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario, ScenarioCommit } from '../types.js';

/**
 * Kotlin/Spring billing service (ECS JSON logs, sentry-java frames: bare file names and class
 * modules, no paths). A busy day: twenty commits by three people, several to the same package
 * and two earlier ones to the service file in the stack. The proration change divides by the
 * days left in the cycle, zero on a cycle's last day.
 */

const FIRED = '2026-09-30T16:12:55.000Z';
const SRC = 'src/main/kotlin/com/acme/billing';
const kt = (pkg: string, body: string): string => `package com.acme.billing.${pkg}\n\n${body}\n`;

const service = (extra: string): string =>
  kt('invoices', `@Service\nclass InvoiceService(private val repo: InvoiceRepository, private val proration: ProrationCalculator) {\n    fun changeSeats(subscription: Subscription, seats: Int): Invoice {\n${extra}        return repo.save(Invoice.forSeats(subscription, seats))\n    }\n}`);

const touch = (at: number, author: string, message: string, file: string, pkg: string, body: string): ScenarioCommit => ({
  at,
  author,
  message,
  files: { [`${SRC}/${file}`]: kt(pkg, body) },
});

const ANA = 'Ana Costa';
const RAJ = 'Raj Mehta';
const LIV = 'Liv Andersen';

export const scenario: Scenario = {
  id: 'busy-day-kotlin',
  title: 'Kotlin/Spring: a busy day of twenty commits; sentry-java frames carry only file names',
  firedAt: FIRED,
  base: {
    'build.gradle.kts': 'plugins {\n    kotlin("jvm") version "2.1.0"\n    id("org.springframework.boot") version "3.4.1"\n}\n',
    [`${SRC}/web/SeatController.kt`]: kt('web', '@RestController\nclass SeatController(private val invoices: InvoiceService)'),
    [`${SRC}/invoices/InvoiceService.kt`]: service(''),
    [`${SRC}/invoices/ProrationCalculator.kt`]: kt('invoices', '@Component\nclass ProrationCalculator'),
    [`${SRC}/invoices/InvoiceRepository.kt`]: kt('invoices', 'interface InvoiceRepository'),
    [`${SRC}/payments/PaymentGateway.kt`]: kt('payments', 'class PaymentGateway'),
    [`${SRC}/reports/RevenueReport.kt`]: kt('reports', 'class RevenueReport'),
    [`${SRC}/notifications/Mailer.kt`]: kt('notifications', 'class Mailer'),
    'src/main/resources/application.yaml': 'spring:\n  application:\n    name: billing\n',
    'README.md': '# billing\n',
  },
  commits: [
    { at: -560, author: ANA, message: 'Add a memo field to invoices', files: { [`${SRC}/invoices/InvoiceService.kt`]: service('        // The memo is copied from the subscription.\n') } },
    touch(-520, RAJ, 'Retry card declines once', 'payments/PaymentGateway.kt', 'payments', 'class PaymentGateway {\n    val retries = 1\n}'),
    touch(-470, LIV, 'Monthly revenue by plan', 'reports/RevenueReport.kt', 'reports', 'class RevenueReport {\n    fun byPlan() = emptyMap<String, Long>()\n}'),
    { at: -430, author: LIV, message: 'Test revenue rounding', files: { 'src/test/kotlin/com/acme/billing/reports/RevenueReportTest.kt': kt('reports', 'class RevenueReportTest') } },
    touch(-400, ANA, 'Send invoice emails in the customer locale', 'notifications/Mailer.kt', 'notifications', 'class Mailer {\n    fun send(locale: String) = Unit\n}'),
    touch(-350, RAJ, 'Store the gateway request id on payments', 'payments/PaymentGateway.kt', 'payments', 'class PaymentGateway {\n    val retries = 1\n    var lastRequestId: String? = null\n}'),
    { at: -310, author: ANA, message: 'Log invoice ids on save', files: { [`${SRC}/invoices/InvoiceService.kt`]: service('        log.info("saving invoice for {}", subscription.id)\n') } },
    touch(-280, LIV, 'Paginate the revenue report', 'reports/RevenueReport.kt', 'reports', 'class RevenueReport {\n    fun byPlan(page: Int = 0) = emptyMap<String, Long>()\n}'),
    { at: -240, author: RAJ, message: 'Describe the seat API', files: { 'docs/seats.md': '# Seats\n\nPOST /api/subscriptions/{id}/seats changes the seat count.\n' } },
    touch(-205, ANA, 'Keep invoices immutable after sending', 'invoices/InvoiceRepository.kt', 'invoices', 'interface InvoiceRepository {\n    fun lock(id: Long)\n}'),
    touch(-170, LIV, 'CSV export for revenue', 'reports/RevenueReport.kt', 'reports', 'class RevenueReport {\n    fun byPlan(page: Int = 0) = emptyMap<String, Long>()\n    fun csv() = ""\n}'),
    touch(-125, RAJ, 'Validate the seat count in requests', 'web/SeatController.kt', 'web', '@RestController\nclass SeatController(private val invoices: InvoiceService) {\n    val maxSeats = 500\n}'),
    touch(-96, ANA, 'Bcc finance on refunds', 'notifications/Mailer.kt', 'notifications', 'class Mailer {\n    fun send(locale: String, bcc: String? = null) = Unit\n}'),
    {
      at: -63,
      author: RAJ,
      message: 'Prorate seat changes by days left in the cycle',
      files: {
        [`${SRC}/invoices/ProrationCalculator.kt`]: kt('invoices', '@Component\nclass ProrationCalculator {\n    fun dailyRate(priceCents: Long, daysLeft: Int): Long = priceCents / daysLeft\n}'),
        [`${SRC}/invoices/InvoiceService.kt`]: service('        val credit = proration.dailyRate(subscription.priceCents, subscription.daysLeftInCycle())\n'),
      },
    },
    touch(-57, LIV, 'Cache plan prices for the report', 'reports/RevenueReport.kt', 'reports', 'class RevenueReport {\n    private val prices = mutableMapOf<String, Long>()\n}'),
    touch(-54, ANA, 'Include the memo in invoice emails', 'notifications/Mailer.kt', 'notifications', 'class Mailer {\n    fun send(locale: String, bcc: String? = null, memo: String? = null) = Unit\n}'),
    touch(-31, RAJ, 'Add a seat-change audit event', 'web/SeatController.kt', 'web', '@RestController\nclass SeatController(private val invoices: InvoiceService) {\n    val maxSeats = 500\n    val audit = true\n}'),
    { at: -12, author: LIV, message: 'Bump the Gradle wrapper to 8.11', files: { 'gradle/wrapper/gradle-wrapper.properties': 'distributionUrl=https\\://services.gradle.org/distributions/gradle-8.11-bin.zip\n' } },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'java',
    sdk: { name: 'sentry.java.spring-boot.jakarta', version: '7.19.0' },
    org: 'acme',
    project: 'billing',
    issueId: '4001732',
    eventId: '9a8b7c6d5e4f40312a1b2c3d4e5f6a7b',
    errorType: 'ArithmeticException',
    errorValue: '/ by zero',
    culprit: 'com.acme.billing.invoices.ProrationCalculator in dailyRate',
    transaction: 'POST /api/subscriptions/{id}/seats',
    release: 'billing@2026.09.30.3',
    serverName: 'billing-0',
    request: { method: 'POST', url: 'https://billing.acme.io/api/subscriptions/8812/seats' },
    frames: [
      javaFrame('org.apache.catalina.core.ApplicationFilterChain', 'ApplicationFilterChain.java', 'doFilter', 140, false),
      javaFrame('org.springframework.web.servlet.FrameworkServlet', 'FrameworkServlet.java', 'service', 885, false),
      javaFrame('com.acme.billing.web.SeatController', 'SeatController.kt', 'changeSeats', 31, true),
      javaFrame('com.acme.billing.invoices.InvoiceService', 'InvoiceService.kt', 'changeSeats', 6, true),
      javaFrame('com.acme.billing.invoices.ProrationCalculator', 'ProrationCalculator.kt', 'dailyRate', 5, true),
    ],
  }),
  logs: [
    {
      path: 'logs/billing.json',
      format: 'ecs',
      traffic: {
        seed: 1818,
        from: -120,
        to: 3,
        perMinute: [25, 36],
        hosts: ['billing-0'],
        routes: [
          { method: 'POST', path: '/api/subscriptions/:id/seats', weight: 0.15, latencyMs: [40, 160] },
          { method: 'GET', path: '/api/subscriptions/:id', weight: 0.45, latencyMs: [8, 40] },
          { method: 'GET', path: '/api/invoices/:id', weight: 0.3, latencyMs: [10, 50] },
          { method: 'GET', path: '/actuator/health', weight: 0.1, latencyMs: [1, 3] },
        ],
        faults: [
          {
            from: -50,
            route: '/api/subscriptions/:id/seats',
            rate: 0.25,
            status: 500,
            latencyMs: [5, 20],
            error: { type: 'java.lang.ArithmeticException', message: '/ by zero', stack: 'java.lang.ArithmeticException: / by zero\n\tat com.acme.billing.invoices.ProrationCalculator.dailyRate(ProrationCalculator.kt:5)\n\tat com.acme.billing.invoices.InvoiceService.changeSeats(InvoiceService.kt:6)' },
          },
        ],
      },
    },
  ],
  expected: { suspect: 'Prorate seat changes by days left in the cycle', category: 'code-change', route: '/api/subscriptions/:id/seats', onset: minuteOf(FIRED, -50) },
};
