import { createLogger, onShutdown, runMain } from '@c360/service-kit';
import { loadConfig } from './config';
import { startGateway } from './gateway';

runMain('gateway', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const gateway = await startGateway(config, logger);
  onShutdown(logger, gateway.shutdownSteps);
  logger.info({ url: `${gateway.url}/graphql` }, 'gateway ready');
});
