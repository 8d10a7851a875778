import { afterAll, describe, test } from 'vitest';
import { PgTestSchemas, pgUnreachable } from '../testing/pg-test-database.js';
import { describeServerStoreContract } from '../testing/server-store.contract.js';

const unreachable = await pgUnreachable();
const schemas = new PgTestSchemas();
afterAll(() => schemas.dropAll());

if (unreachable) {
  describe('ServerStore contract: PostgreSQL', () => {
    test.skip(unreachable, () => {});
  });
} else {
  describeServerStoreContract('PostgreSQL', () => schemas.open());
}
