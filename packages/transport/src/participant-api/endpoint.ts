import { ChatError } from '@connect-chat/core';

/** Where the Participant Service lives: a region, or an explicit endpoint (e.g. the local emulator). */
export interface EndpointOptions {
  /** The AWS region of the Amazon Connect instance, e.g. `us-west-2`. */
  region?: string | undefined;
  /**
   * Overrides the endpoint, e.g. `http://127.0.0.1:4010`. A base path is kept (`http://h/base` sends
   * `/base/participant/message`); trailing slashes are ignored.
   */
  endpoint?: string | undefined;
}

/** The default regional endpoint: `https://participant.connect.{region}.amazonaws.com`. */
export function regionalEndpoint(region: string): string {
  return `https://participant.connect.${region}.amazonaws.com`;
}

/** Resolves the base URL requests are sent to, without a trailing slash. */
export function resolveBaseUrl(options: EndpointOptions): string {
  if (options.endpoint !== undefined && options.endpoint !== '') return options.endpoint.replace(/\/+$/, '');
  if (options.region !== undefined && options.region !== '') return regionalEndpoint(options.region);
  throw new ChatError('validation', 'unable to create participant api; pass a region or an endpoint');
}
