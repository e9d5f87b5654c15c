import type { LXCLoadBalancerMachineSpec } from '../api/v1alpha2/lxccluster-spec.js';
import type { IncusServerConnection } from '../connection/connect.js';
import { requireExtensions } from '../connection/connect.js';
import { IncusConflictError, isIncusNotFound } from '../incus/errors.js';
import { hostAddresses } from '../instance/addresses.js';
import { controlPlaneBackends } from './backends.js';
import { renderHaproxyConfig } from './haproxy-config.js';
import { HAPROXY_CONFIG_PATH, HAPROXY_RELOAD_COMMAND, loadBalancerInstanceRequest } from './instance-requests.js';
import type { LoadBalancer, ReconfigureResult } from './load-balancer.js';

/** Time limits of the instance calls (CAPN: start 60 s, stop/delete 30 s, reconfigure 30 s). */
const TIMEOUT_SECONDS = { create: 180, start: 60, delete: 30, reload: 30 };

/** Where an `lxc` or `oci` load balancer lives. */
export interface InstanceLoadBalancerInput {
  type: 'lxc' | 'oci';
  connection: IncusServerConnection;
  instanceName: string;
  clusterName: string;
  namespace: string;
  instanceSpec?: LXCLoadBalancerMachineSpec;
}

/**
 * An haproxy instance in front of the control plane: a system container (`lxc`) or an OCI application container
 * (`oci`, needs the `instance_oci` and `instance_oci_entrypoint` extensions) with a deterministic name.
 */
export class InstanceLoadBalancer implements LoadBalancer {
  readonly type: 'lxc' | 'oci';

  constructor(private readonly input: InstanceLoadBalancerInput) {
    this.type = input.type;
  }

  async ensure(signal?: AbortSignal): Promise<string[]> {
    const { connection, instanceName } = this.input;
    const { client } = connection;
    if (this.type === 'oci') {
      requireExtensions(connection, 'the oci load balancer', 'instance_oci', 'instance_oci_entrypoint');
    }
    let state = await client.instances.getState(instanceName, signal).catch((error: unknown) => {
      if (isIncusNotFound(error)) return undefined;
      throw error;
    });
    if (!state) {
      await this.create(signal);
      state = await client.instances.getState(instanceName, signal);
    }
    if (state.status !== 'Running') {
      if (this.type === 'oci') await this.prepareOciFiles(signal);
      await client.instances.start(instanceName, { timeoutSeconds: TIMEOUT_SECONDS.start, signal });
      state = await client.instances.getState(instanceName, signal);
    }
    return hostAddresses(state);
  }

  async reconfigure(signal?: AbortSignal): Promise<ReconfigureResult> {
    const { connection, instanceName, clusterName, namespace } = this.input;
    const { client } = connection;
    const backends = controlPlaneBackends(await client.instances.listFull(signal), clusterName, namespace);
    const config = renderHaproxyConfig(backends);
    const path = HAPROXY_CONFIG_PATH[this.type];
    const current = await client.files.pull(instanceName, path, signal).then(
      (file) => file.content.toString('utf8'),
      (error: unknown) => {
        if (isIncusNotFound(error)) return undefined;
        throw error;
      },
    );
    if (current === config) return { backends, changed: false };
    const push = (content: string) =>
      client.files.push(instanceName, path, content, { uid: 0, gid: 0, mode: 0o440, signal });
    await push(config);
    try {
      await client.exec.run(instanceName, HAPROXY_RELOAD_COMMAND[this.type], {
        check: true,
        timeoutSeconds: TIMEOUT_SECONDS.reload,
        signal,
      });
    } catch (error) {
      // Put the previous file back, so that the next reconcile sees a difference and reloads again instead of
      // taking the new file for a configuration haproxy already runs.
      await push(current ?? '').catch(() => undefined);
      throw error;
    }
    return { backends, changed: true };
  }

  async delete(signal?: AbortSignal): Promise<void> {
    const { client } = this.input.connection;
    const name = this.input.instanceName;
    try {
      const state = await client.instances.getState(name, signal);
      if (state.pid !== 0) {
        await client.instances.stop(name, { force: true, timeoutSeconds: TIMEOUT_SECONDS.delete, signal });
      }
      await client.instances.delete(name, { timeoutSeconds: TIMEOUT_SECONDS.delete, signal });
    } catch (error) {
      if (!isIncusNotFound(error)) throw error;
    }
  }

  /** Creates the (stopped) instance; a concurrent or earlier create of the same name counts as done. */
  private async create(signal?: AbortSignal): Promise<void> {
    const { connection, instanceSpec } = this.input;
    const request = loadBalancerInstanceRequest({ ...this.input, type: this.type });
    try {
      await connection.client.instances.create(request, {
        target: connection.clustered ? instanceSpec?.target : undefined,
        timeoutSeconds: TIMEOUT_SECONDS.create,
        signal,
      });
    } catch (error) {
      if (!(error instanceof IncusConflictError)) throw error;
    }
  }

  /** The OCI haproxy image needs /init (its PID 1) and an /etc/environment Incus reads at start. */
  private async prepareOciFiles(signal?: AbortSignal): Promise<void> {
    const { client } = this.input.connection;
    const name = this.input.instanceName;
    await client.files.push(name, '/init', '/usr/sbin/haproxy', { type: 'symlink', uid: 0, gid: 0, signal });
    await client.files.push(name, '/etc/environment', '', { uid: 0, gid: 0, mode: 0o644, signal });
  }
}
