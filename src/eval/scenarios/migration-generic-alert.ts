import { minuteOf, minutesFrom } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Rails shop (lograge JSON). A migration drops orders.gift_note while the order serializer
 * still reads it: GET /api/orders/:id answers 500 with PG::UndefinedColumn. The alert is a
 * hand-written generic JSON from an uptime check: no stack, no route. Decoys: an older
 * migration adding an index, a mailer template change right before the alert.
 *
 * Category: a migration is a change shipped in the codebase, and the fix is a code fix
 * (restore the column or stop reading it), so `code-change` is the right bucket among the
 * categories triage has.
 */

const FIRED = '2026-06-11T10:12:38.000Z';
const at = minutesFrom(FIRED);

const migration = (name: string, body: string): string => `class ${name} < ActiveRecord::Migration[7.2]\n  def change\n${body}  end\nend\n`;

const UNDEFINED_COLUMN = {
  type: 'ActiveRecord::StatementInvalid',
  message: 'PG::UndefinedColumn: ERROR:  column orders.gift_note does not exist\nLINE 1: SELECT "orders"."id", "orders"."gift_note" FROM "orders" WHERE "orders"."id" = $1',
};

export const scenario: Scenario = {
  id: 'migration-generic-alert',
  title: 'Rails: a migration drops a column still read by GET /api/orders/:id; generic alert, no stack',
  firedAt: FIRED,
  note: 'Expected category is code-change: triage has no migration category and the fix is in code.',
  base: {
    Gemfile: "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.2.2'\ngem 'pg', '~> 1.5'\ngem 'lograge'\n",
    'app/controllers/api/orders_controller.rb': 'module Api\n  class OrdersController < ApplicationController\n    def show\n      render json: OrderSerializer.new(Order.find(params[:id]))\n    end\n  end\nend\n',
    'app/serializers/order_serializer.rb': 'class OrderSerializer\n  def initialize(order)\n    @order = order\n  end\n\n  def as_json(*)\n    { id: @order.id, total_cents: @order.total_cents, gift_note: @order.gift_note }\n  end\nend\n',
    'app/views/order_mailer/confirmation.html.erb': '<p>Thanks for your order, <%= @order.customer_name %>!</p>\n',
    'db/migrate/20260301090000_create_orders.rb': migration('CreateOrders', '    create_table :orders do |t|\n      t.integer :total_cents\n      t.string :gift_note\n      t.timestamps\n    end\n'),
    'README.md': '# shop\n',
  },
  commits: [
    { at: -290, message: 'Index orders by created_at', files: { 'db/migrate/20260611050000_add_index_to_orders_created_at.rb': migration('AddIndexToOrdersCreatedAt', '    add_index :orders, :created_at\n') }, author: 'Ines Duarte' },
    { at: -56, message: 'Drop the unused gift_note column', files: { 'db/migrate/20260611091500_remove_gift_note_from_orders.rb': migration('RemoveGiftNoteFromOrders', '    remove_column :orders, :gift_note, :string\n') }, author: 'Ines Duarte' },
    { at: -12, message: 'Friendlier order confirmation email', files: { 'app/views/order_mailer/confirmation.html.erb': '<p>Thank you for your order, <%= @order.customer_name %>! We will email you when it ships.</p>\n' }, author: 'Ines Duarte' },
  ],
  alert: {
    title: 'Order pages returning 500s',
    severity: 'P2',
    firedAt: at(0),
    service: 'shop',
    environment: 'production',
    message: 'Uptime check "order page" failed 3 times in a row: GET https://shop.example.org/api/orders/4711 returned HTTP 500.',
    url: 'https://uptime.example.org/checks/order-page',
  },
  logs: [
    {
      path: 'logs/production.log',
      format: 'lograge',
      traffic: {
        seed: 1111,
        from: -120,
        to: 3,
        perMinute: [30, 44],
        hosts: ['app-1', 'app-2'],
        routes: [
          { method: 'GET', path: '/api/orders/:id', weight: 0.3, latencyMs: [15, 60] },
          { method: 'GET', path: '/api/products', weight: 0.4, latencyMs: [20, 90] },
          { method: 'POST', path: '/api/orders', weight: 0.1, latencyMs: [60, 200] },
          { method: 'GET', path: '/up', weight: 0.2, latencyMs: [1, 2] },
        ],
        faults: [{ from: -47, route: '/api/orders/:id', rate: 1, status: 500, latencyMs: [4, 15], error: UNDEFINED_COLUMN }],
      },
    },
  ],
  expected: { suspect: 'Drop the unused gift_note column', category: 'code-change', route: '/api/orders/:id', onset: minuteOf(FIRED, -47) },
};
