import type { Conversion } from '@capi-ts/sdk';
import { kamajiControlPlaneConversion } from './kamaji-control-plane.js';
import { kamajiControlPlaneTemplateConversion } from './kamaji-control-plane-template.js';

export { kamajiControlPlaneConversion, kamajiControlPlaneTemplateConversion };

/** Every conversion the manager's `/convert` webhook serves. */
export const conversions: Conversion[] = [
  kamajiControlPlaneConversion as unknown as Conversion,
  kamajiControlPlaneTemplateConversion as unknown as Conversion,
];
