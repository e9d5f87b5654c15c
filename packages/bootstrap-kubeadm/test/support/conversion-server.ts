import { type ConversionServer, startConversionServer as startServer } from '@capi-ts/sdk/testing';
import { kubeadmConfigConversion, kubeadmConfigTemplateConversion } from '../../src/api/conversion/index.js';
import { kubeadmConfigCrd, kubeadmConfigTemplateCrd } from '../../src/api/crds.js';

export type { ConversionServer };

/** This provider's conversions served on loopback HTTPS, with its CRDs wired to them. */
export function startConversionServer(): Promise<ConversionServer> {
  return startServer(
    [kubeadmConfigConversion, kubeadmConfigTemplateConversion],
    [kubeadmConfigCrd, kubeadmConfigTemplateCrd],
  );
}
