// `shelfsync terminal login|claim|release|tasks`: the virtual terminal's side of documents among
// terminals — who is signed in, asking for a document by its barcode, giving one back, the task list.
import { ShelfsyncError, type User } from '@shelfsync/protocol';
import {
  type Credential,
  checkSignIn,
  loadUsers,
  type TerminalStore,
  typedCredentials,
} from '@shelfsync/terminal-core';
import { nodeDeriveSecret } from '@shelfsync/terminal-node';
import type { Command } from 'commander';
import { stateOption, withTerminal } from './terminal-command.js';

interface StateOption {
  state: string;
}

interface LoginOptions {
  pin?: string;
  badge?: string;
  operator?: string;
  logout?: boolean;
}

const badgeOf = (code: string): Credential[] =>
  code.trim() === '' ? [] : [{ kind: 'badge', secret: code.trim() }];

/** The operator a PIN or badge belongs to, under the terminal's sign-in lockout, as in the app. */
async function signInWith(store: TerminalStore, credentials: Credential[]): Promise<User> {
  const users = await loadUsers(store);
  if (users.length === 0)
    throw new ShelfsyncError(
      'TERMINAL_NO_OPERATORS',
      'This terminal holds no operators yet: run `terminal sync` first.',
    );
  const result = await checkSignIn(store, users, credentials, nodeDeriveSecret, Date.now());
  if (result.ok) return result.user;
  const seconds = Math.ceil(result.waitMs / 1000);
  if (result.locked)
    throw new ShelfsyncError(
      'TERMINAL_SIGN_IN_LOCKED',
      `Too many wrong tries: wait ${seconds} s before the next.`,
      { waitSeconds: seconds },
    );
  const then = seconds > 0 ? ` The next try waits ${seconds} s.` : '';
  throw new ShelfsyncError(
    'TERMINAL_SIGN_IN_FAILED',
    `No operator on this terminal has that PIN or badge.${then}`,
  );
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const write = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

export function registerTerminalAssignment(terminal: Command): void {
  terminal
    .command('login')
    .description('sign an operator in on this terminal (the server learns it at the next sync)')
    .option(
      '--pin <pin>',
      "the operator's PIN, checked offline as the app checks it (`-`: read it from stdin)",
    )
    .option('--badge <code>', "the operator's badge, as the scanner reads it")
    .option('--operator <id>', 'operator (user) id from the users catalog, without a PIN')
    .option('--logout', 'sign the current operator out')
    .addOption(stateOption())
    .action(async (opts: StateOption & LoginOptions) => {
      const given = [opts.pin, opts.badge, opts.operator, opts.logout].filter((v) => v !== undefined);
      if (given.length !== 1)
        throw new ShelfsyncError(
          'CLI_USAGE',
          'Give one of --pin PIN, --badge CODE, --operator ID, --logout.',
        );
      const pin = opts.pin === '-' ? (await readStdin()).trim() : opts.pin;
      await withTerminal(opts, async (t) => {
        if (opts.logout) {
          await t.login(null);
          write('signed out');
          return;
        }
        const operator =
          opts.operator !== undefined
            ? {
                id: opts.operator,
                name: (await t.store.getRow('users', opts.operator))?.name ?? opts.operator,
              }
            : await signInWith(
                t.store,
                pin !== undefined ? typedCredentials(pin) : badgeOf(opts.badge ?? ''),
              );
        await t.login(operator.id);
        write(`operator ${operator.name} (${operator.id}) signed in`);
      });
    });

  terminal
    .command('claim')
    .description(
      'ask the server for a document by a barcode on it (pallet label), by id, or the next of a type',
    )
    .option('--barcode <code>', 'the scanned label')
    .option('--doc <id>', 'document id')
    .option('--next <type>', 'the next document of a type issued one at a time (e.g. picking)')
    .addOption(stateOption())
    .option('--json', 'print the document as JSON')
    .action(async (opts: StateOption & { barcode?: string; doc?: string; next?: string; json?: boolean }) => {
      const given = [opts.barcode, opts.doc, opts.next].filter((v) => v !== undefined);
      if (given.length !== 1)
        throw new ShelfsyncError('CLI_USAGE', 'Give one of --barcode CODE, --doc ID, --next TYPE.');
      await withTerminal(opts, async (t) => {
        const doc =
          opts.barcode !== undefined
            ? await t.claimByBarcode(opts.barcode)
            : opts.next !== undefined
              ? await t.claimNext(opts.next)
              : await t.claim(opts.doc ?? '');
        if (opts.json) write(JSON.stringify(doc, null, 2));
        else write(`document ${doc.id} (${doc.type} ${doc.number ?? ''}) is now on this terminal`);
      });
    });

  terminal
    .command('release')
    .description('give a document back unprocessed; it is sent at the next sync')
    .requiredOption('--doc <id>', 'document id')
    .option('--reason <text>', 'why it is given back')
    .addOption(stateOption())
    .action(async (opts: StateOption & { doc: string; reason?: string }) => {
      await withTerminal(opts, async (t) => {
        await t.release(opts.doc, opts.reason);
        write(`document ${opts.doc} given back; it will be sent at the next sync`);
      });
    });

  terminal
    .command('tasks')
    .description('open documents in task order: personal first, then by priority, then by date')
    .addOption(stateOption())
    .option('--json', 'print ids, types and numbers as JSON')
    .action(async (opts: StateOption & { json?: boolean }) => {
      await withTerminal(opts, async (t) => {
        const docs = await t.tasks();
        const rows = docs.map((d) => ({
          id: d.id,
          type: d.type,
          number: d.number,
          priority: d.priority ?? 0,
          status: d.status,
        }));
        if (opts.json) write(JSON.stringify(rows, null, 2));
        else
          for (const r of rows) write(`${r.id}  ${r.type}  ${r.number ?? ''}  p${r.priority}  ${r.status}`);
      });
    });
}
