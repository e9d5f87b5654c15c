import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createCertificateAuthority, issueCertificate, type KubeObject, type KubeTransport } from '@capi-ts/sdk';

/** Where the harness serves the webhooks of one in-cluster Service. */
export interface RedirectedService {
  /** `<namespace>/<name>` of the Service the installed components point at. */
  readonly service: string;
  /** The loopback port the manager behind that Service must serve its webhooks on. */
  readonly port: number;
}

/** The result of {@link redirectWebhooks}. */
export interface WebhookRedirect {
  /** Folder with `tls.crt` and `tls.key` for 127.0.0.1, for every manager's `--webhook-cert-dir`. */
  readonly certDir: string;
  /** By Service (`<namespace>/<name>`). */
  readonly services: ReadonlyMap<string, RedirectedService>;
}

type ClientConfig = { service?: { namespace: string; name: string; path?: string; port?: number }; url?: string };
type WebhookConfiguration = KubeObject & { webhooks?: Array<{ name: string; clientConfig: ClientConfig }> };
type Crd = KubeObject & { spec: { conversion?: { strategy?: string; webhook?: { clientConfig?: ClientConfig } } } };

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const CONFIGURATIONS = [
  '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
  '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
];

/**
 * Points every webhook the installed components declare at loopback. In a real cluster the API server reaches a
 * manager's webhook server through its Service, and cert-manager injects the CA bundle; here neither exists (no
 * Pods, no cert-manager controller). So each Service gets a free loopback port, every CRD conversion webhook and
 * every admission webhook that names the Service is rewritten to `https://127.0.0.1:<port><path>` with the CA of a
 * serving certificate this function issues, and the manager standing for the Service is started with
 * `--webhook-port=<port> --webhook-cert-dir=<certDir>`. Paths, rules and failure policies stay as installed.
 */
export async function redirectWebhooks(transport: KubeTransport, workDir: string): Promise<WebhookRedirect> {
  const ca = await createCertificateAuthority('capi-ts-e2e-webhooks', { keyAlgorithm: 'ecdsa' });
  const serving = await issueCertificate(ca, {
    commonName: 'webhooks',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  const certDir = path.join(workDir, 'webhook-certs');
  mkdirSync(certDir, { recursive: true });
  writeFileSync(path.join(certDir, 'tls.crt'), serving.cert);
  writeFileSync(path.join(certDir, 'tls.key'), serving.key, { mode: 0o600 });
  const caBundle = Buffer.from(ca.cert).toString('base64');

  const services = new Map<string, RedirectedService>();
  const loopback = async (config: ClientConfig): Promise<ClientConfig> => {
    const { service } = config;
    if (!service) return config;
    const key = `${service.namespace}/${service.name}`;
    let redirected = services.get(key);
    if (!redirected) {
      redirected = { service: key, port: await freePort() };
      services.set(key, redirected);
    }
    return { url: `https://127.0.0.1:${redirected.port}${service.path ?? '/'}` };
  };

  const crds = await transport.request<{ items: Crd[] }>({ method: 'GET', path: CRDS });
  for (const crd of crds.items) {
    const clientConfig = crd.spec.conversion?.webhook?.clientConfig;
    if (crd.spec.conversion?.strategy !== 'Webhook' || !clientConfig?.service) continue;
    await transport.request({
      method: 'PATCH',
      path: `${CRDS}/${crd.metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: {
        spec: {
          conversion: { webhook: { clientConfig: { ...(await loopback(clientConfig)), service: null, caBundle } } },
        },
      },
    });
  }
  for (const collection of CONFIGURATIONS) {
    const list = await transport.request<{ items: WebhookConfiguration[] }>({ method: 'GET', path: collection });
    for (const configuration of list.items) {
      if (!configuration.webhooks?.some((webhook) => webhook.clientConfig.service)) continue;
      for (const webhook of configuration.webhooks) {
        if (webhook.clientConfig.service)
          webhook.clientConfig = { ...(await loopback(webhook.clientConfig)), caBundle } as ClientConfig;
      }
      await transport.request({
        method: 'PUT',
        path: `${collection}/${configuration.metadata.name}`,
        body: configuration,
      });
    }
  }
  return { certDir, services };
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
