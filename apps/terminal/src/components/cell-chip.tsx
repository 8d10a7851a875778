// The current cell of a document, red while one is needed; tapping it forgets the cell.
import { Fragment } from 'preact';
import { useApp } from '../app/app-context.js';
import type { FlowCell } from '../flow/scan-flow.js';

export function CellChip({ cell, onClear }: { cell: FlowCell | undefined; onClear: () => void }) {
  const { t } = useApp();
  if (!cell) return <span class="cell-chip cell-missing">{t('docNoCell')}</span>;
  return (
    <button type="button" class="cell-chip" onClick={onClear} title={t('docCell')}>
      <span class="cell-name">
        {/* Words never break inside ("A-01-02" stays whole); the name wraps between them. */}
        {cell.name.split(' ').map((word, i) => (
          <Fragment key={`${i}:${word}`}>
            <span class="nowrap">{word}</span>{' '}
          </Fragment>
        ))}
      </span>{' '}
      ✕
    </button>
  );
}
