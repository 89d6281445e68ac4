import { createLogger, onShutdown, runMain } from '@c360/service-kit';
import { loadConfig } from './config';
import { startGovernance } from './service';

runMain('governance', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger('governance', config.LOG_LEVEL);
  const service = await startGovernance(config, logger);
  onShutdown(logger, service.shutdownSteps);
  logger.info({ url: `${service.url}/graphql` }, 'governance ready');
});
