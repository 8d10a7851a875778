// The server's software version; keep it equal to apps/server/package.json "version".
export const SERVER_VERSION = '0.1.0';
