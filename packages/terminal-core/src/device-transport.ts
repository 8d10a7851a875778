// The terminal's side of the device API as a port: HTTP today, recorded bundles later, an in-process
// base in tests. Implementations throw ShelfsyncError; SYNC_OFFLINE when the base cannot be reached.
import type {
  EnrollRequest,
  EnrollResponse,
  HelloRequest,
  HelloResponse,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '@shelfsync/protocol';

export interface DeviceTransport {
  enroll(request: EnrollRequest): Promise<EnrollResponse>;
  hello(request: HelloRequest): Promise<HelloResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
  push(request: PushRequest): Promise<PushResponse>;
}
