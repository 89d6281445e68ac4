import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startGeneration } from './service';

runMain('generation', async () => {
  const config = loadConfig(process.env);
  const tracing = startTracing('generation', config);
  const logger = createLogger('generation', config.LOG_LEVEL);
  const service = await startGeneration(config, logger);
  onShutdown(logger, [...service.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${service.url}/graphql` }, 'generation ready');
});
