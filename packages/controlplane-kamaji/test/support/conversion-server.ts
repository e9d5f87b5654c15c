import { type ConversionServer, startConversionServer as startServer } from '@capi-ts/sdk/testing';
import { conversions } from '../../src/api/conversion/index.js';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../../src/api/crds.js';

export type { ConversionServer };

/** This provider's conversions served on loopback HTTPS, with its CRDs wired to them. */
export function startConversionServer(): Promise<ConversionServer> {
  return startServer([...conversions], [kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd]);
}
