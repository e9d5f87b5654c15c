import { Manager, managerOptionsFromFlags, parseManagerFlags } from '@capi-ts/sdk';
import { InMemoryCloud } from './cloud.js';
import { inMemoryControllers } from './controllers.js';

const flags = parseManagerFlags(process.argv.slice(2), { leaderElectionId: 'capi-inmemory-leader-election' });
const manager = new Manager(managerOptionsFromFlags(flags, { fieldManager: 'capi-inmemory' }));
for (const controller of inMemoryControllers(manager, new InMemoryCloud(), flags)) manager.add(controller);
await manager.runUntilSignal();
