import { CapiAnnotation, createLogger, type Manager } from '@capi-ts/sdk';
import { eventually, type TestEnvironment } from '@capi-ts/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lxcMachineResource } from '../../src/api/index.js';
import { createManager, parseFlags } from '../../src/manager.js';
import { ensureCloudImage, ensureIncus, IncusCleanup, uniqueName } from '../../test-support/index.js';
import { bootstrapCloudConfig, conditionOf, MachineWorld, startEnvironment, v1beta1ConditionOf } from './world.js';

// The LXCMachine controller against a real API server and the real local Incus daemon: control-plane files,
// failures and conditions.

const incus = await ensureIncus();

describe.skipIf(!incus.available)(
  'LXCMachine controller on a real Incus daemon: control plane, failures, pause',
  () => {
    if (!incus.available) return;
    const { client: incusClient } = incus;
    const cleanup = new IncusCleanup(incusClient);
    let env: TestEnvironment;
    let manager: Manager;
    const stop = new AbortController();
    let running: Promise<void>;
    let world: MachineWorld;
    let image: string;

    beforeAll(async () => {
      [env, image] = await Promise.all([startEnvironment(), ensureCloudImage(incusClient).then((i) => i.alias)]);
      manager = createManager(parseFlags(['--metrics-bind-address=0', '--health-probe-bind-address=0']), {
        kubeConfig: env.kubeConfig,
        logger: createLogger({ level: 'fatal' }),
      });
      running = manager.start(stop.signal);
      world = await new MachineWorld(env, 'machines').setUp();
    }, 120000);

    afterAll(async () => {
      stop.abort();
      await running;
      await cleanup.run();
      await env?.stop();
    });

    it('injects the kube-vip static pod into control-plane instances', async () => {
      const vip = await new MachineWorld(env, 'kube-vip').setUp({ loadBalancer: { kubeVIP: { interface: 'eth0' } } });
      const name = cleanup.instance(uniqueName('lxcm-cp'));
      await vip.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('cp'), {}, true);
      await eventually(
        async () => {
          const machine = await vip.lxcMachine(name);
          expect(machine.spec?.providerID).toBe(`lxc:///${name}`);
          // kube-vip has nothing to reconfigure: the flag comes with the providerID, as in CAPN.
          expect(machine.status?.loadBalancerConfigured).toBe(true);
        },
        { timeoutMs: 90_000 },
      );
      expect((await incusClient.instances.get(name)).config['user.cluster-role']).toBe('control-plane');
      const manifest = (
        await incusClient.files.pull(name, '/etc/kubernetes/manifests/kube-vip.yaml')
      ).content.toString();
      expect(manifest).toContain('ghcr.io/kube-vip/kube-vip:v0.6.4');
      expect(manifest).toContain('10.0.0.1');
      // The Cluster's control plane is initialized in this world: a joining node uses admin.conf.
      expect(manifest).toContain('/etc/kubernetes/admin.conf');
    }, 120_000);

    it('a control-plane machine behind an lxc load balancer gets its providerID only once the load balancer includes it', async () => {
      // The LXCCluster has no owner here, so no load balancer is made and nothing reconfigures it: the test sets
      // status.loadBalancerConfigured as the load balancer backends controller would.
      const lxc = await new MachineWorld(env, 'lxc-lb').setUp({ loadBalancer: { lxc: {} } });
      const name = cleanup.instance(uniqueName('lxcm-lb'));
      await lxc.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('cp'), {}, true);
      const waiting = await eventually(
        async () => {
          const machine = await lxc.lxcMachine(name);
          expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({ status: 'True' });
          expect(machine.status?.addresses?.some((a) => a.type === 'InternalIP')).toBe(true);
          return machine;
        },
        { timeoutMs: 90_000 },
      );
      expect(waiting.spec?.providerID).toBeUndefined();
      expect(waiting.status?.loadBalancerConfigured).toBeUndefined();
      expect(waiting.status?.initialization?.provisioned).not.toBe(true);
      await lxc.client.mergePatch(
        lxcMachineResource,
        { namespace: lxc.namespace, name },
        { status: { loadBalancerConfigured: true } },
        { subresource: 'status' },
      );
      await eventually(async () => {
        const machine = await lxc.lxcMachine(name);
        expect(machine.spec?.providerID).toBe(`lxc:///${name}`);
        expect(machine.status?.initialization?.provisioned).toBe(true);
      });
    }, 120_000);

    it('waiting for bootstrap data is reported in both condition forms (CAPN writes the v1beta1 ones)', async () => {
      const name = cleanup.instance(uniqueName('lxcm-wait'));
      await world.machine(name, { image: { name: image, fingerprint: '' } }, undefined, {}, true);
      await eventually(async () => {
        const machine = await world.lxcMachine(name);
        expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({
          status: 'False',
          reason: 'WaitingForBootstrapData',
        });
        for (const type of ['InstanceProvisioned', 'Ready']) {
          expect(v1beta1ConditionOf(machine, type)).toMatchObject({
            status: 'False',
            reason: 'WaitingForBootstrapData',
            severity: 'Info',
          });
        }
      });
      await expect(incusClient.instances.get(name)).rejects.toThrow(/not found/i);
    }, 60_000);

    it('reports a start failure of the daemon (the default kubeadm profile loads kernel modules, impossible here)', async () => {
      const strict = await new MachineWorld(env, 'with-profile').setUp({ skipDefaultKubeadmProfile: false });
      const name = cleanup.instance(uniqueName('lxcm-prof'));
      await strict.machine(name, { image: { name: image, fingerprint: '' } }, bootstrapCloudConfig('x'));
      await eventually(
        async () => {
          const machine = await strict.lxcMachine(name);
          expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({
            status: 'False',
            reason: 'InstanceProvisioningFailed',
            message: expect.stringContaining('kernel module'),
          });
          expect(machine.spec?.providerID).toBeUndefined();
        },
        { timeoutMs: 90000 },
      );
      const instance = await incusClient.instances.get(name);
      expect(instance.config['security.privileged']).toBe('true');
      expect(Object.keys(instance.devices)).toEqual(expect.arrayContaining(['kubelet-dev-kmsg', 'kubeadm-host-boot']));
    }, 120000);

    it('kind cannot run here (Incus 6.0 lacks instance_oci): Ready=False names the missing extensions, nothing created', async () => {
      const name = cleanup.instance(uniqueName('lxcm-kind'));
      await world.machine(name, { instanceType: 'kind' }, bootstrapCloudConfig('k'));
      await eventually(
        async () => {
          const machine = await world.lxcMachine(name);
          expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({
            status: 'False',
            reason: 'MissingServerExtension',
            message: expect.stringMatching(/instance_oci\b.*instance_oci_entrypoint/),
          });
          expect(conditionOf(machine, 'Ready')).toMatchObject({ status: 'False' });
        },
        { timeoutMs: 30000 },
      );
      await expect(incusClient.instances.get(name)).rejects.toThrow(/not found/i);
    }, 60000);

    it('virtual machines cannot run here (no KVM/vhost_vsock): Ready=False names the missing qemu driver', async () => {
      const name = cleanup.instance(uniqueName('lxcm-vm'));
      await world.machine(name, { instanceType: 'virtual-machine' }, bootstrapCloudConfig('v'));
      await eventually(
        async () => {
          const machine = await world.lxcMachine(name);
          expect(conditionOf(machine, 'InstanceProvisioned')).toMatchObject({
            status: 'False',
            reason: 'MissingServerExtension',
            message: expect.stringContaining('qemu driver'),
          });
        },
        { timeoutMs: 30000 },
      );
    }, 60000);

    it('leaves a paused LXCMachine alone (Paused condition, no instance) until it is unpaused', async () => {
      const name = cleanup.instance(uniqueName('lxcm-pause'));
      const spec = { image: { name: image, fingerprint: '' } };
      await world.machine(name, spec, bootstrapCloudConfig('p'), { [CapiAnnotation.paused]: '' });
      await eventually(
        async () => {
          expect(conditionOf(await world.lxcMachine(name), 'Paused')).toMatchObject({ status: 'True' });
        },
        { timeoutMs: 30000 },
      );
      await expect(incusClient.instances.get(name)).rejects.toThrow(/not found/i);
      await world.client.mergePatch(
        lxcMachineResource,
        { namespace: world.namespace, name },
        { metadata: { annotations: { [CapiAnnotation.paused]: null } } },
      );
      await eventually(async () => expect((await world.lxcMachine(name)).spec?.providerID).toBe(`lxc:///${name}`), {
        timeoutMs: 90_000,
      });
    }, 150000);
  },
);
