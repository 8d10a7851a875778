// Changes the base refused for good (e.g. a scan into a document another terminal finished): shown
// until the operator has read them, since that work did not count.
import type { Rejection } from '@shelfsync/terminal-core';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { errorText } from '../i18n/i18n.js';
import { Banner } from './banner.js';

export function RejectionsBanner({ count }: { count: number }) {
  const { t, lang, terminal } = useApp();
  const [list, setList] = useState<Rejection[]>([]);

  useEffect(() => {
    if (count > 0) void terminal.engine.listRejections().then(setList);
  }, [terminal, count]);

  if (count === 0) return null;
  const dismiss = async () => {
    const upTo = Math.max(0, ...list.map((r) => r.mutation.n));
    await terminal.store.dismissRejections(upTo);
    await terminal.exchange.refresh();
  };
  return (
    <Banner kind="error">
      <div>{t('rejected', { count })}</div>
      {list.slice(0, 3).map((r) => (
        <div key={r.mutation.n} class="rejection">
          {errorText(lang, r.code, r.message)}
        </div>
      ))}
      <button type="button" class="btn btn-small" onClick={() => void dismiss()}>
        {t('dismiss')}
      </button>
    </Banner>
  );
}
