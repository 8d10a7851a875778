// Asking the base for a document: by scanning a barcode on it (a pallet label brings its placement
// task) or by id. The base makes it this device's; the exchange that follows stores it locally.
import type { ClaimRequest, Document } from '@shelfsync/protocol';
import { ShelfsyncError } from '@shelfsync/protocol';
import type { DeviceTransport } from './device-transport.js';

export async function claimDocument(transport: DeviceTransport, request: ClaimRequest): Promise<Document> {
  if (!transport.claim) {
    throw new ShelfsyncError('CLI_USAGE', 'Claiming a document needs a connection to the server.');
  }
  return transport.claim(request);
}
