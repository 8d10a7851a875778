// Reads every operator row from the local users catalog, page by page.
import type { User } from '@shelfsync/protocol';
import type { TerminalStore } from '@shelfsync/terminal-core';

export async function loadUsers(store: TerminalStore): Promise<User[]> {
  const users: User[] = [];
  let after: string | undefined;
  do {
    const page = await store.listRows('users', after === undefined ? { limit: 500 } : { after, limit: 500 });
    users.push(...page.rows);
    after = page.next;
  } while (after !== undefined);
  return users;
}
