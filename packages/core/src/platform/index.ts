export type { BrowserGlobals } from './browser-platform';
export { browserPlatform } from './browser-platform';
export type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from './platform.types';
