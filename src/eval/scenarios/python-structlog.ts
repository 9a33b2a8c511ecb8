import { pythonFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Python FastAPI quoting service (structlog JSON, sentry-python). Per-customer currency
 * support reads a settings key most customers do not have: KeyError on POST /api/quotes.
 * Decoys: an httpx bump (a library that is in every request's path, though not this stack),
 * a test refactor and a docs change just before the alert.
 */

const FIRED = '2026-10-01T07:55:09.000Z';
const frame = (file: string, fn: string, lineno: number, inApp: boolean) => pythonFrame('/srv/quotes', file, fn, lineno, inApp);

const pricingV1 = `from decimal import Decimal

from app.models import Customer, QuoteRequest


def price_quote(request: QuoteRequest, customer: Customer) -> dict:
    total = sum(Decimal(item.unit_price) * item.quantity for item in request.items)
    return {"total": str(total), "currency": "EUR"}
`;

const pricingV2 = `from decimal import Decimal

from app.models import Customer, QuoteRequest
from app.services.fx import convert


def price_quote(request: QuoteRequest, customer: Customer) -> dict:
    total = sum(Decimal(item.unit_price) * item.quantity for item in request.items)
    currency = customer.settings["currency"]
    return {"total": str(convert(total, "EUR", currency)), "currency": currency}
`;

const KEY_ERROR = {
  type: 'KeyError',
  message: "'currency'",
  stack:
    'Traceback (most recent call last):\n  File "/srv/quotes/app/api/quotes.py", line 27, in create_quote\n    return price_quote(body, customer)\n  File "/srv/quotes/app/services/pricing.py", line 10, in price_quote\n    currency = customer.settings["currency"]\nKeyError: \'currency\'',
};

export const scenario: Scenario = {
  id: 'python-structlog',
  title: 'Python/FastAPI: a pricing change raises KeyError on POST /api/quotes (structlog, sentry-python)',
  firedAt: FIRED,
  base: {
    'pyproject.toml': '[project]\nname = "quotes"\nversion = "0.9.0"\nrequires-python = ">=3.12"\n',
    'requirements.txt': 'fastapi==0.115.6\nhttpx==0.27.2\nsentry-sdk[fastapi]==2.19.2\nstructlog==24.4.0\nuvicorn==0.32.1\n',
    'app/__init__.py': '',
    'app/main.py': 'from fastapi import FastAPI\n\nfrom app.api import quotes\n\napp = FastAPI()\napp.include_router(quotes.router)\n',
    'app/api/__init__.py': '',
    'app/api/quotes.py': 'from fastapi import APIRouter\n\nfrom app.models import QuoteRequest\nfrom app.services.customers import load_customer\nfrom app.services.pricing import price_quote\n\nrouter = APIRouter()\n\n\n@router.post("/api/quotes")\nasync def create_quote(body: QuoteRequest):\n    customer = await load_customer(body.customer_id)\n    return price_quote(body, customer)\n',
    'app/services/__init__.py': '',
    'app/services/pricing.py': pricingV1,
    'app/services/fx.py': 'from decimal import Decimal\n\nRATES = {("EUR", "EUR"): Decimal(1), ("EUR", "GBP"): Decimal("0.85")}\n\n\ndef convert(amount: Decimal, source: str, target: str) -> Decimal:\n    return amount * RATES[(source, target)]\n',
    'app/services/customers.py': 'async def load_customer(customer_id: str):\n    ...\n',
    'app/models.py': 'from pydantic import BaseModel\n\n\nclass QuoteRequest(BaseModel):\n    customer_id: str\n    items: list\n\n\nclass Customer(BaseModel):\n    id: str\n    settings: dict\n',
    'tests/test_pricing.py': 'def test_total():\n    assert True\n',
    'README.md': '# quotes\n',
  },
  commits: [
    { at: -150, message: 'Bump httpx to 0.28.1', files: { 'requirements.txt': 'fastapi==0.115.6\nhttpx==0.28.1\nsentry-sdk[fastapi]==2.19.2\nstructlog==24.4.0\nuvicorn==0.32.1\n' }, author: 'Olu Adeyemi' },
    { at: -61, message: 'Quote in the customer currency', files: { 'app/services/pricing.py': pricingV2 }, author: 'Olu Adeyemi' },
    { at: -33, message: 'Split pricing tests by currency', files: { 'tests/test_pricing.py': 'def test_total_eur():\n    assert True\n\n\ndef test_total_gbp():\n    assert True\n' }, author: 'Olu Adeyemi' },
    { at: -9, message: 'Describe the quote API in the README', files: { 'README.md': '# quotes\n\nPOST /api/quotes prices a basket for a customer.\n' }, author: 'Olu Adeyemi' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'python',
    sdk: { name: 'sentry.python.fastapi', version: '2.19.2' },
    org: 'quotewise',
    project: 'quotes',
    issueId: '4410923',
    eventId: '0e6b2d9c4f3a4c1b8d7e5f2a9b0c3d4e',
    errorType: 'KeyError',
    errorValue: "'currency'",
    culprit: 'app.services.pricing in price_quote',
    transaction: '/api/quotes',
    release: 'quotes@0.9.0',
    serverName: 'quotes-5f8b9d-x2k4q',
    request: { method: 'POST', url: 'https://api.quotewise.io/api/quotes' },
    frames: [
      frame('starlette/routing.py', 'app', 73, false),
      frame('fastapi/routing.py', 'app', 301, false),
      frame('fastapi/routing.py', 'run_endpoint_function', 212, false),
      frame('app/api/quotes.py', 'create_quote', 13, true),
      frame('app/services/pricing.py', 'price_quote', 9, true),
    ],
  }),
  logs: [
    {
      path: 'logs/quotes.jsonl',
      format: 'structlog',
      traffic: {
        seed: 808,
        from: -120,
        to: 3,
        perMinute: [26, 38],
        hosts: ['quotes-5f8b9d-x2k4q'],
        routes: [
          { method: 'POST', path: '/api/quotes', weight: 0.4, latencyMs: [30, 140] },
          { method: 'GET', path: '/api/quotes/:id', weight: 0.4, latencyMs: [6, 30] },
          { method: 'GET', path: '/healthz', weight: 0.2, latencyMs: [1, 2] },
        ],
        faults: [{ from: -49, route: '/api/quotes', rate: 0.3, status: 500, latencyMs: [8, 30], error: KEY_ERROR }],
      },
    },
  ],
  expected: { suspect: 'Quote in the customer currency', category: 'code-change', route: '/api/quotes', onset: minuteOf(FIRED, -49) },
};
