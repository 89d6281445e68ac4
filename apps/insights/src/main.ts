import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startInsights } from './service';

runMain('insights', async () => {
  const config = loadConfig(process.env);
  const tracing = startTracing('insights', config);
  const logger = createLogger('insights', config.LOG_LEVEL);
  const service = await startInsights(config, logger);
  onShutdown(logger, [...service.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${service.url}/graphql` }, 'insights ready');
});
