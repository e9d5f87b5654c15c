import { describe, expect, it } from 'vitest';
import { cinder, FilterMatchError, glance } from '../../src/openstack/index.js';
import { ScriptedSession } from './scripted-session.js';

const image = (id: string) => ({
  id,
  name: 'ubuntu-2404-kube-v1.35.0',
  status: 'active',
  tags: ['kube'],
  min_disk: 0,
  min_ram: 0,
  size: 123,
  os_type: 'linux',
  visibility: 'public',
});

describe('Glance', () => {
  it('filters by exact name and every tag, follows next links under the endpoint prefix, keeps properties', async () => {
    const session = new ScriptedSession({ image: 'https://cloud/image/' });
    session
      .on('GET', 'https://cloud/image/v2/images?name=ubuntu-2404-kube-v1.35.0&tag=kube&tag=capi', {
        body: { images: [image('i1')], next: '/v2/images?marker=i1&name=ubuntu-2404-kube-v1.35.0&tag=kube&tag=capi' },
      })
      .on('GET', 'https://cloud/image/v2/images?marker=i1&name=ubuntu-2404-kube-v1.35.0&tag=kube&tag=capi', {
        body: { images: [] },
      });
    const found = await glance.findImage(session, { name: 'ubuntu-2404-kube-v1.35.0', tags: ['kube', 'capi'] });
    expect(found).toMatchObject({ id: 'i1', os_type: 'linux' });
    session.on('GET', 'https://cloud/image/v2/images?name=dup', { body: { images: [image('a'), image('b')] } });
    await expect(glance.findImage(session, { name: 'dup' })).rejects.toEqual(
      new FilterMatchError('multiple-matches', 'image', 2),
    );
    session.on('GET', 'https://cloud/image/v2/images/i1', { body: image('i1') });
    expect((await glance.getImage(session, 'i1')).os_type).toBe('linux');
  });
});

describe('Cinder', () => {
  const volume = {
    id: 'v1',
    name: 'machine-root',
    status: 'creating',
    size: 20,
    availability_zone: 'nova',
    volume_type: 'ssd',
    multiattach: false,
    bootable: 'true',
    attachments: [],
  };

  it('lists by name and project, creates without microversion, reads status', async () => {
    const session = new ScriptedSession({ 'block-storage': 'https://cloud/volume/v3/p1/' });
    session
      .on('GET', 'https://cloud/volume/v3/p1/volumes/detail?name=machine-root&project_id=p1', {
        body: { volumes: [volume] },
      })
      .on('POST', 'https://cloud/volume/v3/p1/volumes', { status: 202, body: { volume } })
      .on('GET', 'https://cloud/volume/v3/p1/volumes/v1', { body: { volume: { ...volume, status: 'available' } } });
    expect(await cinder.listVolumes(session, { name: 'machine-root', projectId: 'p1' })).toHaveLength(1);
    await cinder.createVolume(session, { name: 'machine-root', size: 20, imageRef: 'i1', volume_type: 'ssd' });
    expect(session.calls.at(-1)).toMatchObject({
      headers: {},
      body: { volume: { name: 'machine-root', size: 20, imageRef: 'i1', volume_type: 'ssd' } },
    });
    expect((await cinder.getVolume(session, 'v1')).status).toBe('available');
  });
});
