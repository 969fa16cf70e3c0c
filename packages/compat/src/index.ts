/**
 * `@connect-chat/compat`: a drop-in replacement for amazon-connect-chatjs. Importing it (or loading
 * `amazon-connect-chat.js` with a script tag) installs `connect.ChatSession`, `connect.LogLevel`, `connect.ChatJS`
 * and `connect.csmService` where they are absent; in Node or during server-side rendering it installs nothing and
 * never throws. For named imports without the global, use `@connect-chat/compat/module`.
 */
import './global-types';
import { ChatJS, ChatSession, installChatJsGlobals } from './module';

installChatJsGlobals({ ChatSession, ChatJS });

export * from './module';
