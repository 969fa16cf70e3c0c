/**
 * The global `connect` namespace, for code written against ChatJS's own `index.d.ts` (a `<script>` tag, or
 * `import '@connect-chat/compat'` for its side effect). Every type is an alias of the module types in
 * `legacy.types.ts`, so the global and the module never disagree. Module users should `import type` instead;
 * script-tag users add `/// <reference types="@connect-chat/compat" />`.
 */
import type * as legacy from './legacy.types';

declare global {
  namespace connect {
    /** The `connect.ChatSession` object. */
    const ChatSession: legacy.ChatSessionApi;
    /** Which implementation, and which ChatJS API version, is loaded. */
    const ChatJS: legacy.ChatJSObject;
    /** `{ DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, ADVANCED_LOG: 50 }`. */
    const LogLevel: legacy.ChatLogLevel;
    /** Inert: no client-side metrics are sent. */
    const csmService: legacy.InertCsmService;

    type ChatJSObject = legacy.ChatJSObject;
    type ChatSessionObject = legacy.ChatSessionApi;
    type ChatSessionTypes = legacy.ChatSessionTypes;
    type ChatLogLevel = legacy.ChatLogLevel;
    type ChatLogger = InstanceType<legacy.LegacyLoggerClass>;
    type ChatGlobalConfig = legacy.ChatGlobalConfig;
    type ChatSessionOptions = legacy.ChatSessionOptions;
    type ChatDetailsInput = legacy.ChatDetailsInput;
    type ChatSessionArgs = legacy.ChatSessionArgs;
    type CustomerChatSessionArgs = legacy.CustomerChatSessionArgs;
    type AgentChatSessionArgs = legacy.AgentChatSessionArgs;
    type WebSocketManager = NonNullable<legacy.ChatSessionArgs['websocketManager']>;
    type NetworkLinkStatus = legacy.NetworkLinkStatus;
    type ChatController = legacy.ChatController;
    type ChatSessionInterface = legacy.ChatSessionInterface;
    type AgentChatSession = legacy.AgentChatSession;
    type CustomerChatSession = legacy.CustomerChatSession;
    type ChatDetails = legacy.ChatDetails;
    type ChatEventContentType = legacy.ChatEventContentType;
    type ChatMessageContentType = legacy.ChatMessageContentType;
    type ChatContentType = legacy.ChatContentType;
    type ChatMetadata<T> = { readonly metadata: T };
    type WithMetadata<D, M> = D & ChatMetadata<M>;
    type ParticipantServiceResponse<D> = legacy.ParticipantServiceResponse<D>;
    type AWSResponse<D> = ParticipantServiceResponse<D>;
    type ParticipantServiceError = legacy.ParticipantServiceError;
    type ConnectArgs = legacy.ConnectArgs;
    type ConnectChatResult = legacy.ConnectChatResult;
    type GetTranscriptArgs = legacy.GetTranscriptArgs;
    type GetTranscriptResult = legacy.GetTranscriptResult;
    type CancelParticipantAuthenticationArgs = legacy.CancelParticipantAuthenticationArgs;
    type GetAuthenticationUrlArgs = legacy.GetAuthenticationUrlArgs;
    type GetAuthenticationUrlResult = legacy.GetAuthenticationUrlResult;
    type ChatTranscriptItem = legacy.ChatTranscriptItem;
    type AttachmentItem = NonNullable<ChatTranscriptItem['Attachments']>[number];
    type SendMessageArgs = legacy.SendMessageArgs;
    type SendMessageResult = legacy.SendMessageResult;
    type SendEventArgs = legacy.SendEventArgs;
    type SendEventResult = legacy.SendEventResult;
    type SendAttachmentArgs = legacy.SendAttachmentArgs;
    type SendAttachmentResult = Record<string, never>;
    type DownloadAttachmentArgs = legacy.AttachmentIdArgs;
    type GetAttachmentURLArgs = legacy.AttachmentIdArgs;
    type GetAttachmentURLResult = { readonly Url: string };
    type DescribeViewArgs = legacy.DescribeViewArgs;
    type DescribeViewResult = legacy.DescribeViewResult;
    type View = NonNullable<DescribeViewResult['View']>;
    type ViewContent = NonNullable<View['Content']>;
    type ChatEventData = legacy.ChatEventData;
    type ChatMessageEvent = legacy.ChatMessageEvent;
    type ChatTypingEvent = legacy.ChatTypingEvent;
    type ChatConnectionBrokenEvent = legacy.ChatConnectionBrokenEvent;
    type ChatConnectionEstablishedEvent = legacy.ChatConnectionEstablishedEvent;
    type ChatConnectionLostEvent = legacy.ChatConnectionLostEvent;
    type ChatEndedEvent = legacy.ChatEndedEvent;
    type ChatTranscriptUpdatedEvent = legacy.ChatTranscriptUpdatedEvent;
    type ChatAuthenticationInitiatedEvent = legacy.ChatAuthenticationInitiatedEvent;
    type ChatParticipantDisplayNameUpdatedEvent = legacy.ChatParticipantDisplayNameUpdatedEvent;
    type CSMService = legacy.InertCsmService;
    type SetFeatureFlag = (feature: string) => void;
    type SetRegionOverride = (region: string) => void;
  }
}
