import type { Application } from 'express';
import type { Config } from './config';
import type { ConversationRef, Platform, UserRef } from './domain/identity';
import type { PlatformSender } from './outbox/platform-sender';
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
  /** Mount the platform's inbound route(s) on the shared HTTP app; returns its outbound sender. */
  mount(opts: { http: Application; core: Core; config: Config; logger: Logger; directory: DmDirectory }): Promise<PlatformSender> | PlatformSender;
}

/**
 * Where the core keeps each person's direct-message conversation. Teams can only message
 * people through a conversation reference stored when they installed the app or spoke to it.
 */
export interface DmDirectory {
  findDm(user: UserRef): Promise<ConversationRef | undefined>;
}
