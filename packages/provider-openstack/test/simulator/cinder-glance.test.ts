import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenStackSimulator, startOpenStackSimulator } from '../../test-support/index.js';
import { call, login, type Session } from './helpers.js';

describe('simulated Cinder and Glance', () => {
  let cloud: OpenStackSimulator;
  let demo: Session;

  beforeAll(async () => {
    cloud = await startOpenStackSimulator({ clock: 'manual', delays: { volumeCreateMs: 500, volumeDeleteMs: 200 } });
    demo = await login(cloud, cloud.demo);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  it('creates volumes creating → available, finds them by name and deletes them deleting → gone', async () => {
    const created = await demo.volume('POST', '/volumes', {
      volume: {
        name: 'machine-0-root',
        size: 10,
        description: 'root',
        availability_zone: 'nova',
        volume_type: 'lvmdriver-1',
      },
    });
    expect(created.status).toBe(202);
    const volume = created.body.volume;
    expect(volume).toMatchObject({
      name: 'machine-0-root',
      size: 10,
      status: 'creating',
      volume_type: 'lvmdriver-1',
      multiattach: false,
      attachments: [],
      bootable: 'false',
    });
    expect(created.headers.get('openstack-api-version')).toBe('volume 3.0');
    cloud.clock.advance(499);
    expect((await demo.volume('GET', `/volumes/${volume.id}`)).body.volume.status).toBe('creating');
    cloud.clock.advance(1);
    expect((await demo.volume('GET', `/volumes/${volume.id}`)).body.volume.status).toBe('available');

    const byName = await demo.volume('GET', `/volumes/detail?name=machine-0-root&project_id=${demo.projectId}`);
    expect(byName.body.volumes.map((entry: { id: string }) => entry.id)).toEqual([volume.id]);
    const summary = await demo.volume('GET', '/volumes');
    expect(Object.keys(summary.body.volumes[0]).sort()).toEqual(['id', 'links', 'name']);

    expect((await demo.volume('DELETE', `/volumes/${volume.id}`)).status).toBe(202);
    expect((await demo.volume('GET', `/volumes/${volume.id}`)).body.volume.status).toBe('deleting');
    cloud.clock.settle();
    const gone = await demo.volume('GET', `/volumes/${volume.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ itemNotFound: { code: 404, message: `Volume ${volume.id} could not be found.` } });
  });

  it('puts a volume into error under the failure policy and refuses to delete a volume in use', async () => {
    cloud.setFailurePolicy({ volume: ({ name }) => name === 'broken' });
    const broken = await demo.volume('POST', '/volumes', { volume: { name: 'broken', size: 1 } });
    cloud.clock.settle();
    expect((await demo.volume('GET', `/volumes/${broken.body.volume.id}`)).body.volume.status).toBe('error');
    cloud.setFailurePolicy({});
    expect((await demo.volume('DELETE', `/volumes/${broken.body.volume.id}`)).status).toBe(202);
    const creating = await demo.volume('POST', '/volumes', { volume: { name: 'busy', size: 1 } });
    const refused = await demo.volume('DELETE', `/volumes/${creating.body.volume.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.badRequest.message).toMatch(/^Invalid volume: Volume status must be available/);
    cloud.clock.settle();
    await demo.volume('DELETE', `/volumes/${creating.body.volume.id}`);
    cloud.clock.settle();
  });

  it('validates size, image, zone and type, and answers quota excess with 413 overLimit', async () => {
    expect((await demo.volume('POST', '/volumes', { volume: { size: 0 } })).status).toBe(400);
    expect((await demo.volume('POST', '/volumes', { volume: { size: 1, imageRef: 'nope' } })).status).toBe(400);
    expect(
      (await demo.volume('POST', '/volumes', { volume: { size: 1, availability_zone: 'elsewhere' } })).status,
    ).toBe(400);
    expect((await demo.volume('POST', '/volumes', { volume: { size: 1, volume_type: 'gold' } })).status).toBe(404);
    cloud.setQuota(demo.projectId, 'volume.gigabytes', 5);
    const over = await demo.volume('POST', '/volumes', { volume: { size: 6 } });
    expect(over.status).toBe(413);
    expect(over.body.overLimit).toMatchObject({ code: 413, retryAfter: '0' });
    expect(over.body.overLimit.message).toMatch(/^VolumeSizeExceedsAvailableQuota/);
    cloud.setQuota(demo.projectId, 'volume.gigabytes', 1000);
  });

  it('lists volume types (multiattach among them) and availability zones', async () => {
    const types = await demo.volume('GET', '/types');
    expect(types.body.volume_types.map((type: { name: string }) => type.name)).toEqual([
      '__DEFAULT__',
      'lvmdriver-1',
      'multiattach',
    ]);
    const multiattach = await demo.volume('POST', '/volumes', {
      volume: { name: 'shared', size: 1, volume_type: 'multiattach' },
    });
    expect(multiattach.body.volume.multiattach).toBe(true);
    cloud.clock.settle();
    await demo.volume('DELETE', `/volumes/${multiattach.body.volume.id}`);
    cloud.clock.settle();
    const zones = await demo.volume('GET', '/os-availability-zone');
    expect(zones.body.availabilityZoneInfo).toEqual([{ zoneName: 'nova', zoneState: { available: true } }]);
  });

  it('refuses another project’s id in the URL', async () => {
    const answer = await call('GET', `${cloud.url}/volume/v3/${cloud.seed.adminProjectId}/volumes`, {
      token: demo.token,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.badRequest.message).toBe('Malformed request url');
  });

  it('lists images by exact name and by all given tags, newest first, with next links', async () => {
    const tagged = cloud.addImage({ name: 'capi-node', tags: ['k8s', 'v1.35'], properties: { os_type: 'linux' } });
    cloud.addImage({ name: 'capi-node-old', tags: ['k8s'] });
    const byName = await demo.request('image', 'GET', '/v2/images?name=capi-node');
    expect(byName.body.images.map((image: { id: string }) => image.id)).toEqual([tagged]);
    expect(byName.body.images[0]).toMatchObject({
      name: 'capi-node',
      status: 'active',
      visibility: 'public',
      os_type: 'linux',
      tags: ['k8s', 'v1.35'],
    });
    const byTags = await demo.request('image', 'GET', '/v2/images?tag=k8s&tag=v1.35');
    expect(byTags.body.images.map((image: { name: string }) => image.name)).toEqual(['capi-node']);
    const byOneTag = await demo.request('image', 'GET', '/v2/images?tag=k8s');
    expect(byOneTag.body.images.map((image: { name: string }) => image.name)).toEqual(['capi-node-old', 'capi-node']);
    const page = await demo.request('image', 'GET', '/v2/images?limit=1');
    expect(page.body.images).toHaveLength(1);
    expect(page.body.next).toMatch(/^\/v2\/images\?limit=1&marker=/);
    const next = await demo.request('image', 'GET', page.body.next);
    expect(next.body.images[0].id).not.toBe(page.body.images[0].id);
    const shown = await demo.request('image', 'GET', `/v2/images/${tagged}`);
    expect(shown.body.id).toBe(tagged);
    const missing = await demo.request('image', 'GET', '/v2/images/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: '404 Not Found', title: 'Not Found' });
    expect(cloud.leftovers()).toEqual([]);
  });
});
