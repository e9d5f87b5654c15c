import type { KubeObject } from '../client/object.js';
import { CapiAnnotation, CapiLabel } from './constants.js';
import type { Machine } from './types.js';

/** Whether the Machine belongs to a control plane (it carries the `cluster.x-k8s.io/control-plane` label). */
export function isControlPlaneMachine(machine: Readonly<Machine>): boolean {
  return machine.metadata.labels?.[CapiLabel.controlPlane] !== undefined;
}

/** Whether an external system manages the object (`cluster.x-k8s.io/managed-by` annotation): providers skip it. */
export function isExternallyManaged(object: Readonly<KubeObject>): boolean {
  return object.metadata.annotations?.[CapiAnnotation.managedBy] !== undefined;
}

/**
 * Whether a controller started with `--watch-filter=<watchFilter>` reconciles the object: always when the filter is
 * empty, else only when the `cluster.x-k8s.io/watch-filter` label has that value.
 */
export function matchesWatchFilter(object: Readonly<KubeObject>, watchFilter: string | undefined): boolean {
  if (!watchFilter) return true;
  return object.metadata.labels?.[CapiLabel.watchFilter] === watchFilter;
}
