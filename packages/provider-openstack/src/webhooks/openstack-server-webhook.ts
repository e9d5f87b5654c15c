import { FieldPath, field, jsonEqual, type Validator } from '@capi-ts/sdk';
import type { OpenStackServer } from '../api/v1alpha1/openstack-server.js';
import { serverSpecCreateErrors } from './server-spec-rules.js';
import { isTopologyDryRun } from './topology-dry-run.js';

/**
 * OpenStackServer admission (CAPO's `openStackServerWebhook`): the create rules of a server spec, and an immutable
 * spec. Upstream means to let `identityRef` change but compares the whole spec, so an `identityRef` change is
 * rejected there too; this keeps that behaviour. Cluster API topology dry-runs are let through.
 */
export const openStackServerValidator = {
  validateCreate: (server) => serverSpecCreateErrors(server.spec, () => FieldPath.of('spec', 'ports')),
  validateUpdate: (oldServer, newServer, context) => {
    if (isTopologyDryRun(context, newServer) || jsonEqual(oldServer.spec, newServer.spec)) return [];
    return [
      field.forbidden(
        FieldPath.of('spec'),
        'OpenStackServer spec field is immutable. Please create a new resource instead.',
      ),
    ];
  },
} satisfies Validator<OpenStackServer>;
