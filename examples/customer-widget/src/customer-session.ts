/**
 * The customer's session, built from the browser pieces: the participant API over `fetch`, the browser's
 * WebSocket, page and network events, and uploads over `XMLHttpRequest` (the one browser API that reports upload
 * progress as the bytes go).
 */
import { browserPlatform, type ChatDetails, type ChatSession, createChatSession } from '@connect-chat/core';
import {
  createFetchParticipantApi,
  createWebSocketFactory,
  createXhrAttachmentTransfer,
} from '@connect-chat/transport';
import type { PageSettings } from './page-settings';

/** A customer session for `chatDetails`, not connected yet. */
export function createCustomerSession(settings: PageSettings, chatDetails: ChatDetails): ChatSession {
  return createChatSession({
    chatDetails,
    // With no endpoint the regional one is used: https://participant.connect.<region>.amazonaws.com.
    participantApi: createFetchParticipantApi(
      settings.endpoint === undefined
        ? { region: settings.region }
        : { region: settings.region, endpoint: settings.endpoint },
    ),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
    attachments: { transfer: createXhrAttachmentTransfer() },
  });
}
