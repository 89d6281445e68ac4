import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { runtimeConfig } from './server/runtime-config';

/** `nx serve console` answers /config.json as the static server does, from the same environment variables. */
function runtimeConfigPlugin(): Plugin {
  return {
    name: 'c360-runtime-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        // eslint-disable-next-line no-restricted-syntax -- the dev server's settings, as server/main.ts reads them
        res.end(JSON.stringify(runtimeConfig(process.env)));
      });
    },
  };
}

export const config = defineConfig({
  root: path.resolve(__dirname),
  plugins: [react(), runtimeConfigPlugin()],
  build: {
    outDir: path.resolve(__dirname, '../../dist/apps/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4_000,
    // graphiql.html: the development GraphiQL the gateway serves at /graphiql (GRAPHIQL_ASSETS_DIR).
    rollupOptions: { input: { main: path.resolve(__dirname, 'index.html'), graphiql: path.resolve(__dirname, 'graphiql.html') } },
  },
  server: { host: '127.0.0.1', port: 4200, strictPort: true },
});

// Vite loads its configuration from the default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
