import { builtin, type ObjectReader } from '@capi-ts/sdk';
import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';

/** The user data of a server, base64 as its Secret stores it; `missing` while the Secret or its key is absent. */
export type UserData =
  | { readonly state: 'none' }
  | { readonly state: 'missing'; readonly message: string }
  | {
      readonly state: 'present';
      readonly base64: string;
    };

/** Reads `spec.userDataRef` (a Secret in the server's namespace, key `value`) from the cache. */
export async function userDataOf(reader: ObjectReader, server: Readonly<OpenStackServer>): Promise<UserData> {
  const name = server.spec.userDataRef?.name;
  if (name === undefined || name === '') return { state: 'none' };
  const secret = await reader.get(builtin.secret, { namespace: server.metadata.namespace as string, name });
  const value = secret?.data?.value;
  if (value === undefined) {
    return {
      state: 'missing',
      message: secret ? `user data Secret ${name} has no key "value"` : `waiting for the user data Secret ${name}`,
    };
  }
  return { state: 'present', base64: value };
}
