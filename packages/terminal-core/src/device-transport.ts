// The terminal's side of the device API as a port: HTTP today, recorded bundles later, an in-process
// base in tests. Implementations throw ShelfsyncError; SYNC_OFFLINE when the base cannot be reached.
import type {
  ClaimRequest,
  Document,
  EnrollRequest,
  EnrollResponse,
  HelloRequest,
  HelloResponse,
  LookupRequest,
  LookupResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
  StockRequest,
  StockResponse,
} from '@shelfsync/protocol';

export interface DeviceTransport {
  enroll(request: EnrollRequest): Promise<EnrollResponse>;
  hello(request: HelloRequest): Promise<HelloResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  push(request: PushRequest): Promise<PushResponse>;
  /** Takes a document by barcode or id (online only; absent on bundle transports). */
  claim?(request: ClaimRequest): Promise<Document>;
  /** Records the operator signed in on this device (absent on bundle transports). */
  setOperator?(request: { operatorId: string | null }): Promise<unknown>;
  /** Hybrid lookup: a barcode the replica does not know (online only; absent on bundle transports). */
  lookup?(request: LookupRequest): Promise<LookupResponse>;
  /** Stock by cell, asked online only. */
  stock?(request: StockRequest): Promise<StockResponse>;
}
