// Asks the browser to keep our data (installed PWAs get this granted) and watches free space, so the
// operator is warned before a write fails in the middle of a shift.

export interface StorageHealth {
  persisted: boolean;
  /** Bytes left before the quota, when the browser tells. */
  free?: number;
  low: boolean;
}

/** Less than this left is worth a warning: a catalog page or a day of scans needs room. */
const LOW_FREE_BYTES = 50 * 1024 * 1024;

export async function checkStorage(): Promise<StorageHealth> {
  const storage = navigator.storage;
  if (!storage) return { persisted: false, low: false };
  let persisted = false;
  try {
    persisted = (await storage.persisted?.()) || (await storage.persist?.()) || false;
  } catch {
    persisted = false;
  }
  try {
    const { quota, usage } = await storage.estimate();
    if (quota === undefined || usage === undefined) return { persisted, low: false };
    const free = Math.max(0, quota - usage);
    return { persisted, free, low: free < LOW_FREE_BYTES };
  } catch {
    return { persisted, low: false };
  }
}
