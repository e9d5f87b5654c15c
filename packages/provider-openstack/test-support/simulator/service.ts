import type { ErrorFormatter } from './errors.js';
import type { MicroversionPolicy } from './microversion.js';
import type { ServiceName } from './recorder.js';
import type { Route } from './router.js';

/** One simulated OpenStack service mounted below a path prefix of the simulator's server. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  /** Path prefix, e.g. `/network`; the catalog points below it. */
  readonly prefix: string;
  readonly routes: readonly Route[];
  /** Renders errors in the service's own body shape. */
  readonly formatError: ErrorFormatter;
  /** Microversion negotiation (Nova, Cinder). */
  readonly microversions?: MicroversionPolicy;
}
