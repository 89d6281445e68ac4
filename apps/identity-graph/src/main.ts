import { createLogger, onShutdown, runMain } from '@c360/service-kit';
import { loadConfig } from './config';
import { startIdentityGraph } from './service';

runMain('identity-graph', async () => {
  const config = loadConfig(process.env);
  const logger = createLogger('identity-graph', config.LOG_LEVEL);
  const service = await startIdentityGraph(config, logger);
  onShutdown(logger, service.shutdownSteps);
  logger.info({ url: `${service.url}/graphql` }, 'identity-graph ready');
});
