import { createLogger, onShutdown, runMain } from '@c360/service-kit';
import { loadConfig } from './config';
import { startInsights } from './service';

runMain('insights', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger('insights', config.LOG_LEVEL);
  const service = await startInsights(config, logger);
  onShutdown(logger, service.shutdownSteps);
  logger.info({ url: `${service.url}/graphql` }, 'insights ready');
});
