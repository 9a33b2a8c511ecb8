import { alertmanagerWebhook, minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Rails storefront (lograge JSON). No errors at all: a change that shows reviewer names loads
 * each review's user one query at a time (N+1), and the product page's p95 goes from ~90 ms to
 * ~1 s. Alertmanager's latency rule fires. Decoys: a rubocop bump in Gemfile.lock, a view tweak.
 */

const FIRED = '2026-09-08T20:17:44.000Z';
const at = minutesFrom(FIRED);

const serializerV1 = `class ProductSerializer
  def initialize(product)
    @product = product
  end

  def as_json(*)
    {
      id: @product.id,
      name: @product.name,
      price_cents: @product.price_cents,
      rating: @product.reviews.average(:stars)&.round(1)
    }
  end
end
`;

const serializerV2 = `class ProductSerializer
  def initialize(product)
    @product = product
  end

  def as_json(*)
    {
      id: @product.id,
      name: @product.name,
      price_cents: @product.price_cents,
      rating: @product.reviews.average(:stars)&.round(1),
      reviews: @product.reviews.order(created_at: :desc).map do |review|
        { stars: review.stars, body: review.body, reviewer: review.user.display_name }
      end
    }
  end
end
`;

const gemfileLock = (rubocop: string): string => `GEM
  remote: https://rubygems.org/
  specs:
    pg (1.5.9)
    puma (6.5.0)
    rails (7.2.2)
    rubocop (${rubocop})
      json (~> 2.3)
      parallel (~> 1.10)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  pg (~> 1.5)
  puma (~> 6.5)
  rails (~> 7.2.2)
  rubocop (~> 1.75)

BUNDLED WITH
   2.5.22
`;

export const scenario: Scenario = {
  id: 'latency-n-plus-one',
  title: 'Rails: an N+1 query makes GET /api/products/:id slow; no errors, latency alert',
  firedAt: FIRED,
  base: {
    Gemfile: "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.2.2'\ngem 'pg', '~> 1.5'\ngem 'puma', '~> 6.5'\ngem 'lograge'\n\ngroup :development do\n  gem 'rubocop', '~> 1.75'\nend\n",
    'Gemfile.lock': gemfileLock('1.75.1'),
    'app/controllers/api/products_controller.rb': 'module Api\n  class ProductsController < ApplicationController\n    def show\n      render json: ProductSerializer.new(Product.find(params[:id]))\n    end\n\n    def index\n      render json: Product.order(:name).limit(48).map { |p| ProductSerializer.new(p) }\n    end\n  end\nend\n',
    'app/serializers/product_serializer.rb': serializerV1,
    'app/models/review.rb': 'class Review < ApplicationRecord\n  belongs_to :product\n  belongs_to :user\nend\n',
    'app/views/layouts/mailer.html.erb': '<html><body><%= yield %></body></html>\n',
    'config/initializers/lograge.rb': "Rails.application.configure do\n  config.lograge.enabled = true\n  config.lograge.formatter = Lograge::Formatters::Json.new\n  config.lograge.custom_options = ->(event) { { host: event.payload[:host], time: Time.now.utc.iso8601 } }\nend\n",
    'README.md': '# storefront\n',
  },
  commits: [
    { at: -95, message: 'Bump rubocop to 1.75.2', files: { 'Gemfile.lock': gemfileLock('1.75.2') }, author: 'Hana Sato' },
    { at: -48, message: 'Show reviews with reviewer names on product pages', files: { 'app/serializers/product_serializer.rb': serializerV2 }, author: 'Hana Sato' },
    { at: -28, message: 'Use the brand color in mailer layout', files: { 'app/views/layouts/mailer.html.erb': '<html><body style="color:#14532d"><%= yield %></body></html>\n' }, author: 'Hana Sato' },
  ],
  alert: alertmanagerWebhook({
    startsAt: at(0),
    alertname: 'StorefrontHighLatency',
    severity: 'warning',
    summary: 'storefront p95 latency above 500ms',
    description: 'p95 request latency of storefront has been above 500ms for 15 minutes.',
    labels: { job: 'storefront', service: 'storefront', instance: '10.4.1.7:9394' },
    expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="storefront"}[5m]))) > 0.5',
  }),
  logs: [
    {
      path: 'logs/production.log',
      format: 'lograge',
      traffic: {
        seed: 707,
        from: -120,
        to: 3,
        perMinute: [45, 60],
        hosts: ['web-a', 'web-b'],
        routes: [
          { method: 'GET', path: '/api/products/:id', weight: 0.45, latencyMs: [25, 95] },
          { method: 'GET', path: '/api/products', weight: 0.3, latencyMs: [40, 120] },
          { method: 'POST', path: '/api/cart/items', weight: 0.15, latencyMs: [30, 90] },
          { method: 'GET', path: '/up', weight: 0.1, latencyMs: [1, 3] },
        ],
        slowdowns: [{ from: -41, route: '/api/products/:id', latencyMs: [350, 1600] }],
      },
    },
  ],
  expected: { suspect: 'Show reviews with reviewer names on product pages', category: 'code-change', route: '/api/products/:id', onset: minuteOf(FIRED, -41) },
};
