import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../../src/domain/identity';
import { SendError } from '../../src/outbox/platform-sender';
import { EMULATOR_TENANT } from './teams-inbound';

const CONVERSATION_TYPES: Record<ConversationRef['kind'], string> = { dm: 'personal', channel: 'channel', group: 'groupChat' };

/**
 * The reference botbuilder needs to message a conversation proactively, rebuilt from what the
 * core stores. Teams routes by service URL and conversation id; the tenant keeps the call in
 * the right organisation.
 */
export function toConversationReference(ref: ConversationRef, appId: string): Partial<ConversationReference> {
  if (!ref.serviceUrl) {
    throw new SendError('permanent', `Teams conversation ${ref.conversationId} has no service URL; the bot must hear from it first`);
  }
  const emulator = ref.workspaceId === EMULATOR_TENANT;
  return {
    channelId: emulator ? 'emulator' : 'msteams',
    serviceUrl: ref.serviceUrl,
    bot: { id: `28:${appId}`, name: 'Mission Pulse' },
    conversation: {
      id: ref.conversationId,
      conversationType: CONVERSATION_TYPES[ref.kind],
      isGroup: ref.kind !== 'dm',
      name: '',
      ...(emulator ? {} : { tenantId: ref.workspaceId }),
    },
  };
}
