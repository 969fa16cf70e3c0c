// Attachments: send a file with real progress and a cancel button, follow the scan verdict, and download.
import {
  type ChatSession,
  createChatSession,
  defaultAttachmentContentTypes,
  isChatError,
} from '@connect-chat/core';
import {
  createFetchParticipantApi,
  createWebSocketFactory,
  createXhrAttachmentTransfer,
} from '@connect-chat/transport';

declare const chatDetails: { contactId: string; participantId: string; participantToken: string };
declare function showProgress(fraction: number): void;
declare function showAttachmentState(entryKey: string, state: string): void;

const session = createChatSession({
  chatDetails,
  participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
  sockets: createWebSocketFactory(),
  attachments: {
    transfer: createXhrAttachmentTransfer(), // progress as the bytes leave; the default (fetch) reports start and end only
    allowedContentTypes: [...defaultAttachmentContentTypes, 'image/gif'], // only if your instance allows more
  },
});

// -- sending, with progress and cancel --
const picker = document.querySelector<HTMLInputElement>('input[type=file]')!;
const cancelButton = document.querySelector<HTMLButtonElement>('#cancel-upload')!;

picker.addEventListener('change', async () => {
  const file = picker.files?.[0];
  if (!file) return;
  const upload = new AbortController();
  cancelButton.onclick = () => upload.abort();
  try {
    const { attachmentId } = await session.sendAttachment(file, {
      signal: upload.signal,
      onProgress: (sentBytes, totalBytes) => showProgress(sentBytes / totalBytes),
    });
    console.debug('sent', attachmentId);
  } catch (error) {
    if (!isChatError(error)) throw error;
    if (error.code === 'aborted') return; // cancelled: nothing is left in the transcript
    if (error.code === 'validation')
      alert(error.message); // too big, empty, or a type the instance refuses
    else alert(`The file could not be sent (${error.code}).`);
  }
});

// -- the scan verdict, when the instance scans attachments --
session.on('attachmentStatus', ({ status, entry }) => {
  showAttachmentState(
    entry.key,
    status === 'APPROVED' ? 'ready' : status === 'REJECTED' ? 'blocked' : 'scanning',
  );
});

// -- downloading --
async function openAttachment(chat: ChatSession, attachmentId: string): Promise<void> {
  const { url } = await chat.getAttachmentUrl(attachmentId, { expiresInSeconds: 60 }); // 5..300 s
  window.open(url, '_blank', 'noopener');
}

async function saveAttachment(chat: ChatSession, attachmentId: string, name: string): Promise<void> {
  const bytes = await chat.downloadAttachment(attachmentId); // a Blob
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(bytes),
    download: name,
  });
  link.click();
  URL.revokeObjectURL(link.href);
}

export { openAttachment, saveAttachment };
