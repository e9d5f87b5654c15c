import type { KubeConfig } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../client/object.js';
import { renderComponentsYaml } from '../release/components.js';
import { substituteVariables } from '../release/variables.js';
import type { TestEnvironment } from './environment.js';

// Release components under test: installed on a real API server as clusterctl would install them, and the
// provider's manager run with exactly the RBAC they grant, as the ServiceAccount of their Deployment.

/**
 * The objects a provider's release components install: rendered to the components YAML, every clusterctl variable
 * at its default (as `clusterctl init` with no variables set), and parsed back. Install them with
 * {@link applyStrictly}.
 */
export function installedComponents(components: readonly KubeObject[]): KubeObject[] {
  const text = substituteVariables(renderComponentsYaml(components), {});
  return parseAllDocuments(text).map((document) => document.toJS() as KubeObject);
}

/** The identity of the manager of installed components, to run it in a test with only the RBAC they grant. */
export interface ComponentsManagerIdentity {
  /** The namespace of the manager Deployment, where its ServiceAccount and leader-election Lease live. */
  readonly namespace: string;
  /** The Deployment's `serviceAccountName`. */
  readonly serviceAccountName: string;
  /**
   * Credentials of `system:serviceaccount:<namespace>:<serviceAccountName>`, in the groups Kubernetes gives a
   * ServiceAccount (`system:serviceaccounts`, `system:serviceaccounts:<namespace>`), so that the installed RBAC is
   * all that authorises the manager.
   */
  readonly kubeConfig: KubeConfig;
  /**
   * Command line flags for a manager run in the test: leader election in the Deployment's namespace, metrics and
   * health probe on free loopback ports, no logs. A provider's own flags go after them.
   */
  readonly managerFlags: readonly string[];
}

/** The {@link ComponentsManagerIdentity} of the (single) manager Deployment among the installed `objects`. */
export async function componentsManagerIdentity(
  env: TestEnvironment,
  objects: readonly KubeObject[],
): Promise<ComponentsManagerIdentity> {
  const deployment = objects.find((o) => o.kind === 'Deployment') as
    | (KubeObject & { spec: { template: { spec: { serviceAccountName?: string } } } })
    | undefined;
  const serviceAccountName = deployment?.spec.template.spec.serviceAccountName;
  const namespace = deployment?.metadata.namespace;
  if (!serviceAccountName || !namespace) throw new Error('the components have no Deployment with a ServiceAccount');
  const kubeConfig = await env.kubeConfigFor(`system:serviceaccount:${namespace}:${serviceAccountName}`, [
    'system:serviceaccounts',
    `system:serviceaccounts:${namespace}`,
  ]);
  const managerFlags = [
    '--leader-elect',
    `--leader-election-namespace=${namespace}`,
    '--metrics-bind-address=127.0.0.1:0',
    '--health-probe-bind-address=127.0.0.1:0',
    '--log-level=silent',
  ];
  return { namespace, serviceAccountName, kubeConfig, managerFlags };
}
