/**
 * The machine's spec cannot be turned into an instance (bad device syntax, unknown image prefix, missing
 * Kubernetes version, unparsable kind cloud-config). Retrying cannot fix it: the controller reports it as
 * `InstanceProvisioned=False` with reason `InstanceProvisioningAborted` and waits for the next change.
 */
export class InstanceSpecError extends Error {
  override name = 'InstanceSpecError';
}
