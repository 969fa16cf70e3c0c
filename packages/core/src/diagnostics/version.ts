import { version } from '../../package.json';

/** The version of `@connect-chat/core` that is running. */
export const coreVersion: string = version;
