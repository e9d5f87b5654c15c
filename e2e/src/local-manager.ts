import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { LocalProcess } from './local-process.js';
import { freePort, type WebhookRedirect } from './webhook-redirect.js';

/** An installed manager Deployment, as clusterctl rendered it (variables substituted). */
export type ManagerDeployment = KubeObject & {
  spec: {
    template: {
      spec: {
        serviceAccountName: string;
        containers: Array<{
          name: string;
          args?: string[];
          env?: Array<{ name: string; value?: string }>;
        }>;
      };
    };
  };
};

/** The flag dialect of a manager: Cluster API's Go managers, or this repository's SDK managers. */
export type FlagDialect = 'cluster-api' | 'capi-ts';

/** The flags that bind addresses or need a cluster; the harness replaces them (see {@link startLocalManager}). */
const LOCAL_FLAGS: Record<FlagDialect, readonly string[]> = {
  'cluster-api': [
    'leader-elect',
    'diagnostics-address',
    'insecure-diagnostics',
    'health-addr',
    'webhook-port',
    'webhook-cert-dir',
  ],
  'capi-ts': ['leader-elect', 'metrics-bind-address', 'health-probe-bind-address', 'webhook-port', 'webhook-cert-dir'],
};

/** What {@link startLocalManager} runs. */
export interface LocalManagerOptions {
  readonly env: TestEnvironment;
  readonly deployment: ManagerDeployment;
  /** The program and the arguments before the Deployment's, e.g. `node` and the provider's bundle. */
  readonly command: readonly string[];
  readonly dialect: FlagDialect;
  readonly webhooks: WebhookRedirect;
  readonly workDir: string;
}

/** A manager running as a local process in place of its Deployment's Pod. */
export interface LocalManager {
  readonly process: LocalProcess;
  /** `http://127.0.0.1:<port>`, serving `/healthz` and `/readyz`. */
  readonly healthEndpoint: string;
}

/**
 * Runs a manager as its installed Deployment's Pod would run, except where a Pod cannot be had here: the container's
 * arguments as clusterctl rendered them, with the address flags replaced by loopback ones (health probe on a free
 * port, metrics off or on a free port, webhooks on the port {@link WebhookRedirect} assigned to the Deployment's
 * webhook Service), leader election off (one replica), the `POD_*` environment of the downward API, and the API
 * credentials of the Deployment's ServiceAccount (a client certificate for `system:serviceaccount:<ns>:<name>` with
 * its groups), so that the installed RBAC is what authorises it. Resolves once `/readyz` answers 200.
 */
export async function startLocalManager(options: LocalManagerOptions): Promise<LocalManager> {
  const { deployment, dialect, env } = options;
  const namespace = deployment.metadata.namespace ?? '';
  const pod = deployment.spec.template.spec;
  const container = pod.containers.find((c) => c.name === 'manager');
  if (!container) throw new Error(`${namespace}/${deployment.metadata.name} has no container named manager`);

  const user = `system:serviceaccount:${namespace}:${pod.serviceAccountName}`;
  const kubeConfig = await env.kubeConfigFor(user, ['system:serviceaccounts', `system:serviceaccounts:${namespace}`]);
  const name = deployment.metadata.name ?? 'manager';
  const kubeconfigPath = path.join(options.workDir, `${name}.kubeconfig`);
  writeFileSync(kubeconfigPath, kubeConfig.exportConfig(), { mode: 0o600 });

  const healthPort = await freePort();
  const webhookPort = webhookPortOf(options.webhooks, namespace) ?? (await freePort());
  const replaced = new Set(LOCAL_FLAGS[dialect]);
  const args = (container.args ?? []).filter((arg) => !replaced.has(/^--?([^=]+)/.exec(arg)?.[1] ?? ''));
  args.push(
    `--kubeconfig=${kubeconfigPath}`,
    `--webhook-port=${webhookPort}`,
    `--webhook-cert-dir=${options.webhooks.certDir}`,
  );
  if (dialect === 'cluster-api') {
    args.push(
      `--health-addr=127.0.0.1:${healthPort}`,
      `--diagnostics-address=127.0.0.1:${await freePort()}`,
      '--insecure-diagnostics=true',
    );
  } else {
    args.push(`--health-probe-bind-address=127.0.0.1:${healthPort}`, '--metrics-bind-address=0');
  }
  const podEnv = Object.fromEntries(
    (container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]),
  );
  const [program, ...prefix] = options.command as [string, ...string[]];
  const child = new LocalProcess(name, program, [...prefix, ...args], path.join(options.workDir, `${name}.log`), {
    PATH: process.env.PATH ?? '',
    HOME: options.workDir,
    ...podEnv,
    POD_NAMESPACE: namespace,
    POD_NAME: `${name}-local`,
    POD_UID: randomUUID(),
  });
  const healthEndpoint = `http://127.0.0.1:${healthPort}`;
  await eventually(
    async () => {
      if (!child.isRunning) throw new Error(`${name} exited:\n${child.logTail()}`);
      const response = await fetch(`${healthEndpoint}/readyz`);
      if (response.status !== 200) throw new Error(`${name} /readyz: ${response.status}`);
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  ).catch((err: unknown) => {
    throw new Error(`${name} did not become ready: ${(err as Error).message}\n${child.logTail()}`);
  });
  return { process: child, healthEndpoint };
}

/** The port assigned to the webhook Service of this namespace, when the components declare webhooks. */
function webhookPortOf(webhooks: WebhookRedirect, namespace: string): number | undefined {
  return [...webhooks.services.values()].find((s) => s.service.startsWith(`${namespace}/`))?.port;
}
