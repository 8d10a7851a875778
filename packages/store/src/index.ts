export * from './server-store.js';
