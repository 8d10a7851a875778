export * from './initial-pull-bench.js';
export * from './node-derive.js';
export * from './open-node-terminal.js';
export * from './sqlite-terminal-store.js';
