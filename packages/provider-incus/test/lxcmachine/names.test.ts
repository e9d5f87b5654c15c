import { describe, expect, it } from 'vitest';
import { instanceNameOf } from '../../src/controllers/lxcmachine/incus-event-hub.js';
import { templateFileName } from '../../src/controllers/lxcmachine/instance-lifecycle.js';

describe('Incus paths', () => {
  it('reads the instance name of event sources and operation resources', () => {
    expect(instanceNameOf('/1.0/instances/c1')).toBe('c1');
    expect(instanceNameOf('/1.0/instances/c1?project=p1')).toBe('c1');
    expect(instanceNameOf('/1.0/instances/c1/logs/lxc.log')).toBe('c1');
    expect(instanceNameOf('/1.0/instances/a%2Db')).toBe('a-b');
    expect(instanceNameOf('/1.0/networks/incusbr0')).toBeUndefined();
  });

  it('names template files after the whole path, so equal basenames do not collide', () => {
    expect(templateFileName('/var/lib/cloud/seed/nocloud-net/user-data')).toBe(
      'capn_var_lib_cloud_seed_nocloud-net_user-data.tpl',
    );
    expect(templateFileName('/a/user-data')).not.toBe(templateFileName('/b/user-data'));
  });
});
