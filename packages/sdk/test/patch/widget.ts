import { type KubeObject, type ResourceType, resourceType } from '../../src/index.js';

/** A tiny namespaced test kind with the `/status` subresource and schema-checked metav1 conditions. */
export interface Widget extends KubeObject {
  spec?: { size?: number; color?: string };
  status?: Record<string, unknown>;
}

export const widgetType: ResourceType<Widget> = resourceType<Widget>('test.capi-ts.dev/v1', 'Widget', 'widgets', true);

const metav1Condition = {
  type: 'object',
  required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'],
  properties: {
    type: { type: 'string', maxLength: 316 },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' },
    message: { type: 'string', maxLength: 32768 },
  },
};

const v1beta1Condition = {
  type: 'object',
  required: ['type', 'status', 'lastTransitionTime'],
  properties: {
    type: { type: 'string' },
    status: { type: 'string' },
    severity: { type: 'string' },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    reason: { type: 'string' },
    message: { type: 'string' },
  },
};

/** The CRD, written by hand as a plain object. */
export const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.test.capi-ts.dev' },
  spec: {
    group: 'test.capi-ts.dev',
    scope: 'Namespaced',
    names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { size: { type: 'integer' }, color: { type: 'string' } },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  conditions: { type: 'array', items: metav1Condition },
                  deprecated: {
                    type: 'object',
                    properties: {
                      v1beta1: {
                        type: 'object',
                        properties: { conditions: { type: 'array', items: v1beta1Condition } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};
