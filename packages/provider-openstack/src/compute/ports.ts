import type { ObjectEventRecorder } from '@capi-ts/sdk';
import type { ResolvedPortSpec } from '../api/v1beta1/ports.js';
import { recordCall } from '../controllers/shared/events.js';
import { FilterMatchError, neutron, type OpenStackSession } from '../openstack/index.js';
import { InvalidServerSpecError } from './errors.js';

/** Whether the cloud's Neutron serves trunks (extension alias `trunk`). */
export async function hasTrunkExtension(session: OpenStackSession): Promise<boolean> {
  return (await neutron.listExtensions(session)).some((extension) => extension.alias === 'trunk');
}

/**
 * Makes sure every resolved port exists, in order, and answers their ids. `known` are the ids already recorded in
 * `status.resources.ports` (index for index); a port not recorded yet is looked up by name and network first, so a
 * port created before a crash is adopted instead of duplicated, and only created when missing. Each new port gets
 * its tags and, when asked, a trunk of the same name. `onPort` is called after each port, so the caller can record
 * progress as it goes. Creations are recorded as CAPO's `CreatePort` and `CreateTrunk` events about `events`' object.
 */
export async function ensurePorts(
  session: OpenStackSession,
  events: ObjectEventRecorder,
  ports: readonly ResolvedPortSpec[],
  known: readonly { readonly id: string }[],
  onPort: (index: number, id: string) => void,
): Promise<string[]> {
  const ids = known.map((port) => port.id);
  const missing = ports.slice(ids.length);
  if (missing.some((port) => port.trunk === true) && !(await hasTrunkExtension(session))) {
    throw new InvalidServerSpecError('a port asks for a trunk, but the cloud has no trunk extension');
  }
  for (const [index, spec] of ports.entries()) {
    if (index < ids.length) continue;
    const port = (await findPort(session, spec)) ?? (await createPort(session, events, spec));
    if (spec.trunk === true) await ensureTrunk(session, events, spec, port.id);
    ids.push(port.id);
    onPort(index, port.id);
  }
  return ids;
}

async function findPort(session: OpenStackSession, spec: ResolvedPortSpec): Promise<neutron.Port | undefined> {
  const found = await neutron.listPorts(session, { name: spec.name, networkId: spec.networkID });
  if (found.length > 1) throw new FilterMatchError('multiple-matches', `port named ${spec.name}`, found.length);
  return found[0];
}

/** The `POST /v2.0/ports` body of a resolved port, as CAPO's `CreatePort` builds it. */
export function portCreateRequest(spec: ResolvedPortSpec): neutron.CreatePortRequest {
  const profile: Record<string, unknown> = {};
  if (spec.profile?.ovsHWOffload) profile.capabilities = ['switchdev'];
  if (spec.profile?.trustedVF) profile.trusted = true;
  const portSecurityOff = spec.disablePortSecurity === true;
  return {
    network_id: spec.networkID,
    name: spec.name,
    description: spec.description,
    ...(spec.adminStateUp !== undefined ? { admin_state_up: spec.adminStateUp } : {}),
    ...(spec.macAddress ? { mac_address: spec.macAddress } : {}),
    ...(spec.fixedIPs?.length
      ? {
          fixed_ips: spec.fixedIPs.map((ip) => ({
            ...(ip.subnet ? { subnet_id: ip.subnet } : {}),
            ...(ip.ipAddress ? { ip_address: ip.ipAddress } : {}),
          })),
        }
      : {}),
    ...(portSecurityOff ? { port_security_enabled: false } : {}),
    ...(!portSecurityOff && spec.securityGroups?.length ? { security_groups: spec.securityGroups } : {}),
    ...(!portSecurityOff && spec.allowedAddressPairs?.length
      ? {
          allowed_address_pairs: spec.allowedAddressPairs.map((pair) => ({
            ip_address: pair.ipAddress,
            ...(pair.macAddress ? { mac_address: pair.macAddress } : {}),
          })),
        }
      : {}),
    ...(spec.propagateUplinkStatus !== undefined ? { propagate_uplink_status: spec.propagateUplinkStatus } : {}),
    ...(spec.hostID ? { 'binding:host_id': spec.hostID } : {}),
    ...(spec.vnicType ? { 'binding:vnic_type': spec.vnicType } : {}),
    ...(Object.keys(profile).length > 0 ? { 'binding:profile': profile } : {}),
    ...(spec.valueSpecs?.length
      ? { valueSpecs: Object.fromEntries(spec.valueSpecs.map((valueSpec) => [valueSpec.key, valueSpec.value])) }
      : {}),
  };
}

async function createPort(
  session: OpenStackSession,
  events: ObjectEventRecorder,
  spec: ResolvedPortSpec,
): Promise<neutron.Port> {
  const port = await recordCall(
    events,
    {
      action: 'CreatePort',
      attempt: `create port ${spec.name}`,
      done: (created) => `Created port ${spec.name} with id ${created.id}`,
    },
    () => neutron.createPort(session, portCreateRequest(spec)),
  );
  if (spec.tags?.length) await neutron.replaceAllTags(session, 'ports', port.id, spec.tags);
  return port;
}

async function ensureTrunk(
  session: OpenStackSession,
  events: ObjectEventRecorder,
  spec: ResolvedPortSpec,
  portId: string,
): Promise<void> {
  const existing = await neutron.listTrunks(session, { name: spec.name, portId });
  if (existing.length > 0) return;
  const trunk = await recordCall(
    events,
    {
      action: 'CreateTrunk',
      attempt: `create trunk ${spec.name}`,
      done: (created) => `Created trunk ${spec.name} with id ${created.id}`,
    },
    () => neutron.createTrunk(session, { name: spec.name, port_id: portId, description: spec.description }),
  );
  if (spec.tags?.length) await neutron.replaceAllTags(session, 'trunks', trunk.id, spec.tags);
}
