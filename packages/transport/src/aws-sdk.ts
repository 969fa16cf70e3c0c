/**
 * `@connect-chat/transport/aws-sdk`: the participant API on `@aws-sdk/client-connectparticipant` (an optional peer
 * dependency). Import this subpath only when the app already ships the AWS SDK; otherwise use
 * `createFetchParticipantApi` from the main entry.
 */

export type {
  AwsSdkParticipantApiOptions,
  ParticipantClientOptions,
} from './participant-api/aws-sdk/aws-sdk-participant-api';
export {
  createAwsSdkParticipantApi,
  createParticipantClient,
} from './participant-api/aws-sdk/aws-sdk-participant-api';
export type { SdkRetrySettings, SdkRetryStrategy } from './participant-api/aws-sdk/sdk-retry-strategy';
export { createSdkRetryStrategy } from './participant-api/aws-sdk/sdk-retry-strategy';
