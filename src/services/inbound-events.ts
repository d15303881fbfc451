import type { ConversationRef, UserRef, WorkspaceRef } from '../domain/identity';

/**
 * What adapters hand to the core. Every event names the actor's platform identity, so that
 * services can check roles and tenancy without knowing which platform it came from.
 */
export interface Actor extends UserRef {
  displayName?: string;
}

/** A typed command: Slack `/mission ...` or a Teams message starting with `mission`. */
export interface CommandEvent {
  actor: Actor;
  where: ConversationRef;
  /** The command word, e.g. "mission", "checkin", "blocker". */
  command: string;
  /** The text after the command word, with mentions normalised to `<@userId>`. */
  text: string;
  /** Display names of the people mentioned, by user id, where the platform supplied them. */
  mentionNames: Record<string, string>;
  /** Identifies this delivery (Teams: conversation and activity id): a repeated delivery is processed once. */
  deliveryId?: string;
}

/** A button pressed on a message the bot sent. */
export interface ActionEvent {
  actor: Actor;
  where: ConversationRef;
  actionId: string;
  value: string;
  /** The platform id of the message the button sits on, so the service can update it. */
  messageId?: string;
  /** Identifies this delivery (Teams: conversation and activity id): a repeated delivery is processed once. */
  deliveryId?: string;
}

/** A submitted form (Slack modal, Teams Adaptive Card inputs). */
export interface FormSubmitEvent {
  actor: Actor;
  where?: ConversationRef;
  formId: string;
  state: string;
  values: Record<string, string>;
  messageId?: string;
  /** Identifies this delivery (Teams: conversation and activity id): a repeated delivery is processed once. */
  deliveryId?: string;
}

/** A plain message to the bot in a direct message (not a command). */
export interface DirectMessageEvent {
  actor: Actor;
  where: ConversationRef;
  text: string;
  /** Platform message id, used to process a redelivered message once. */
  messageId: string;
}

/** The app was installed or removed for a user or a team, or a user first spoke to the bot. */
export interface ReachabilityEvent {
  user: Actor;
  /** The direct-message conversation the bot can use for this user. */
  dm: ConversationRef;
  /**
   * `message`: seen on an ordinary direct message, which repeats the same conversation every
   * time, so a recent confirmation by this process is enough. Install signals always check.
   */
  seenOn?: 'install' | 'message';
}

/**
 * A person looks at their overview: the Slack App Home tab opened (no `where`), or `home` typed
 * in a conversation (`where`).
 */
export interface HomeEvent {
  actor: Actor;
  where?: ConversationRef;
}

/** A team (Teams) the bot was added to or removed from, with the channel it can post in. */
export interface TeamInstall extends WorkspaceRef {
  teamId: string;
  name?: string;
  /** The team's General channel; on Teams it carries the service URL for proactive posts. */
  channel: ConversationRef;
}

/**
 * The app was removed for a person, or added to / removed from a team. (A person adding it
 * is a ReachabilityEvent; a whole Slack workspace's install is the adapter's, with its tokens.)
 */
export type InstallEvent =
  | { kind: 'removed-for-person'; user: Actor }
  | { kind: 'added-to-team'; team: TeamInstall; by?: Actor }
  | { kind: 'removed-from-team'; team: TeamInstall; by?: Actor };
