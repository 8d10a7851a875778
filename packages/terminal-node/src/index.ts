export * from './initial-pull-bench.js';
export * from './open-node-terminal.js';
export * from './sqlite-terminal-store.js';
