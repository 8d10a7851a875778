export * from './document-types.js';
