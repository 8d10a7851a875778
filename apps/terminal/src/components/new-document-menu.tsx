// The main screen's "New document" button: the types configured as creatable on the terminal, one
// tap each. The document is made locally (it works offline) and opens for a blind count at once.
import type { DocumentType } from '@shelfsync/protocol';
import { useState } from 'preact/hooks';
import { useApp } from '../app/app-context.js';
import { feedback } from '../feedback/feedback.js';
import { describeError } from '../i18n/i18n.js';

export function NewDocumentMenu({
  types,
  onError,
}: {
  types: readonly DocumentType[];
  onError: (message: string) => void;
}) {
  const { t, lang, terminal, navigate } = useApp();
  const [open, setOpen] = useState(false);
  const creatable = types.filter((type) => type.creatableOnTerminal);
  if (creatable.length === 0) return null;

  const create = async (type: string) => {
    setOpen(false);
    try {
      const doc = await terminal.engine.createDocument({ type });
      navigate({ name: 'document', id: doc.id });
    } catch (e) {
      feedback('error');
      onError(describeError(lang, e));
    }
  };
  return (
    <>
      {open && <div class="menu-title">{t('newDocumentOf')}</div>}
      {open &&
        creatable.map((type) => (
          <button key={type.id} type="button" class="btn btn-wide" onClick={() => void create(type.id)}>
            {type.name[lang]}
          </button>
        ))}
      <button
        type="button"
        class={open ? 'btn btn-wide btn-primary' : 'btn btn-wide'}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t('cancel') : t('newDocument')}
      </button>
    </>
  );
}
