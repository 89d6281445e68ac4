import { createLogger, onShutdown, runMain } from '@c360/service-kit';
import { loadConfig } from './config';
import { startTouchpointStore } from './service';

runMain('touchpoint-store', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger('touchpoint-store', config.LOG_LEVEL);
  const service = await startTouchpointStore(config, logger);
  onShutdown(logger, service.shutdownSteps);
  logger.info({ url: `${service.url}/graphql` }, 'touchpoint-store ready');
});
