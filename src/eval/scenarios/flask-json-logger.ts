import { pythonFrame } from '../frames.js';
import { minuteOf, sentryEventAlert } from '../payloads.js';
import type { Scenario } from '../types.js';

/**
 * Python/Flask (python-json-logger with its documented format string, so the time is in
 * `asctime` as "2026-05-12 08:01:02,345"). Switching the address lookup to a new geocoder
 * response shape breaks POST /api/deliveries with a TypeError. Decoy: a requirements bump.
 */

const FIRED = '2026-05-12T08:47:21.000Z';
const frame = (file: string, fn: string, lineno: number, inApp: boolean) => pythonFrame('/srv/app', file, fn, lineno, inApp);

const geoV1 = `def zone_for(address: dict) -> str:
    return address["postcode"][:2]
`;

const geoV2 = `def zone_for(address: dict) -> str:
    # The v2 geocoder nests the postcode under "components".
    return address["components"].get("postcode")[:2]
`;

const requirements = (gunicorn: string): string => `Flask==3.1.0\ngunicorn==${gunicorn}\npython-json-logger==3.2.1\nsentry-sdk[flask]==2.19.2\n`;

const TYPE_ERROR = {
  type: 'TypeError',
  message: "'NoneType' object is not subscriptable",
  stack: 'Traceback (most recent call last):\n  File "/srv/app/deliveries/views.py", line 18, in create_delivery\n    zone = zone_for(payload["address"])\n  File "/srv/app/deliveries/geo.py", line 3, in zone_for\n    return address["components"].get("postcode")[:2]\nTypeError: \'NoneType\' object is not subscriptable',
};

export const scenario: Scenario = {
  id: 'flask-json-logger',
  title: 'Python/Flask: python-json-logger (asctime) logs, a geocoder change breaks POST /api/deliveries',
  firedAt: FIRED,
  base: {
    'requirements.txt': requirements('23.0.0'),
    'app.py': 'from flask import Flask\n\nfrom deliveries.views import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp)\n',
    'logging_setup.py': 'import logging\n\nfrom pythonjsonlogger.json import JsonFormatter\n\nhandler = logging.StreamHandler()\nhandler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))\nlogging.basicConfig(handlers=[handler], level=logging.INFO)\n',
    'deliveries/__init__.py': '',
    'deliveries/views.py': 'from flask import Blueprint, request\n\nfrom deliveries.geo import zone_for\n\nbp = Blueprint("deliveries", __name__)\n\n\n@bp.post("/api/deliveries")\ndef create_delivery():\n    payload = request.get_json()\n    zone = zone_for(payload["address"])\n    return {"zone": zone}, 201\n',
    'deliveries/geo.py': geoV1,
    'README.md': '# deliveries\n',
  },
  commits: [
    { at: -180, message: 'Upgrade gunicorn to 23.0.1', files: { 'requirements.txt': requirements('23.0.1') }, author: 'Sven Lindqvist' },
    { at: -39, message: 'Read postcodes from the v2 geocoder', files: { 'deliveries/geo.py': geoV2 }, author: 'Sven Lindqvist' },
  ],
  alert: sentryEventAlert({
    firedAt: FIRED,
    platform: 'python',
    sdk: { name: 'sentry.python.flask', version: '2.19.2' },
    org: 'sven',
    project: 'deliveries',
    issueId: '772',
    eventId: '6c5b4a3928174e6d5c4b3a2918076e5d',
    errorType: 'TypeError',
    errorValue: "'NoneType' object is not subscriptable",
    culprit: 'deliveries.geo in zone_for',
    transaction: '/api/deliveries',
    release: null,
    serverName: 'deliveries-1',
    request: { method: 'POST', url: 'https://deliveries.example/api/deliveries' },
    frames: [
      frame('flask/app.py', 'full_dispatch_request', 917, false),
      frame('flask/app.py', 'dispatch_request', 902, false),
      frame('deliveries/views.py', 'create_delivery', 11, true),
      frame('deliveries/geo.py', 'zone_for', 3, true),
    ],
  }),
  logs: [
    {
      path: 'logs/deliveries.jsonl',
      format: 'python-json-logger',
      traffic: {
        seed: 2121,
        from: -120,
        to: 3,
        perMinute: [20, 30],
        hosts: ['deliveries-1'],
        routes: [
          { method: 'POST', path: '/api/deliveries', weight: 0.35, latencyMs: [30, 120] },
          { method: 'GET', path: '/api/deliveries/:id', weight: 0.5, latencyMs: [5, 25] },
          { method: 'GET', path: '/healthz', weight: 0.15, latencyMs: [1, 2] },
        ],
        faults: [{ from: -31, route: '/api/deliveries', rate: 0.6, status: 500, latencyMs: [10, 40], error: TYPE_ERROR }],
      },
    },
  ],
  expected: { suspect: 'Read postcodes from the v2 geocoder', category: 'code-change', route: '/api/deliveries', onset: minuteOf(FIRED, -31) },
};
