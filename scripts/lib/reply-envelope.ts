import type { Activity } from 'botbuilder';

/**
 * What botbuilder adds from the turn to a reply in a personal chat (channel, service URL, locale, bot and user,
 * conversation, the message replied to): the envelope of the sample answers the connector-sends test and bench send.
 */
export function personalReplyEnvelope(serviceUrl: string, conversationId: string, replyToId: string): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl,
    locale: 'nl-NL',
    from: { id: '28:baken', name: 'Baken' },
    recipient: { id: '29:user', name: 'Sanne', aadObjectId: '00000000-0000-0000-0000-0000000000bb' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
    replyToId,
  };
}
