// Where the terminal goes to run an app version the base offers: the version's URL on the base
// (/app/<version>/), on this origin only, because the terminal's data (IndexedDB) belongs to it.

/** The page to open for `offerUrl`, or undefined when there is none, it is elsewhere, or it is open. */
export function appVersionTarget(offerUrl: string | undefined, here: string): string | undefined {
  if (offerUrl === undefined) return undefined;
  const current = new URL(here);
  const target = new URL(offerUrl, current);
  if (target.origin !== current.origin) return undefined;
  // Already running it: a build that reports another version must not reload forever.
  if (current.pathname.startsWith(target.pathname)) return undefined;
  return target.href;
}
