import { createLogger, onShutdown, runMain, startTracing } from '@c360/service-kit';
import { loadConfig } from './config';
import { startGateway } from './gateway';

runMain('gateway', async () => {
  const config = loadConfig(process.env);
  // @apollo/gateway reads this switch from the environment itself. Left on, it reports to Apollo
  // from every gateway (data leaving the deployment, and CPU spent on each export).
  if (!config.APOLLO_TELEMETRY) process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const tracing = startTracing('gateway', config);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const gateway = await startGateway(config, logger);
  onShutdown(logger, [...gateway.shutdownSteps, tracing.shutdownStep]);
  logger.info({ url: `${gateway.url}/graphql` }, 'gateway ready');
});
