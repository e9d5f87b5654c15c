import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { TenantControlPlane } from '../../src/kamaji/tenant-control-plane.js';

/**
 * The TenantControlPlane CRD the tests install: generated from the provider's model of Kamaji's
 * `kamaji.clastix.io/v1alpha1` schema (same group, version, names, scale subresource, defaults and CEL rules for
 * every field the provider writes or reads), since Kamaji's own CRD is not available offline.
 */
export const tenantControlPlaneCrd = defineCustomResourceDefinition({ versions: [TenantControlPlane] });
