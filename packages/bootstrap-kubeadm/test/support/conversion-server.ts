import {
  type CustomResourceDefinition,
  conversionWebhook,
  createCertificateAuthority,
  issueCertificate,
  silentLogger,
  WebhookServer,
} from '@capi-ts/sdk';
import { kubeadmConfigConversion, kubeadmConfigTemplateConversion } from '../../src/api/conversion/index.js';
import { kubeadmConfigCrd, kubeadmConfigTemplateCrd } from '../../src/api/crds.js';

/** The provider's `/convert` webhook on a loopback HTTPS port, and the CRDs wired to it. */
export interface ConversionServer {
  crds: CustomResourceDefinition[];
  stop(): Promise<void>;
}

/**
 * Serves the conversions over HTTPS with a certificate from a throw-away CA and returns our CRDs with
 * `spec.conversion` pointing at it (the release components will point it at the in-cluster Service).
 */
export async function startConversionServer(): Promise<ConversionServer> {
  const ca = await createCertificateAuthority('kubeadm-conversion-ca', { keyAlgorithm: 'ecdsa' });
  const cert = await issueCertificate(ca, {
    commonName: 'kubeadm-conversion',
    ipAddresses: ['127.0.0.1'],
    usages: ['server'],
    keyAlgorithm: 'ecdsa',
  });
  const server = new WebhookServer({ host: '127.0.0.1', port: 0, cert, logger: silentLogger() });
  server.register('/convert', conversionWebhook(kubeadmConfigConversion, kubeadmConfigTemplateConversion));
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
    crds: [withWebhook(kubeadmConfigCrd), withWebhook(kubeadmConfigTemplateCrd)],
    async stop() {
      stopper.abort();
      await running;
    },
  };
}
