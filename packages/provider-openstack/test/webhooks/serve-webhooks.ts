import {
  ApiError,
  createCertificateAuthority,
  issueCertificate,
  KubeClient,
  type KubeObject,
  resourceType,
  silentLogger,
  WebhookServer,
} from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { OpenStackMachineTemplate } from '../../src/api/v1beta1/openstack-machine-template.js';
import { openStackValidatingWebhookConfiguration, registerOpenStackWebhooks } from '../../src/webhooks/registry.js';

const validatingWebhookConfigurations = resourceType<KubeObject>(
  'admissionregistration.k8s.io/v1',
  'ValidatingWebhookConfiguration',
  'validatingwebhookconfigurations',
  false,
);

/** A running webhook server the test API server calls. */
export interface ServedWebhooks {
  stop(): Promise<void>;
}

/**
 * Serves the provider's webhooks over TLS on 127.0.0.1 (a fresh CA), registers them with the test API server
 * through the provider's ValidatingWebhookConfiguration, and waits until the API server calls them.
 */
export async function serveOpenStackWebhooks(env: TestEnvironment): Promise<ServedWebhooks> {
  const ca = await createCertificateAuthority('capo-webhook-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, {
    commonName: 'capo-webhook',
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  const server = new WebhookServer({ host: '127.0.0.1', port: 0, cert, logger: silentLogger() });
  registerOpenStackWebhooks(server);
  const abort = new AbortController();
  const running = server.start(abort.signal);
  const port = await server.whenListening();

  const client = new KubeClient(env.kubeConfig);
  const configuration = openStackValidatingWebhookConfiguration(
    { baseUrl: `https://127.0.0.1:${port}` },
    Buffer.from(ca.cert).toString('base64'),
  );
  await client.create(validatingWebhookConfigurations, configuration);
  // The API server picks up new configurations asynchronously: probe until a webhook-only rule rejects.
  await eventually(
    async () => {
      const probe = OpenStackMachineTemplate.build({
        metadata: { name: 'webhook-probe', namespace: 'default' },
        spec: {
          template: { spec: { providerID: 'x', flavor: 'f', image: { id: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' } } },
        },
      });
      const error = await client.create(OpenStackMachineTemplate, probe, { dryRun: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(error instanceof ApiError) || !error.message.includes('cannot be set in templates')) {
        throw new Error('the validating webhooks are not called yet');
      }
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}
