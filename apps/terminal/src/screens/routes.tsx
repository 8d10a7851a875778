// Picks the screen for the current route.
import { useApp } from '../app/app-context.js';
import type { Route } from '../app/route.js';
import type { StorageHealth } from '../app/storage-health.js';
import { DocumentScreen } from './document-screen.js';
import { FinishScreen } from './finish-screen.js';
import { LookupScreen } from './lookup-screen.js';
import { MainScreen } from './main-screen.js';
import { SettingsScreen } from './settings-screen.js';

export function Routes({ route, storage }: { route: Route; storage: StorageHealth | undefined }) {
  const { back } = useApp();
  switch (route.name) {
    case 'main':
      return <MainScreen storage={storage} />;
    case 'document':
      return <DocumentScreen key={route.id} id={route.id} />;
    case 'finish':
      return <FinishScreen key={route.id} id={route.id} />;
    case 'lookup':
      return <LookupScreen {...(route.barcode !== undefined ? { initial: route.barcode } : {})} />;
    case 'settings':
      return <SettingsScreen onBack={back} />;
  }
}
