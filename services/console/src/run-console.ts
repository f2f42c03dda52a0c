import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@saga/config';
import { createLogger } from '@saga/logging';
import { createPlatformMetrics } from '@saga/metrics';
import { createHttpApp, createReadiness } from '@saga/service-kit';
import { ConsolePortInUseError } from './console-port-in-use-error.ts';
import { consoleDefaults, type ConsoleOptions } from './console-options.ts';
import { consumedTopics } from './consumed-topics.ts';
import { mountApiProxy } from './http/api-proxy.ts';
import { mountOverviewRoute } from './http/overview-route.ts';
import { mountSessionRoute } from './http/session-route.ts';
import { mountTopicsRoute } from './http/topics-route.ts';
import { mountUiRoutes } from './http/ui-routes.ts';
import { MetricWindow } from './metrics/metric-window.ts';
import { startMetricsScraper, type MetricsScraper } from './metrics/metrics-scraper.ts';
import { serviceUrls, type ServiceUrls } from './service-urls.ts';
import { buildUiBundle } from './ui/ui-bundle.ts';

export interface RunningConsole {
  /** Base URL, e.g. http://127.0.0.1:3005. */
  readonly url: string;
  /** The services it talks to. */
  readonly urls: ServiceUrls;
  readonly scraper: MetricsScraper;
  stop(): Promise<void>;
}

/**
 * Starts the operator console: bundles the UI, starts scraping the services' metrics, and serves
 * the page and its API on service-kit's HTTP app (/healthz, /readyz, request logging, security
 * headers, JSON errors). It keeps no store and no Kafka connection of its own, so it does not use
 * runService: everything it shows, it reads through the services' APIs with the operator's token.
 */
export async function runConsole(options: ConsoleOptions = {}): Promise<RunningConsole> {
  const config = loadConfig(options.env);
  const logger = options.logger ?? createLogger('console', config.logLevel);
  const urls = options.urls ?? serviceUrls(config);
  const ui = await buildUiBundle();
  const window = new MetricWindow(options.windowMs ?? consoleDefaults.windowMs);
  const scraper = startMetricsScraper({
    urls,
    window,
    everyMs: options.scrapeEveryMs ?? consoleDefaults.scrapeEveryMs,
    logger,
    ...(config.auth.opsTokens[0] === undefined ? {} : { token: config.auth.opsTokens[0] }),
  });
  const kB = Math.round((ui.js.length + ui.css.length) / 1024);
  const readiness = createReadiness({ probes: { ui: () => Promise.resolve(`bundled, ${kB} kB`) } });
  const topics = consumedTopics();
  let server: Server;
  try {
    const app = createHttpApp({
      logger,
      readiness,
      auth: config.auth,
      // Its own requests and process, like every service's; the saga and message series stay at zero.
      metrics: {
        registry: createPlatformMetrics({ defaultLabels: { service: 'console' } }),
        public: config.metrics.public,
      },
      routes: (router) => {
        mountUiRoutes(router, { ui });
        mountSessionRoute(router, { auth: config.auth });
        mountTopicsRoute(router, { auth: config.auth, topics });
        mountOverviewRoute(router, {
          auth: config.auth,
          window,
          stepMs: options.stepMs ?? consoleDefaults.stepMs,
        });
        mountApiProxy(router, { auth: config.auth, urls, logger });
      },
    });
    server = await listen(
      app.callback(),
      options.port ?? config.services.console.port,
      options.host ?? config.host,
    );
  } catch (error) {
    scraper.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping');
    void stop().then(() => process.exit(0));
  };
  const stop = () =>
    (stopping ??= (async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      scraper.stop();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      logger.info('stopped');
    })());
  if (options.handleSignals ?? true) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  logger.info({ url, services: urls, ui: ui.version }, 'console started');
  return { url, urls, scraper, stop };
}

function listen(
  handler: ReturnType<ReturnType<typeof createHttpApp>['callback']>,
  port: number,
  host: string,
) {
  return new Promise<Server>((resolve, reject) => {
    const server = createServer((request, response) => {
      void handler(request, response);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ConsolePortInUseError(port, { cause: error }) : error);
    };
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
