import { randomBytes } from 'node:crypto';
import { builtin, type KubeClient, type Logger } from '@capi-ts/sdk';
import { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';

/** The `source.component` of the events this controller records. */
const COMPONENT = 'openstackserver-controller';

/**
 * Records a core/v1 Event about the server (CAPO's recorder events, e.g. `CreatingIPAddressClaim`,
 * `WaitingForIPAddressClaim`). An event that cannot be written is logged, never fails the reconcile.
 */
export async function recordServerEvent(
  client: KubeClient,
  logger: Logger,
  server: Readonly<OpenStackServer>,
  reason: string,
  message: string,
  type: 'Normal' | 'Warning' = 'Normal',
): Promise<void> {
  const now = new Date().toISOString();
  const name = server.metadata.name as string;
  try {
    await client.create(builtin.event, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        namespace: server.metadata.namespace as string,
        name: `${name}.${Date.now().toString(16)}${randomBytes(4).toString('hex')}`,
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
    logger.warn({ err, reason }, 'could not record an event');
  }
}
