/** Teams rejects messages over about 28 KB (text plus attachments). */
export const TEAMS_MAX_MESSAGE_BYTES = 28 * 1024;
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface ActivityProblem {
  status: number;
  code: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks what the Connector would refuse in an outgoing activity; null when acceptable. */
export function checkOutgoingActivity(activity: unknown, maxMessageBytes: number): ActivityProblem | null {
  if (!isObject(activity) || typeof activity.type !== 'string') {
    return { status: 400, code: 'BadArgument', message: 'Activity must be an object with a type.' };
  }
  const attachments = activity.attachments;
  if (attachments !== undefined && !Array.isArray(attachments)) {
    return { status: 400, code: 'BadArgument', message: 'attachments must be an array.' };
  }
  for (const [i, a] of (attachments ?? []).entries()) {
    if (!isObject(a) || typeof a.contentType !== 'string') {
      return { status: 400, code: 'BadArgument', message: `attachments[${i}] has no contentType.` };
    }
    if (a.contentType === ADAPTIVE_CARD_CONTENT_TYPE) {
      const card = a.content;
      if (!isObject(card) || card.type !== 'AdaptiveCard' || typeof card.version !== 'string') {
        return {
          status: 400,
          code: 'BadArgument',
          message: `attachments[${i}] is not an Adaptive Card (type AdaptiveCard and a version are required).`,
        };
      }
    }
  }
  if (activity.type === 'message') {
    const hasText = typeof activity.text === 'string' && activity.text.length > 0;
    if (!hasText && (attachments ?? []).length === 0 && activity.value === undefined) {
      return { status: 400, code: 'BadArgument', message: 'Message activity needs text or attachments.' };
    }
  }
  const size = Buffer.byteLength(JSON.stringify({ text: activity.text ?? '', attachments: attachments ?? [] }), 'utf8');
  if (size > maxMessageBytes) {
    return { status: 413, code: 'MessageSizeTooBig', message: `Message size ${size} bytes exceeds the limit of ${maxMessageBytes} bytes.` };
  }
  return null;
}
