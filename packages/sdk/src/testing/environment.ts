import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeTransport } from '../client/transport.js';
import { createCertificateAuthority, generateSigningKey, issueCertificate, type KeyPair } from '../pki/index.js';
import { resolveKubeAssets } from './assets.js';
import { type CrdSource, installCrds } from './crds.js';
import { freePort } from './ports.js';
import { ManagedProcess } from './process.js';

export interface TestEnvironmentOptions {
  /** CRDs to install once the API server is ready: files, folders of `*.yaml`, or CRD objects. */
  crds?: CrdSource[];
  /** Extra kube-apiserver flags, e.g. `--feature-gates=...`. */
  apiServerFlags?: string[];
  /** How long to wait for etcd and the API server to become ready. Default 90 s. */
  startTimeoutMs?: number;
}

/** A running etcd + kube-apiserver pair on loopback, with an admin (system:masters) credential. */
export interface TestEnvironment {
  /** The admin kubeconfig, loaded. */
  readonly kubeConfig: KubeConfig;
  /** The admin kubeconfig as YAML (certificates embedded). */
  readonly kubeconfigYaml: string;
  /** The admin kubeconfig written to a file, for command-line tools. */
  readonly kubeconfigPath: string;
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  /** etcd's client URL (`http://127.0.0.1:<port>`), e.g. to compact history and provoke `410 Gone`. */
  readonly etcdUrl: string;
  /** The CA that signed the serving and client certificates; also trusted for client authentication. */
  readonly ca: KeyPair;
  /** A transport authenticated as the admin, ready for raw calls. */
  readonly transport: KubeTransport;
  /** Installs more CRDs and waits until they are Established. */
  installCrds(crds: CrdSource[]): Promise<void>;
  /** Issues a kubeconfig for another user (client certificate signed by {@link ca}). */
  kubeConfigFor(user: string, groups?: string[]): Promise<KubeConfig>;
  /** Stops only the API server (etcd keeps the data); {@link startApiServer} brings it back on the same port. */
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  /** Stops both processes and removes the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts etcd and kube-apiserver on free loopback ports in a temporary folder, waits until `/readyz` answers,
 * installs the given CRDs and waits until they are Established. Several environments may run at once.
 */
export async function startTestEnvironment(options: TestEnvironmentOptions = {}): Promise<TestEnvironment> {
  const assets = resolveKubeAssets();
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'capi-ts-env-'));
  const processes: ManagedProcess[] = [];
  try {
    const ca = await createCertificateAuthority('capi-ts-test-ca', { keyAlgorithm: 'ecdsa' });
    const serving = await issueCertificate(ca, {
      commonName: 'kube-apiserver',
      dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
      ipAddresses: ['127.0.0.1'],
      usages: ['server'],
      keyAlgorithm: 'ecdsa',
    });
    const admin = await issueCertificate(ca, {
      commonName: 'admin',
      organizations: ['system:masters'],
      usages: ['client'],
      keyAlgorithm: 'ecdsa',
    });
    const serviceAccount = await generateSigningKey();
    const file = (name: string, content: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, content, { mode: 0o600 });
      return p;
    };

    const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcd = new ManagedProcess(
      'etcd',
      assets.etcd,
      [
        `--data-dir=${path.join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
        '--unsafe-no-fsync=true',
        '--log-level=warn',
      ],
      path.join(dir, 'etcd.log'),
    );
    processes.push(etcd);
    etcd.start();
    await waitUntil(etcd, timeoutMs, () => httpOk(`http://127.0.0.1:${etcdPort}/health`));

    const apiServer = new ManagedProcess(
      'kube-apiserver',
      assets.kubeApiServer,
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--cert-dir=${path.join(dir, 'certs')}`,
        `--tls-cert-file=${file('serving.crt', serving.cert)}`,
        `--tls-private-key-file=${file('serving.key', serving.key)}`,
        `--client-ca-file=${file('ca.crt', ca.cert)}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${file('sa.pub', serviceAccount.publicKey)}`,
        `--service-account-signing-key-file=${file('sa.key', serviceAccount.privateKey)}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        '--authorization-mode=RBAC',
        '--allow-privileged=true',
        '--disable-admission-plugins=ServiceAccount',
        '--endpoint-reconciler-type=none',
        '--profiling=false',
        ...(options.apiServerFlags ?? []),
      ],
      path.join(dir, 'kube-apiserver.log'),
    );
    processes.push(apiServer);
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfigYaml = renderKubeconfig(server, ca.cert, 'admin', admin);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(kubeconfigYaml);
    const kubeconfigPath = file('kubeconfig', kubeconfigYaml);
    const transport = new KubeTransport(kubeConfig);
    const readyz = () => httpsOk(`${server}/readyz`, ca.cert, admin);
    const startApiServer = async () => {
      apiServer.start();
      await waitUntil(apiServer, timeoutMs, readyz);
    };
    await startApiServer();

    let stopped = false;
    const env: TestEnvironment = {
      kubeConfig,
      kubeconfigYaml,
      kubeconfigPath,
      server,
      etcdUrl: `http://127.0.0.1:${etcdPort}`,
      ca,
      transport,
      installCrds: (crds) => installCrds(transport, crds),
      async kubeConfigFor(user, groups = []) {
        const cert = await issueCertificate(ca, {
          commonName: user,
          organizations: groups,
          usages: ['client'],
          keyAlgorithm: 'ecdsa',
        });
        const kc = new KubeConfig();
        kc.loadFromString(renderKubeconfig(server, ca.cert, user, cert));
        return kc;
      },
      stopApiServer: () => apiServer.stop(),
      startApiServer,
      async stop() {
        if (stopped) return;
        stopped = true;
        transport.close();
        await apiServer.stop();
        await etcd.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    if (options.crds && options.crds.length > 0) await env.installCrds(options.crds);
    return env;
  } catch (err) {
    for (const p of processes.reverse()) await p.stop(1_000);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function renderKubeconfig(server: string, caCert: string, user: string, credential: KeyPair): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: envtest',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64(caCert)}`,
    'users:',
    `- name: ${user}`,
    '  user:',
    `    client-certificate-data: ${b64(credential.cert)}`,
    `    client-key-data: ${b64(credential.key)}`,
    'contexts:',
    '- name: envtest',
    '  context:',
    '    cluster: envtest',
    `    user: ${user}`,
    'current-context: envtest',
    '',
  ].join('\n');
}

/** Retries `probe` every 100 ms until it succeeds; fails early, with the log, if the process dies. */
async function waitUntil(proc: ManagedProcess, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void proc.whenExited().then(() => {
    died = true;
  });
  while (Date.now() < deadline) {
    if (died || !proc.isRunning) throw new Error(`${proc.name} exited while starting:\n${proc.tail()}`);
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${proc.tail()}`);
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

function httpsOk(url: string, ca: string, client: KeyPair): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(url, { ca, cert: client.cert, key: client.key, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}
