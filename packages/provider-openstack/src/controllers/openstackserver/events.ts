import { randomBytes } from 'node:crypto';
import { builtin, isAlreadyExists, type KubeClient, type Logger } from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';

/** The `source.component` of the events this controller records. */
const COMPONENT = 'openstackserver-controller';

/** What an event says about the server. */
export interface ServerEvent {
  readonly reason: string;
  readonly message: string;
  readonly type?: 'Normal' | 'Warning';
  /**
   * Records the event at most once per key (it becomes part of the Event's name): a reconcile that read a
   * server older than its last write (a lagging cache) does not repeat it.
   */
  readonly once?: string;
}

/**
 * Records a core/v1 Event about the server (CAPO's recorder events, e.g. `CreatingIPAddressClaim`,
 * `WaitingForIPAddressClaim`). An event that cannot be written is logged, never fails the reconcile.
 */
export async function recordServerEvent(
  client: KubeClient,
  logger: Logger,
  server: Readonly<OpenStackServer>,
  event: ServerEvent,
): Promise<void> {
  const { reason, message, type = 'Normal', once } = event;
  const now = new Date().toISOString();
  const name = server.metadata.name as string;
  try {
    await client.create(builtin.event, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        namespace: server.metadata.namespace as string,
        name: once ? `${name}.${once}` : `${name}.${Date.now().toString(16)}${randomBytes(4).toString('hex')}`,
      },
      involvedObject: {
        apiVersion: OpenStackServer.apiVersion,
        kind: OpenStackServer.kind,
        name,
        namespace: server.metadata.namespace as string,
        ...(server.metadata.uid ? { uid: server.metadata.uid } : {}),
      },
      reason,
      message,
      type,
      source: { component: COMPONENT },
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
    });
  } catch (err) {
    if (once && isAlreadyExists(err)) return;
    logger.warn({ err, reason }, 'could not record an event');
  }
}
