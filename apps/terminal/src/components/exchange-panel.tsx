// The exchange state at a glance: online or not, last exchange, unsent count, and the Exchange button.
import { useApp } from '../app/app-context.js';
import { useExchangeState } from '../app/use-exchange-state.js';
import { errorText, formatTime } from '../i18n/i18n.js';

export function ExchangePanel() {
  const { t, lang, terminal } = useApp();
  const s = useExchangeState(terminal.exchange);
  return (
    <section class="exchange">
      <div class="exchange-info">
        <div class={s.online ? 'net net-on' : 'net net-off'}>
          <span class="dot" />
          {s.online ? t('online') : t('offline')}
        </div>
        <div class={s.pending > 0 ? 'unsent unsent-some' : 'unsent'}>
          {s.pending > 0 ? t('unsent', { count: s.pending }) : t('allSent')}
        </div>
        <div class="muted">
          {s.lastSyncAt ? t('lastSync', { time: formatTime(lang, s.lastSyncAt) }) : t('neverSynced')}
        </div>
        {s.lastError && s.lastError.code !== 'SYNC_OFFLINE' && (
          <div class="exchange-error">{errorText(lang, s.lastError.code, s.lastError.message)}</div>
        )}
      </div>
      <button
        type="button"
        class="btn btn-primary exchange-btn"
        disabled={s.exchanging}
        onClick={() => void terminal.exchange.exchangeNow()}
      >
        {s.exchanging ? t('exchanging') : t('exchange')}
      </button>
    </section>
  );
}
