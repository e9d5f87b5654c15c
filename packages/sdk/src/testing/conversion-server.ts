import type { Conversion } from '../conversion/index.js';
import { conversionWebhook } from '../conversion/index.js';
import { silentLogger } from '../log/index.js';
import { createCertificateAuthority, issueCertificate } from '../pki/index.js';
import type { CustomResourceDefinition } from '../resource/index.js';
import { WebhookServer } from '../webhooks/index.js';

/** A provider's `/convert` webhook on a loopback HTTPS port, and its CRDs wired to it. */
export interface ConversionServer {
  crds: CustomResourceDefinition[];
  stop(): Promise<void>;
}

/**
 * Serves `conversions` as a provider's manager does, over HTTPS with a certificate from a throw-away CA, and returns
 * `crds` with `spec.conversion` pointing at it (release components point it at the in-cluster Service instead).
 * Install the returned CRDs in a test environment and the real API server calls the webhook for every conversion.
 */
export async function startConversionServer(
  conversions: Conversion[],
  crds: CustomResourceDefinition[],
): Promise<ConversionServer> {
  const ca = await createCertificateAuthority('conversion-test-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, {
    commonName: 'conversion-test',
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  const server = new WebhookServer({ host: '127.0.0.1', port: 0, cert, logger: silentLogger() });
  server.register('/convert', conversionWebhook(...conversions));
  const stopper = new AbortController();
  const running = server.start(stopper.signal);
  const port = await server.whenListening();
  const caBundle = Buffer.from(ca.cert).toString('base64');
  const withWebhook = (crd: CustomResourceDefinition): CustomResourceDefinition => ({
    ...crd,
    spec: {
      ...crd.spec,
      conversion: {
        strategy: 'Webhook',
        webhook: {
          clientConfig: { url: `https://127.0.0.1:${port}/convert`, caBundle },
          conversionReviewVersions: ['v1'],
        },
      },
    },
  });
  return {
    crds: crds.map(withWebhook),
    async stop() {
      stopper.abort();
      await running;
    },
  };
}
