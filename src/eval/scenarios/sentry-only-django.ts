import { pythonFrame } from '../frames.js';
import { sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Python/Django shop, Sentry alert only (no logs at hand, so no onset and no route from logs).
 * A receipts change dereferences a missing customer on guest orders. Decoy: a Django bump two
 * hours earlier; Django's frames are in every stack trace, so the bump is "in the stack" too.
 */

const FIRED = '2026-03-28T21:06:33.000Z';
const frame = (file: string, fn: string, lineno: number, inApp: boolean) => pythonFrame('/app', file, fn, lineno, inApp);

const mailerV1 = `from django.core.mail import send_mail


def send_receipt(order):
    send_mail("Your receipt", render_receipt(order), "shop@example.com", [order.email])


def render_receipt(order):
    return f"Order {order.number}: {order.total}"
`;

const mailerV2 = `from django.core.mail import send_mail


def send_receipt(order):
    recipient = order.customer.email
    send_mail("Your receipt", render_receipt(order), "shop@example.com", [recipient])


def render_receipt(order):
    return f"Order {order.number}: {order.total}"
`;

const requirements = (django: string): string => `Django==${django}\ndjango-environ==0.11.2\npsycopg[binary]==3.2.3\nsentry-sdk==2.19.2\n`;

export const scenario: Scenario = {
  id: 'sentry-only-django',
  title: 'Django: Sentry alert only, no logs; a receipts change breaks guest checkout, Django bump is a decoy',
  firedAt: FIRED,
  base: {
    'requirements.txt': requirements('5.1.3'),
    'manage.py': '#!/usr/bin/env python\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n',
    'shop/__init__.py': '',
    'shop/settings.py': 'INSTALLED_APPS = ["django.contrib.contenttypes", "shop.orders"]\n',
    'shop/orders/__init__.py': '',
    'shop/orders/views.py': 'from django.http import JsonResponse\n\nfrom shop.orders.receipts import send_receipt\nfrom shop.orders.models import Order\n\n\ndef complete_order(request, number):\n    order = Order.objects.get(number=number)\n    send_receipt(order)\n    return JsonResponse({"number": order.number, "status": "complete"})\n',
    'shop/orders/receipts.py': mailerV1,
    'shop/orders/models.py': 'from django.db import models\n\n\nclass Order(models.Model):\n    number = models.CharField(max_length=20)\n    email = models.EmailField()\n    customer = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL)\n',
    'README.md': '# shop\n',
  },
  commits: [
    { at: -128, message: 'Upgrade Django to 5.1.4', files: { 'requirements.txt': requirements('5.1.4') }, author: 'Rosa Marin' },
    { at: -40, message: 'Send receipts to the account email', files: { 'shop/orders/receipts.py': mailerV2 }, author: 'Rosa Marin' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'python',
    sdk: { name: 'sentry.python.django', version: '2.19.2' },
    org: 'rosas-shop',
    project: 'shop',
    issueId: '993311',
    eventId: '1a2b3c4d5e6f47089a0b1c2d3e4f5a6b',
    errorType: 'AttributeError',
    errorValue: "'NoneType' object has no attribute 'email'",
    culprit: '/orders/{number}/complete',
    transaction: '/orders/{number}/complete',
    release: null,
    serverName: 'shop-web',
    request: { method: 'POST', url: 'https://rosas-shop.example/orders/A-10422/complete' },
    frames: [
      frame('django/core/handlers/exception.py', 'inner', 55, false),
      frame('django/core/handlers/base.py', '_get_response', 197, false),
      frame('shop/orders/views.py', 'complete_order', 9, true),
      frame('shop/orders/receipts.py', 'send_receipt', 5, true),
    ],
  }),
  logs: [],
  expected: { suspect: 'Send receipts to the account email', category: 'code-change', route: null, onset: null },
};
