import type { z } from 'zod';
import type { controlPlaneFieldsShape, controlPlaneFieldsV1alpha1Shape } from '../common/fields.js';

type Shape<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.output<S[K]> };

/** The fields a v1alpha2 KamajiControlPlane shares with its template. */
export type ControlPlaneFields = Partial<Shape<typeof controlPlaneFieldsShape>>;
/** The fields a v1alpha1 KamajiControlPlane shares with its template. */
export type ControlPlaneFieldsV1alpha1 = Partial<Shape<typeof controlPlaneFieldsV1alpha1Shape>>;

/**
 * v1alpha1 → v1alpha2: every v1alpha1 field has the same name and meaning in v1alpha2, so the fields carry over
 * as they are (v1alpha2 only adds fields).
 */
export function fieldsToHub<T extends ControlPlaneFieldsV1alpha1>(fields: T): T & ControlPlaneFields {
  return fields as T & ControlPlaneFields;
}

/**
 * v1alpha2 → v1alpha1: drops what v1alpha1 cannot express (the konnectivity server's `securityContext`,
 * `network.additionalServicePorts`, `network.gateway.sectionName`/`port`); the conversion keeps them in the
 * conversion-data annotation.
 */
export function fieldsFromHub<T extends ControlPlaneFields>(fields: T): T & ControlPlaneFieldsV1alpha1 {
  const out = { ...fields } as Record<string, unknown> & ControlPlaneFields;
  const server = out.addons?.konnectivity?.server;
  if (server && 'securityContext' in server) {
    const { securityContext: _lost, ...rest } = server;
    out.addons = { ...out.addons, konnectivity: { ...out.addons?.konnectivity, server: rest } } as typeof out.addons;
  }
  if (out.network) {
    const { additionalServicePorts: _lostPorts, ...network } = out.network;
    if (network.gateway) {
      const { sectionName: _lostSection, port: _lostPort, ...gateway } = network.gateway;
      network.gateway = gateway;
    }
    out.network = network as typeof out.network;
  }
  return out as T & ControlPlaneFieldsV1alpha1;
}
