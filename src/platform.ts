import type { Application } from 'express';
import type { Config } from './config';
import type { ConversationRef, Platform, UserRef } from './domain/identity';
import type { InboundWork } from './inbound-work';
import type { PlatformSender } from './outbox/platform-sender';
import type { Logger } from './logger';
import type { Core } from './services/core';

/**
 * How a platform adapter plugs into the app without the core importing it: the process entry
 * (adapters/run-server.ts, or the playground) passes one of these per platform, and the core
 * only sees this interface.
 */
export interface PlatformPlugin {
  platform: Platform;
  /** Whether the configuration switches this platform on. */
  enabled(config: Config): boolean;
  /** Mount the platform's inbound route(s) on the shared HTTP app; returns its outbound sender. */
  mount(opts: MountOptions): Promise<PlatformSender> | PlatformSender;
}

export interface MountOptions {
  http: Application;
  core: Core;
  config: Config;
  logger: Logger;
  directory: DmDirectory;
  /** The adapter runs each inbound handler through this (a stop waits; Slack's outlive the HTTP answer). */
  inbound: InboundWork;
  /** Present when the app is installed through OAuth (an encryption key is configured). */
  installations?: InstallationVault;
}

/**
 * Where the core keeps each person's direct-message conversation. Teams can only message
 * people through a conversation reference stored when they installed the app or spoke to it.
 */
export interface DmDirectory {
  findDm(user: UserRef): Promise<ConversationRef | undefined>;
}

/**
 * Where an adapter keeps its platform's installations, tokens included (Slack OAuth). The core
 * seals each with the configured key and never looks inside: the adapter serialises its own
 * shape into `payload`.
 */
export interface InstallationVault {
  save(install: VaultInstallation): Promise<void>;
  /** The stored payload, opened; undefined when not installed or removed. */
  open(id: string): Promise<string | undefined>;
  /** Deletes the tokens and says so in the log; true when there were some. Safe to repeat. */
  remove(id: string, reason: string): Promise<boolean>;
}

export interface VaultInstallation {
  /** The workspace's id, or the organisation's for an org-wide install. */
  id: string;
  teamId?: string;
  enterpriseId?: string;
  orgWide: boolean;
  /** Who installed it (a platform user id). */
  installedBy?: string;
  /** The platform's installation as JSON: sealed before it is stored. */
  payload: string;
}
