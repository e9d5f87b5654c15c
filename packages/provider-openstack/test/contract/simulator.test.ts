import { startOpenStackSimulator } from '../../test-support/index.js';
import { describeClientContract } from './contract-suite.js';

describeClientContract('simulator', () => startOpenStackSimulator());
