import { TerminalError } from '@capi-ts/sdk';
import { ConditionReason } from '../controllers/shared/conditions.js';

/**
 * A reference in a server spec that cannot be resolved or used as written (unknown network, a filter matching
 * several images, a trunk on a cloud without trunks). Retrying cannot help: the object must be fixed.
 */
export class InvalidServerSpecError extends TerminalError {
  readonly reason = ConditionReason.invalidMachineSpec;
}

/** A resource the server depends on failed on the OpenStack side (a volume in `error`). */
export class DependencyFailedError extends TerminalError {
  readonly reason = ConditionReason.dependencyFailed;
}
