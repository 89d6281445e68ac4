// `npm start` runs this after building the console once: static files at a printed URL.
// The entry point reads its settings from the environment, as every app's main.ts does.
/* eslint-disable no-restricted-syntax */
import path from 'node:path';
import { runtimeConfig } from './runtime-config';
import { startConsoleServer } from './static-server';

const root = path.resolve(__dirname, '../../..');
void startConsoleServer({
  distDir: path.join(root, 'dist/apps/console'),
  host: process.env['CONSOLE_HOST'] ?? '127.0.0.1',
  port: Number(process.env['CONSOLE_PORT'] ?? 4173),
  config: runtimeConfig(process.env),
}).then((server) => process.stdout.write(`console on ${server.url}\n`));
