import type { KubeObject, KubeTransport } from '@capi-ts/sdk';
import type { CapiManagementPlane } from './capi-management-plane.js';

/** How the demo talks to its user: numbered steps with the time since start, and plain text. */
export class DemoOutput {
  private readonly started = Date.now();
  private step = 0;

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  /** `[n] (12.3 s) what happens now` */
  say(message: string): void {
    this.step += 1;
    this.write(`[${this.step}] (${((Date.now() - this.started) / 1000).toFixed(1)} s) ${message}\n`);
  }

  text(lines: readonly string[]): void {
    this.write(`${lines.join('\n')}\n`);
  }
}

/**
 * Shows `clusterctl describe cluster` (each Machine on its own row) each time its output changes, every `intervalMs`, until `done()` holds (then
 * resolves true) or `timeoutMs` passes (then resolves false). `clusterctl describe` has no watch mode: it is the
 * command a user would rerun.
 */
export async function showProvisioning(
  plane: CapiManagementPlane,
  cluster: { name: string; namespace: string },
  output: DemoOutput,
  done: () => Promise<boolean>,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let last = '';
  for (;;) {
    const described = await plane.clusterctl.run([
      'describe',
      'cluster',
      cluster.name,
      '-n',
      cluster.namespace,
      '--grouping=false',
    ]);
    if (described.stdout !== last) {
      last = described.stdout;
      output.say('clusterctl describe cluster');
      output.text([described.stdout.trimEnd()]);
    }
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 3000));
  }
}

/** The phases of a cluster's Machines, by role, and the name of its (first) control-plane Machine. */
export interface MachinePhases {
  readonly controlPlane: Array<string | undefined>;
  readonly controlPlaneMachine: string | undefined;
  readonly workers: Array<string | undefined>;
}

/** Reads the cluster's Machines (label `cluster.x-k8s.io/cluster-name`) and their `status.phase`. */
export async function machinePhases(
  transport: KubeTransport,
  cluster: { name: string; namespace: string },
): Promise<MachinePhases> {
  const list = await transport.request<{ items: Array<KubeObject & { status?: { phase?: string } }> }>({
    method: 'GET',
    path: `/apis/cluster.x-k8s.io/v1beta2/namespaces/${cluster.namespace}/machines`,
    query: { labelSelector: `cluster.x-k8s.io/cluster-name=${cluster.name}` },
  });
  const items = [...list.items].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const isControlPlane = (m: KubeObject) => m.metadata.labels?.['cluster.x-k8s.io/control-plane'] !== undefined;
  return {
    controlPlane: items.filter(isControlPlane).map((m) => m.status?.phase),
    controlPlaneMachine: items.find(isControlPlane)?.metadata.name,
    workers: items.filter((m) => !isControlPlane(m)).map((m) => m.status?.phase),
  };
}
