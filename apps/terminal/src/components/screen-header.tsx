// The top bar of a screen: back, title, and room for one action on the right.
import type { ComponentChildren } from 'preact';
import { useApp } from '../app/app-context.js';

interface Props {
  title: string;
  subtitle?: string;
  onBack?: () => void;
  right?: ComponentChildren;
}

export function ScreenHeader({ title, subtitle, onBack, right }: Props) {
  const { t } = useApp();
  return (
    <header class="bar">
      {onBack && (
        <button type="button" class="bar-back" onClick={onBack} aria-label={t('back')}>
          ‹
        </button>
      )}
      <div class="bar-title">
        <h1>{title}</h1>
        {subtitle && <div class="bar-sub">{subtitle}</div>}
      </div>
      {right}
    </header>
  );
}
