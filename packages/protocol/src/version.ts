// Wire protocol version shared by the server and every terminal, the history of the device API, and
// the rule by which a server and a terminal of different ages agree (docs/protocol.md, "Versions").

/**
 * Version bumps (one line per bump):
 * 1 — enroll, hello, pull (catalog changes by cursor, assigned documents), push (numbered mutations).
 */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;

export function isProtocolSupported(version: number): boolean {
  return Number.isInteger(version) && version >= MIN_PROTOCOL_VERSION && version <= PROTOCOL_VERSION;
}

/*
 * The rule:
 * - hello negotiates: the server speaks every version in [MIN_PROTOCOL_VERSION, PROTOCOL_VERSION] and
 *   answers in the lower of the terminal's and its own; outside that, SYNC_PROTOCOL_UNSUPPORTED.
 * - Within a version the device API only grows: new routes, new optional fields in requests and
 *   answers, new optional bundle parts. Nothing is removed, renamed, made required or given another
 *   meaning, so a server accepts every request any terminal of its versions ever sent (a server test
 *   replays the first version-1 terminal's requests).
 * - Each side drops fields it does not know (zod objects strip them) and reads a field added later
 *   as possibly absent. A route added later may be missing on an older base of the same version: it
 *   answers REQ_NOT_FOUND, and the terminal carries on without it (see `mayBeMissing`).
 * - Anything else is breaking and bumps PROTOCOL_VERSION with a line above: a field removed, renamed
 *   or made required, a new mutation kind (an older base would refuse the whole push), a new field in
 *   a strict request (claim), a changed meaning or rule.
 */

/** One change of the device API: the routes it added and the optional fields (or bundle parts). */
export interface DeviceApiChange {
  readonly version: number;
  /** The day it was added, for readers. */
  readonly since: string;
  /** Routes under DEVICE_API_PREFIX it added. */
  readonly routes: readonly string[];
  /**
   * Optional fields or bundle parts it added (or fields it made optional), as `Message.field`; a
   * terminal or base from before neither sends nor expects them.
   */
  readonly optional: readonly string[];
  readonly what: string;
}

/** Every change of the device API, oldest first; a test checks each route the server has is here. */
export const DEVICE_API_HISTORY: readonly DeviceApiChange[] = [
  {
    version: 1,
    since: '2026-11-25',
    routes: ['/enroll', '/hello', '/pull', '/push'],
    optional: [],
    what: 'First release: enroll, hello, pull, push; mutations doc.start, fact.add, doc.complete, doc.release, doc.create.',
  },
  {
    version: 1,
    since: '2026-11-25',
    routes: [],
    optional: ['PushRequest.logs'],
    what: "The terminal's log lines travel with a push.",
  },
  {
    version: 1,
    since: '2026-11-26',
    routes: ['/lookup', '/stock'],
    optional: ['HelloResponse.config.lookup', 'FactLine.resolvedByBase'],
    what: 'Hybrid lookup: a barcode the replica lacks and stock by cell, asked online; the base fills in unknown facts it knows.',
  },
  {
    version: 1,
    since: '2026-11-26',
    routes: ['/documents/claim', '/operator'],
    optional: ['DocumentType.onePerOperator'],
    what: 'Documents among terminals: claim by barcode, id or next of a type; the operator signed in on the device.',
  },
  {
    version: 1,
    since: '2026-11-26',
    routes: [],
    optional: ['HelloRequest.configVersion', 'HelloResponse.config.settings', 'HelloResponse.app'],
    what: 'Configuration and app versions: operator settings, the app version a device group should run.',
  },
  {
    version: 1,
    since: '2026-12-03',
    routes: [],
    optional: ['HelloResponse.warehouse'],
    what: 'Per-warehouse terminals: a placed terminal is told its warehouse; its pull sends other rows as deletions, without checksums, and once SYNC_MUST_REFETCH after a move.',
  },
  {
    version: 1,
    since: '2026-12-03',
    routes: [],
    optional: ['OperatorSettings.language', 'bundle part operator'],
    what: 'Operator language left to each browser when absent; bundles carry the operator sign-in (formatVersion stays 1).',
  },
  {
    version: 1,
    since: '2026-12-05',
    routes: [],
    optional: ['HelloResponse.config.barcodes'],
    what: 'Scale and in-store label rules (weight, price, count) in the base configuration; a terminal without them reads such labels as unknown barcodes, as before.',
  },
  {
    version: 1,
    since: '2026-12-05',
    routes: [],
    optional: ['Product.props'],
    what: "A product's properties and characteristics by name (from CommerceML offers and catalogs), shown on the product card.",
  },
];

/**
 * True for a device route added after the first release of its protocol version: a base of the same
 * version may not have it yet, and the terminal must carry on without it.
 */
export function mayBeMissing(route: string): boolean {
  const added = DEVICE_API_HISTORY.findIndex((c) => c.routes.includes(route));
  if (added < 0) return false;
  const version = DEVICE_API_HISTORY[added]?.version;
  return DEVICE_API_HISTORY.findIndex((c) => c.version === version) < added;
}
