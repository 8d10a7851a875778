// The acceptance suite every ServerStore adapter runs (SQLite now, PostgreSQL later). It uses only
// the port, and `open` must return a fresh, initialised, empty store for each test.
import { describe } from 'vitest';
import { appVersionContract } from './contract/app-versions.contract.js';
import { catalogContract } from './contract/catalog.contract.js';
import { deviceContract } from './contract/devices.contract.js';
import { documentContract } from './contract/documents.contract.js';
import type { OpenStore } from './contract/fixtures.js';
import { hybridContract } from './contract/hybrid.contract.js';
import { leaseContract } from './contract/leases.contract.js';
import { mutationRetentionContract } from './contract/mutation-retention.contract.js';
import { mutationContract } from './contract/mutations.contract.js';
import { operatorContract } from './contract/operators.contract.js';

export type { OpenStore } from './contract/fixtures.js';

export function describeServerStoreContract(name: string, open: OpenStore): void {
  describe(`ServerStore contract: ${name}`, () => {
    catalogContract(open);
    documentContract(open);
    mutationContract(open);
    mutationRetentionContract(open);
    deviceContract(open);
    hybridContract(open);
    appVersionContract(open);
    leaseContract(open);
    operatorContract(open);
  });
}
