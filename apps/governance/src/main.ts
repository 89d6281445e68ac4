import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startGovernance } from './service';

runMain('governance', async () => {
  const config = loadConfig(process.env);
  const tracing = startTracing('governance', config);
  const logger = createLogger('governance', config.LOG_LEVEL);
  const service = await startGovernance(config, logger);
  onShutdown(logger, [...service.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${service.url}/graphql` }, 'governance ready');
});
