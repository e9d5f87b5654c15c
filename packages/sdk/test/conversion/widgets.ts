import type { KubeObject } from '../../src/client/index.js';
import { defineConversion } from '../../src/conversion/index.js';

/** v1alpha1: the first version, with `spec.a`. */
export interface WidgetV1alpha1 extends KubeObject {
  spec: { a?: string };
  status?: { ready?: boolean };
}

/** v1alpha2, the hub and storage version: `a` was renamed `title`, and `b` is new. */
export interface WidgetV1alpha2 extends KubeObject {
  spec: { title?: string; b?: number };
  status?: { ready?: boolean };
}

export const GROUP = 'conversion.test.capi-ts.io';

/** The conversion the tests serve: v1alpha1 is a spoke of the v1alpha2 hub. */
export const widgetConversion = defineConversion<WidgetV1alpha2>({
  hub: { apiVersion: `${GROUP}/v1alpha2`, kind: 'Widget' },
  spokes: [
    {
      apiVersion: `${GROUP}/v1alpha1`,
      toHub: (w: WidgetV1alpha1) => {
        const { a, ...rest } = w.spec ?? {};
        return { ...w, spec: { ...rest, ...(a === undefined ? {} : { title: a }) } };
      },
      fromHub: (w): WidgetV1alpha1 => {
        const { title, b: _dropped, ...rest } = w.spec ?? {};
        return { ...w, spec: { ...rest, ...(title === undefined ? {} : { a: title }) } };
      },
    },
  ],
});
