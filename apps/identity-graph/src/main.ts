import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startIdentityGraph } from './service';

runMain('identity-graph', async () => {
  const config = loadConfig(process.env);
  const tracing = startTracing('identity-graph', config);
  const logger = createLogger('identity-graph', config.LOG_LEVEL);
  const service = await startIdentityGraph(config, logger);
  onShutdown(logger, [...service.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${service.url}/graphql` }, 'identity-graph ready');
});
