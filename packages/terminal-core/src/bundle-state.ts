// What a terminal keeps to exchange by bundle files (desk over RDP): the base's public key it trusts,
// its own signing key, and the sequence numbers that make importing a bundle twice a no-op.
import type { BundleKeyPair } from '@shelfsync/bundle';

export interface BundleState {
  /** The base's Ed25519 public key, pinned from the enrollment bundle (trust on first use). */
  baseKey: string;
  /** This terminal's Ed25519 key pair, issued in the enrollment bundle (the base keeps the public half). */
  deviceKey: BundleKeyPair;
  /** Sequence number of the last to-base bundle written. */
  lastExported: number;
  /** Sequence number of the last to-terminal bundle imported. */
  lastImported: number;
}
