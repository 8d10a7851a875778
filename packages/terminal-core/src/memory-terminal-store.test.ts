import { MemoryTerminalStore } from './memory-terminal-store.js';
import { describeTerminalStoreContract } from './testing/terminal-store.contract.js';

describeTerminalStoreContract('memory', async () => new MemoryTerminalStore());
