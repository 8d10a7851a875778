// A coloured message line: the outcome of the last scan, or a warning about the terminal.
import type { ComponentChildren } from 'preact';

export type BannerKind = 'success' | 'warning' | 'error' | 'info';

interface Props {
  kind: BannerKind;
  /** Flash once when shown: a scan outcome must be noticed without reading it. */
  flash?: boolean;
  children: ComponentChildren;
}

export function Banner({ kind, flash, children }: Props) {
  return (
    <div
      class={`banner banner-${kind}${flash ? ' banner-flash' : ''}`}
      role={kind === 'error' ? 'alert' : 'status'}
    >
      {children}
    </div>
  );
}
