// The screens of the app; the main screen is home, every other screen goes back to it.
export type Route =
  | { name: 'main' }
  | { name: 'document'; id: string }
  | { name: 'finish'; id: string }
  | { name: 'lookup'; barcode?: string }
  | { name: 'settings' };
