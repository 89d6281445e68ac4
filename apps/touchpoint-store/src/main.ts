import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startTouchpointStore } from './service';

runMain('touchpoint-store', async () => {
  const config = loadConfig(process.env);
  const tracing = startTracing('touchpoint-store', config);
  const logger = createLogger('touchpoint-store', config.LOG_LEVEL);
  const service = await startTouchpointStore(config, logger);
  onShutdown(logger, [...service.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${service.url}/graphql` }, 'touchpoint-store ready');
});
