import type { ErrorEvent, NodeClient, Scope } from '@sentry/node';

/**
 * One event through the real @sentry/node SDK, on a client of its own: no global init, no
 * OpenTelemetry, no default integrations (no console or HTTP breadcrumbs, no context lines), so
 * only what the caller put in the event leaves the machine. The SDK is imported here, on use:
 * it costs nothing to a run that never sends an event.
 */

export interface SdkSendRequest {
  dsn: string;
  error: Error;
  environment?: string;
  release?: string;
  tags?: Record<string, string>;
  fingerprint?: string[];
  /** Last say over the event; returning null drops it. */
  beforeSend?: (event: ErrorEvent) => ErrorEvent | null;
  timeoutMs: number;
}

export interface SdkDelivery {
  eventId: string;
  /** The event as the SDK sent it (after beforeSend), or null if it was dropped. */
  event: ErrorEvent | null;
  /** HTTP status of the ingest endpoint's answer; null when none came. */
  status: number | null;
  /** Why the transport failed (connection refused, DNS), when it did. */
  failure: unknown;
  /** False when the send did not finish within timeoutMs. */
  flushed: boolean;
}

export async function sendWithSentrySdk(request: SdkSendRequest): Promise<SdkDelivery> {
  const Sentry = await import('@sentry/node');
  const delivery: Omit<SdkDelivery, 'eventId' | 'flushed'> = { event: null, status: null, failure: null };
  const client: NodeClient = new Sentry.NodeClient({
    dsn: request.dsn,
    ...(request.environment ? { environment: request.environment } : {}),
    ...(request.release ? { release: request.release } : {}),
    integrations: [],
    stackParser: Sentry.defaultStackParser,
    sendClientReports: false,
    sendDefaultPii: false,
    transport: (options) => {
      const transport = Sentry.makeNodeTransport(options);
      return {
        send: async (envelope) => {
          try {
            const response = await transport.send(envelope);
            delivery.status = response.statusCode ?? null;
            return response;
          } catch (error) {
            delivery.failure = error;
            throw error;
          }
        },
        flush: (timeout) => transport.flush(timeout),
      };
    },
    beforeSend: (event) => {
      delivery.event = request.beforeSend ? request.beforeSend(event) : event;
      return delivery.event;
    },
  });
  const scope: Scope = new Sentry.Scope();
  scope.setClient(client);
  client.init();
  if (request.tags) scope.setTags(request.tags);
  if (request.fingerprint) scope.setFingerprint(request.fingerprint);
  const eventId = scope.captureException(request.error);
  const flushed = await client.flush(request.timeoutMs);
  // A small positive timeout: the SDK reads 0 as "wait for ever", which a hung endpoint would make true.
  await Promise.resolve(client.close(100)).catch(() => undefined);
  return { eventId, flushed, ...delivery };
}
