import { realOpenStackCloud } from '../../test-support/real-cloud.js';
import { describeClientContract } from './contract-suite.js';

describeClientContract('real Keystone + Neutron', async () => {
  const status = await realOpenStackCloud();
  return status.available ? status.cloud : status.reason;
});
