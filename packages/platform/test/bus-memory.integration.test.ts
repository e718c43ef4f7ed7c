import { createMemoryBus } from '../src';
import { busContract } from './bus-contract';
import { deliverySuite } from './delivery';

busContract('memory', async () => createMemoryBus());
deliverySuite('memory', async () => createMemoryBus());
