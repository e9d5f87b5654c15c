import {
  type CustomResourceDefinition,
  conversionWebhook,
  createCertificateAuthority,
  issueCertificate,
  silentLogger,
  WebhookServer,
} from '@capi-ts/sdk';
import { conversions } from '../../src/api/conversion/index.js';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../../src/api/crds.js';

/** The provider's `/convert` webhook on a loopback HTTPS port, and the CRDs wired to it. */
export interface ConversionServer {
  crds: CustomResourceDefinition[];
  stop(): Promise<void>;
}

/**
 * Serves the provider's conversions as the manager does, over HTTPS with a certificate from a throw-away CA, and
 * returns our CRDs with `spec.conversion` pointing at it (the release components point it at the in-cluster
 * Service instead).
 */
export async function startConversionServer(): Promise<ConversionServer> {
  const ca = await createCertificateAuthority('kamaji-conversion-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, {
    commonName: 'kamaji-conversion',
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
    crds: [withWebhook(kamajiControlPlaneCrd), withWebhook(kamajiControlPlaneTemplateCrd)],
    async stop() {
      stopper.abort();
      await running;
    },
  };
}
