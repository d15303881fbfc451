import type { Application } from 'express';
import type { Config } from './config';
import type { Platform } from './domain/identity';
import type { Logger } from './logger';
import type { Core } from './services/core';

/**
 * How a platform adapter plugs into the app without the core importing it: the process entry
 * (adapters/start.ts) passes one of these per platform, and the core only sees this interface.
 */
export interface PlatformPlugin {
  platform: Platform;
  /** Whether the configuration switches this platform on. */
  enabled(config: Config): boolean;
  /** Mount the platform's inbound route(s) on the shared HTTP app. */
  mount(opts: { http: Application; core: Core; config: Config; logger: Logger }): Promise<void> | void;
}
