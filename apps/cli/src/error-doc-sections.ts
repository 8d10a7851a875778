// Error tables of packages below protocol, listed in docs/errors.md after the protocol's own codes.
import { BARCODE_ERRORS } from '@shelfsync/barcode';
import type { ErrorDocSection } from '@shelfsync/protocol';

export const ERROR_DOC_SECTIONS: readonly ErrorDocSection[] = [
  {
    title: 'Scan parsing (packages/barcode)',
    intro:
      'Reasons `parseScan` gives for a scan it cannot read. The terminal shows them to the operator; they are not HTTP answers.',
    errors: BARCODE_ERRORS,
  },
];
